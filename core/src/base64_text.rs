//! base64 decode errors in words: the character and where it is, not its byte value.

use base64::DecodeError;

/// What is wrong with `text`, which did not decode as base64, for an error message.
///
/// `base64` says "Invalid symbol 64, offset 0."; this says "`@` at offset 0 is not a base64
/// character", and names a character outside ASCII as the character it is.
///
/// # Examples
///
/// ```
/// use base64::Engine as _;
/// # use faaskit::__private::describe_base64_error;
/// let err = base64::engine::general_purpose::STANDARD.decode("@AAA").unwrap_err();
/// assert_eq!(describe_base64_error(&err, b"@AAA"), "`@` at offset 0 is not a base64 character");
/// ```
pub fn describe_base64_error(err: &DecodeError, text: &[u8]) -> String {
    match *err {
        DecodeError::InvalidByte(offset, byte) => {
            format!("{} at offset {offset} is not a base64 character", shown_at(text, offset, byte))
        }
        DecodeError::InvalidLength(length) => {
            format!("{length} characters is not a length base64 can have")
        }
        DecodeError::InvalidLastSymbol(offset, byte) => {
            format!("the last character, {} at offset {offset}, has bits past the end of the data", shown(byte))
        }
        DecodeError::InvalidPadding => "the `=` padding is missing or misplaced".to_owned(),
    }
}

/// The character that starts at `offset` of `text`, quoted, when it is one outside ASCII;
/// else as [`shown`] gives `byte`.
fn shown_at(text: &[u8], offset: usize, byte: u8) -> String {
    let rest = text.get(offset..).unwrap_or_default();
    let head = &rest[..rest.len().min(4)];
    let first = match std::str::from_utf8(head) {
        Ok(valid) => valid.chars().next(),
        Err(err) => std::str::from_utf8(&head[..err.valid_up_to()]).ok().and_then(|valid| valid.chars().next()),
    };
    match first {
        Some(character) if !character.is_ascii() => format!("`{character}`"),
        _ => shown(byte),
    }
}

/// A byte as the character it is, quoted, or as hex when it is not printable ASCII.
fn shown(byte: u8) -> String {
    if byte.is_ascii_graphic() { format!("`{}`", char::from(byte)) } else { format!("byte 0x{byte:02x}") }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    use super::*;

    fn problem(text: &str) -> String {
        describe_base64_error(&base64::engine::general_purpose::STANDARD.decode(text).unwrap_err(), text.as_bytes())
    }

    #[test]
    fn names_the_character_and_where_it_is() {
        assert_eq!(problem("ab@d"), "`@` at offset 2 is not a base64 character");
        assert_eq!(problem("ab\td"), "byte 0x09 at offset 2 is not a base64 character");
        assert_eq!(problem("abéd"), "`é` at offset 2 is not a base64 character");
        assert_eq!(problem("abcde"), "5 characters is not a length base64 can have");
        assert_eq!(problem("ab="), "the `=` padding is missing or misplaced");
        assert!(problem("ab==").contains("at offset"));
    }
}
