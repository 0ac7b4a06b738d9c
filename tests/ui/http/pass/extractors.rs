//! Every kind of argument an HTTP handler takes, the body extractor last.

use faaskit::http::RequestContext;
use faaskit::http::axum::http::{HeaderMap, StatusCode};
use faaskit::http::axum::{Json, extract::Path, extract::Query};
use faaskit::{Context, Error, State};

struct Prices {
    vat_percent: u64,
}

fn prices() -> Result<Prices, Error> {
    Ok(Prices { vat_percent: 20 })
}

#[derive(serde::Deserialize)]
struct Page {
    page: u32,
}

#[faaskit::http(route = "/orders/{id}", method = "POST", init = prices, main = false)]
async fn update(
    Path(id): Path<String>,
    Query(page): Query<Page>,
    headers: HeaderMap,
    ctx: Context,
    prices: State<Prices>,
    context: Option<RequestContext>,
    Json(body): Json<serde_json::Value>,
) -> Result<Json<serde_json::Value>, StatusCode> {
    let _ = (headers, ctx, context);
    Ok(Json(serde_json::json!({"id": id, "page": page.page, "vat": prices.vat_percent, "body": body})))
}

/// Not served here: trybuild runs pass cases, and a generated `main` would serve forever.
fn main() {
    let handler = <update as faaskit::HandlerDefinition>::handler();
    assert!(handler.is_http());
}
