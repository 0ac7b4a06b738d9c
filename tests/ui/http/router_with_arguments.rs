#[faaskit::http]
fn app(prefix: String) -> faaskit::http::axum::Router {
    let _ = prefix;
    faaskit::http::axum::Router::new()
}
