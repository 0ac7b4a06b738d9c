//! sqs events (in progress).
