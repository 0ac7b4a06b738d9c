//! Encoding a handler's output as the JSON its caller receives.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::Error;

/// Serializes a handler's output once, into the JSON sent back to Lambda or the local caller.
///
/// # Errors
///
/// A [`Error::ENCODE`] error when the value cannot be represented as JSON (a map with
/// non-string keys, a failing `Serialize` implementation).
pub fn encode_output<T: Serialize + ?Sized>(output: &T) -> Result<Box<RawValue>, Error> {
    serde_json::value::to_raw_value(output)
        .map_err(|err| Error::new(Error::ENCODE, format!("cannot encode the handler's output as JSON: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn encodes_values() {
        assert_eq!(encode_output(&serde_json::json!({"a": 1})).expect("ok").get(), r#"{"a":1}"#);
        assert_eq!(encode_output(&()).expect("ok").get(), "null");
    }

    #[test]
    fn reports_unencodable_output() {
        let mut map = HashMap::new();
        map.insert((1, 2), "pair keys are not JSON");
        let err = encode_output(&map).expect_err("tuple keys");
        assert_eq!(err.error_type(), Error::ENCODE);
        assert!(err.message().contains("key must be a string"), "{}", err.message());
    }
}
