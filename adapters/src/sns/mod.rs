//! sns events (in progress).
