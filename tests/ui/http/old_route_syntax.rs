// axum 0.7's wildcard: axum 0.8 would refuse it when the router is built, at start-up.
#[faaskit::http(route = "/files/*path", method = "GET")]
async fn files() -> &'static str {
    "files"
}
