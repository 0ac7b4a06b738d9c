//! Decode benchmarks of kinesis events (being written).

fn main() {}
