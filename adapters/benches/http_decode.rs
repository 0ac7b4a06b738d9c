//! Decode benchmarks of http events (being written).

fn main() {}
