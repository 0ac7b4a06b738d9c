//! Integration tests of the `s3_inventory` example (being written).
