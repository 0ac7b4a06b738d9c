//! Decode benchmarks of eventbridge events (being written).

fn main() {}
