//! Builders of http events (being written).
