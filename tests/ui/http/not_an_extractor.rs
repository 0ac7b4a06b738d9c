struct Order;

#[faaskit::http(route = "/orders", method = "POST")]
async fn create(order: Order) -> &'static str {
    let _ = order;
    "created"
}
