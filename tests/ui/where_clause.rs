#[faaskit::handler]
async fn hello(name: String) -> String
where
    String: Clone,
{
    name
}
