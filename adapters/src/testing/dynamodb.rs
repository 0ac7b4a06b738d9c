//! Builders of dynamodb events (being written).
