//! Integration tests of the `http_api` example (being written).
