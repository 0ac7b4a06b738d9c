//! Builders of kinesis events (being written).
