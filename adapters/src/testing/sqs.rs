//! Builders of sqs events (being written).
