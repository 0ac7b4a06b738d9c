//! Several handlers in one binary, listed in `faaskit::main!`; plain and `()` returns.
#[faaskit::handler(main = false)]
async fn hello(_event: serde_json::Value) -> &'static str {
    "hello"
}

#[faaskit::handler(main = false)]
async fn nothing() {}

/// The `main` a real binary would have (not run here: trybuild runs pass cases, and it would
/// serve forever).
#[allow(dead_code)]
mod generated {
    use super::*;

    faaskit::main!(hello, nothing);
}

fn main() {
    let names: Vec<String> = [
        <hello as faaskit::HandlerDefinition>::handler(),
        <nothing as faaskit::HandlerDefinition>::handler(),
    ]
    .iter()
    .map(|handler| handler.name().to_owned())
    .collect();
    assert_eq!(names, ["hello", "nothing"]);
}
