//! Test helpers (filled in by the testing toolkit).
