//! http events (in progress).
