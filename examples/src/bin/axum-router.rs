//! `axum-router`: an axum application written for a normal server, run on faaskit unchanged.
//!
//! [`router`] is the application as it was: several routes, shared state, a nested router, a
//! query extractor and JSON. Moving it to Lambda changed only `main`: `axum::serve(listener,
//! router())` became `faaskit::http::run(router())`. Its routes match the same behind an API
//! Gateway REST API stage (`/prod/api/todos` routes as `/api/todos`), on an HTTP API, an ALB or a
//! Function URL, and locally over plain HTTP.
//!
//! | request | response |
//! | --- | --- |
//! | `GET /health` | `200` `ok` |
//! | `POST /api/todos` `{"title": "..."}` | `201`, the new todo `{"id", "title", "done": false}` |
//! | `GET /api/todos` (`?done=true\|false`) | `200`, the todos as a JSON array; `400` for another `done` |
//! | `GET /api/todos/{id}` | `200` the todo, or `404` `{"error": "no todo {id}"}`; `400` for an `id` that is not a number |
//! | `PUT /api/todos/{id}/done` | `200` the todo, marked done, or `404` `{"error": "no todo {id}"}` |
//! | another method on these paths (`POST /health`) | `405` (axum's answer) |
//! | any other path | `404` |
//!
//! The todos live in the process's memory: they last as long as the Lambda execution
//! environment (or the local server).
//!
//! ```text
//! cargo run -p faaskit-examples --bin axum-router
//! curl -s localhost:9000/api/todos -H 'content-type: application/json' -d '{"title":"write docs"}'
//! curl -s localhost:9000/api/todos
//! ```

use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// A todo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Todo {
    /// Its id, from 1.
    pub id: u64,
    /// What to do.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// The body of `POST /api/todos`.
#[derive(Debug, Deserialize)]
pub struct NewTodo {
    /// What to do.
    pub title: String,
}

/// The filter of `GET /api/todos`.
#[derive(Debug, Deserialize)]
pub struct Filter {
    /// Only the todos done (or not done).
    pub done: Option<bool>,
}

/// The application's state: the todos, shared by every request.
#[derive(Clone, Default)]
pub struct AppState {
    todos: Arc<Mutex<Vec<Todo>>>,
}

/// A todo that does not exist.
fn not_found(id: u64) -> Response {
    (StatusCode::NOT_FOUND, Json(serde_json::json!({ "error": format!("no todo {id}") }))).into_response()
}

async fn health() -> &'static str {
    "ok"
}

async fn list(State(state): State<AppState>, Query(filter): Query<Filter>) -> Json<Vec<Todo>> {
    let todos = state.todos.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    Json(todos.iter().filter(|todo| filter.done.is_none_or(|done| todo.done == done)).cloned().collect())
}

async fn create(State(state): State<AppState>, Json(new): Json<NewTodo>) -> (StatusCode, Json<Todo>) {
    let mut todos = state.todos.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let todo = Todo { id: todos.len() as u64 + 1, title: new.title, done: false };
    todos.push(todo.clone());
    (StatusCode::CREATED, Json(todo))
}

async fn show(State(state): State<AppState>, Path(id): Path<u64>) -> Response {
    let todos = state.todos.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match todos.iter().find(|todo| todo.id == id) {
        Some(todo) => Json(todo.clone()).into_response(),
        None => not_found(id),
    }
}

async fn finish(State(state): State<AppState>, Path(id): Path<u64>) -> Response {
    let mut todos = state.todos.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match todos.iter_mut().find(|todo| todo.id == id) {
        Some(todo) => {
            todo.done = true;
            Json(todo.clone()).into_response()
        }
        None => not_found(id),
    }
}

/// The todo API, nested under `/api`.
fn api() -> Router<AppState> {
    Router::new()
        .route("/todos", get(list).post(create))
        .route("/todos/{id}", get(show))
        .route("/todos/{id}/done", put(finish))
}

/// The application, exactly as it is served by `axum::serve` on a normal server.
pub fn router() -> Router {
    Router::new().route("/health", get(health)).nest("/api", api()).with_state(AppState::default())
}

fn main() -> std::process::ExitCode {
    // On a server: `axum::serve(tokio::net::TcpListener::bind(addr).await?, router()).await`.
    faaskit::http::run(router())
}

#[cfg(test)]
mod tests {
    use faaskit::testing::{ApiGatewayRestEvent, HttpEventResponse, TestFunction};
    use serde_json::json;

    use super::*;

    async fn call(function: &TestFunction, request: http::Request<String>) -> HttpEventResponse {
        let event = ApiGatewayRestEvent::from_request(request).stage("prod");
        let json = function.invoke(event).await.expect("an HTTP response");
        HttpEventResponse::from_json(&json).expect("a REST API response")
    }

    #[tokio::test]
    async fn its_routes_match_behind_a_rest_api_stage() {
        let function = TestFunction::new(faaskit::http::handler("axum-router", router())).await.expect("prepares");
        let create = http::Request::post("/api/todos")
            .header("content-type", "application/json")
            .body(json!({"title": "ship it"}).to_string())
            .expect("request");
        let created = call(&function, create).await;
        assert_eq!(created.status, 201);
        assert_eq!(serde_json::from_slice::<Todo>(&created.body).expect("a todo").title, "ship it");
        let shown = call(&function, http::Request::get("/api/todos/1").body(String::new()).expect("request")).await;
        assert_eq!(serde_json::from_slice::<Todo>(&shown.body).expect("a todo").id, 1);
        let health = call(&function, http::Request::get("/health").body(String::new()).expect("request")).await;
        assert_eq!(health.text(), "ok");
    }
}
