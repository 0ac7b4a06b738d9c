// `faaskit::main!` is `fn main` itself: inside a function, the `main` it defines would never
// run, and the binary would exit at once doing nothing.
#[faaskit::handler(main = false)]
async fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}

fn main() {
    faaskit::main!(hello);
}
