#[derive(serde::Deserialize)]
struct Greeting {
    name: String,
}

#[faaskit::handler]
async fn hello(first: Greeting, second: Greeting) -> String {
    format!("{} {}", first.name, second.name)
}
