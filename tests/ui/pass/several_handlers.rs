//! Several handlers in one binary, listed in `faaskit::main!` by name or path; plain and `()`
//! returns.
#[faaskit::handler(main = false)]
async fn hello(_event: serde_json::Value) -> &'static str {
    "hello"
}

#[faaskit::handler(main = false)]
async fn nothing() {}

mod farewells {
    #[faaskit::handler(main = false, logging = false)]
    pub async fn goodbye(_event: serde_json::Value) -> &'static str {
        "goodbye"
    }
}

/// The `main` a real binary would have (not run here: trybuild runs pass cases, and it would
/// serve forever). `run` calls it, as the program's entry would.
#[allow(dead_code)]
mod generated {
    use super::*;

    faaskit::main!(hello, nothing, farewells::goodbye,);

    pub(crate) fn run() -> std::process::ExitCode {
        std::process::Termination::report(main())
    }
}

fn main() {
    let names: Vec<String> = [
        <hello as faaskit::HandlerDefinition>::handler(),
        <nothing as faaskit::HandlerDefinition>::handler(),
        <farewells::goodbye as faaskit::HandlerDefinition>::handler(),
    ]
    .iter()
    .map(|handler| handler.name().to_owned())
    .collect();
    assert_eq!(names, ["hello", "nothing", "goodbye"]);
    assert!(<hello as faaskit::HandlerDefinition>::LOGGING);
    assert!(!<farewells::goodbye as faaskit::HandlerDefinition>::LOGGING, "the attribute said `logging = false`");
}
