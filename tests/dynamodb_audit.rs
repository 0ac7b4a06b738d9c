//! Integration tests of the `dynamodb_audit` example (being written).
