//! A bare axum server: the reference the faaskit local server is measured against.
//!
//! It serves what the faaskit examples serve locally: `GET /hello/{name}` (as `http-api`) and the
//! Invoke API path running the `hello` function, on `FAASKIT_ADDR` (default `127.0.0.1:9000`),
//! and prints `listening on http://ADDR` as faaskit does. Its router has the layer `http-api`'s
//! router has (`DefaultBodyLimit::disable()`), so both servers run the same router and the
//! difference is what serves it.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path};
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Greeting {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Serialize)]
struct Reply {
    message: String,
}

/// The Invoke API sends JSON without a content type: read the body as bytes, as Lambda does.
async fn invoke(body: Bytes) -> Result<Json<Reply>, (StatusCode, String)> {
    let greeting: Greeting = serde_json::from_slice(&body).map_err(|err| (StatusCode::BAD_REQUEST, err.to_string()))?;
    let name = greeting.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or("world");
    Ok(Json(Reply { message: format!("Hello, {name}!") }))
}

async fn hello(Path(name): Path<String>) -> String {
    format!("Hello, {name}!")
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("FAASKIT_ADDR").unwrap_or_else(|_| "127.0.0.1:9000".into());
    let app = Router::new()
        .route("/hello/{name}", get(hello))
        .route("/2015-03-31/functions/{function}/invocations", post(invoke))
        .layer(DefaultBodyLimit::disable());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
