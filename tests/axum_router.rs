//! Integration tests of the `axum_router` example (being written).
