//! Builders of s3 events (being written).
