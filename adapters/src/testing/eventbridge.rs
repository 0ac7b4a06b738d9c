//! Builders of eventbridge events (being written).
