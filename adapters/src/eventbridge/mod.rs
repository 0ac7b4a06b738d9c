//! eventbridge events (in progress).
