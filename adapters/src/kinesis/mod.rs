//! kinesis events (in progress).
