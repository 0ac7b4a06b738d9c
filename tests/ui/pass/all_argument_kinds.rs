//! Every argument kind, a fallible return, init and shutdown functions and a custom name compile.
//! (`main = false`: trybuild runs pass cases, and a generated `main` would serve forever.)
use faaskit::{Context, Error, State};

#[derive(serde::Deserialize)]
struct Order {
    id: String,
}

struct Db;

async fn connect() -> Result<Db, Error> {
    Ok(Db)
}

async fn flush() {}

#[faaskit::handler(name = "place-order", init = connect, shutdown = flush, logging = false, main = false)]
async fn place_order(ctx: Context, order: Order, db: State<Db>) -> Result<String, std::io::Error> {
    let _ = (&ctx, &db);
    Ok(order.id)
}

#[allow(dead_code)]
async fn still_a_plain_function() -> Result<String, std::io::Error> {
    place_order(Context::builder().build(), Order { id: "1".into() }, State::new(Db)).await
}

fn main() {
    let handler = <place_order as faaskit::HandlerDefinition>::handler();
    assert_eq!(handler.name(), "place-order");
    assert_eq!(<place_order as faaskit::HandlerDefinition>::NAME, Some("place-order"), "known when it compiles");
}
