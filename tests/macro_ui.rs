//! Compile-time behaviour of `#[faaskit::handler]` and `#[faaskit::http]`: what compiles, and the spanned, readable
//! error each misuse gets (`tests/ui/*.rs` with the expected `.stderr` beside each).
//!
//! The expected output is the compiler's under the README's test command (rustc's notes name
//! types differently when other features bring same-named items into scope); regenerate it after
//! a deliberate change with `TRYBUILD=overwrite cargo test --workspace --all-features --test macro_ui`.

#[test]
fn handler_attribute() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/*.rs");
}

/// `#[faaskit::http]`'s misuse errors (the attribute needs the `http` feature).
#[cfg(feature = "http")]
#[test]
fn http_attribute() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/http/pass/*.rs");
    cases.compile_fail("tests/ui/http/*.rs");
}
