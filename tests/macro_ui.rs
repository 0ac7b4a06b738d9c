//! Compile-time behaviour of `#[faaskit::handler]`: what compiles, and the spanned, readable
//! error each misuse gets (`tests/ui/*.rs` with the expected `.stderr` beside each).
//!
//! Regenerate the expected output after a deliberate change with `TRYBUILD=overwrite`.

#[test]
fn handler_attribute() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/*.rs");
}
