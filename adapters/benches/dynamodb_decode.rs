//! Decode benchmarks of dynamodb events (being written).

fn main() {}
