//! dynamodb events (in progress).
