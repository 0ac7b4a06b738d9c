//! Decode benchmarks of sns events (being written).

fn main() {}
