// An `Rc` held across an `.await`: the handler's future is not `Send`, so it cannot serve.
use std::rc::Rc;

async fn tick() {}

#[faaskit::http(route = "/hello", method = "GET")]
async fn hello() -> String {
    let count = Rc::new(1);
    tick().await;
    count.to_string()
}
