//! Decode benchmarks of sqs events (being written).

fn main() {}
