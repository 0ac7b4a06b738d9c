//! s3 events (in progress).
