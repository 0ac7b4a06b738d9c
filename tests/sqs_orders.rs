//! Integration tests of the `sqs_orders` example (being written).
