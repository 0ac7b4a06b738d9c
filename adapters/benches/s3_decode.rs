//! Decode benchmarks of s3 events (being written).

fn main() {}
