use faaskit::http::axum::{Json, extract::Path};

#[faaskit::http(route = "/orders/{id}", method = "POST")]
async fn update(Json(body): Json<serde_json::Value>, Path(id): Path<String>) -> String {
    format!("{id} {body}")
}
