//! Handlers a `macro_rules!` writes compile: with the return type in the macro's own text, and
//! passed in as a `ty` fragment.
macro_rules! greeter {
    ($name:ident) => {
        #[faaskit::handler(main = false)]
        async fn $name(_event: serde_json::Value) -> Result<String, std::io::Error> {
            Ok(String::from("hi"))
        }
    };
    ($name:ident -> $answer:ty) => {
        #[faaskit::handler(main = false)]
        async fn $name(_event: serde_json::Value) -> $answer {
            <$answer>::default()
        }
    };
}

greeter!(hi);
greeter!(count -> u32);
greeter!(list -> Vec<String>);

fn main() {
    let names: Vec<String> = [
        <hi as faaskit::HandlerDefinition>::handler(),
        <count as faaskit::HandlerDefinition>::handler(),
        <list as faaskit::HandlerDefinition>::handler(),
    ]
    .iter()
    .map(|handler| handler.name().to_owned())
    .collect();
    assert_eq!(names, ["hi", "count", "list"]);
}
