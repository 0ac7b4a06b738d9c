#[faaskit::handler]
async fn hello(event: serde_json::Value, ctx: &faaskit::Context) -> String {
    format!("{event} {}", ctx.request_id())
}
