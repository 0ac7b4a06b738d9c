// A handler migrated from lambda_runtime that still takes `LambdaEvent<T>`.
mod lambda_runtime {
    pub struct LambdaEvent<T> {
        pub payload: T,
    }
}

#[derive(serde::Deserialize)]
struct Job {
    items: u32,
}

#[faaskit::handler]
async fn job(event: lambda_runtime::LambdaEvent<Job>) -> u32 {
    event.payload.items
}
