#[faaskit::handler(main = false)]
async fn hello(_event: serde_json::Value) -> &'static str {
    "hello"
}

mod other {
    #[faaskit::handler(main = false, name = "hello")]
    pub async fn greet(_event: serde_json::Value) -> &'static str {
        "hi"
    }
}

faaskit::main!(hello, other::greet);
