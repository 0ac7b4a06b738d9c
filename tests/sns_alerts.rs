//! Integration tests of the `sns_alerts` example (being written).
