//! Builders of sns events (being written).
