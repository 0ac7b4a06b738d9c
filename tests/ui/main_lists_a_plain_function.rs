// `faaskit::main!` lists handlers: a function without the attribute is not one.
#[faaskit::handler(main = false)]
async fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}

async fn helper() {}

faaskit::main!(hello, helper);
