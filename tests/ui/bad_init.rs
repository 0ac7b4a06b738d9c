fn connect(url: &str) -> Result<String, std::io::Error> {
    Ok(url.to_owned())
}

#[faaskit::handler(init = connect)]
async fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}
