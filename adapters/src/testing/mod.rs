//! Event builders (in progress).
