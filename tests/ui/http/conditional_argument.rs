#[faaskit::http(route = "/hello/{name}", method = "GET")]
async fn hello(#[cfg(any())] name: faaskit::http::axum::extract::Path<String>) -> String {
    String::from("hello")
}
