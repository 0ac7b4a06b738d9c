//! What `#[handler(...)]` and `#[http(...)]` share: `key = value` pairs, the values they take,
//! and the keys both accept.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, ExprPath, Ident, Lit, LitStr, Token};

use crate::crate_path::CratePath;

/// One `key = value` argument.
pub(crate) struct KeyValue {
    pub(crate) key: Ident,
    pub(crate) value: Expr,
}

impl Parse for KeyValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(
                key.span(),
                format!("expected `{key} = ...`: attribute arguments are `key = value` pairs"),
            ));
        }
        input.parse::<Token![=]>()?;
        Ok(Self { key, value: input.parse()? })
    }
}

/// The keys both attributes accept.
pub(crate) const COMMON_KEYS: &[&str] = &["name", "init", "shutdown", "main", "logging", "crate"];

/// What both attributes can ask for.
pub(crate) struct CommonArgs {
    /// The handler's name (default: the function's name).
    pub(crate) name: Option<LitStr>,
    /// The function that builds shared state at cold start.
    pub(crate) init: Option<ExprPath>,
    /// The function run once when the process is told to stop.
    pub(crate) shutdown: Option<ExprPath>,
    /// Whether to generate `main` (default: yes).
    pub(crate) main: bool,
    /// Whether faaskit sets up logging (default: yes).
    pub(crate) logging: bool,
    /// Where the generated code finds faaskit (default: `::faaskit`).
    pub(crate) krate: CratePath,
}

impl Default for CommonArgs {
    fn default() -> Self {
        Self { name: None, init: None, shutdown: None, main: true, logging: true, krate: CratePath::default() }
    }
}

impl CommonArgs {
    /// Takes `key = value` if `key` is one of [`COMMON_KEYS`]; `Ok(false)` for any other key.
    ///
    /// # Errors
    ///
    /// When the value is not what the key takes.
    pub(crate) fn take(&mut self, key: &str, value: &Expr) -> syn::Result<bool> {
        match key {
            "name" => self.name = Some(function_name(value, "orders")?),
            "init" => self.init = Some(function_path(value, "init", "connect")?),
            "shutdown" => self.shutdown = Some(function_path(value, "shutdown", "flush")?),
            "main" => self.main = boolean(value, "main")?,
            "logging" => self.logging = boolean(value, "logging")?,
            "crate" => self.krate = CratePath::parse(value)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Parses the attribute's arguments, refusing a key given twice or one not in `keys`.
///
/// # Errors
///
/// Spanned at the offending key; an unknown key's error lists `keys`.
pub(crate) fn parse_pairs(input: ParseStream<'_>, keys: &[&str]) -> syn::Result<Vec<(String, Expr)>> {
    let mut pairs: Vec<(String, Expr)> = Vec::new();
    for pair in Punctuated::<KeyValue, Token![,]>::parse_terminated(input)? {
        let key = pair.key.to_string();
        if pairs.iter().any(|(seen, _)| *seen == key) {
            return Err(syn::Error::new(pair.key.span(), format!("`{key}` is given twice")));
        }
        if !keys.contains(&key.as_str()) {
            return Err(syn::Error::new(
                pair.key.span(),
                format!("unknown attribute key `{key}`; expected one of: {}", keys.join(", ")),
            ));
        }
        pairs.push((key, pair.value));
    }
    Ok(pairs)
}

/// A string literal, as in `{key} = "{example}"`.
pub(crate) fn string(value: &Expr, key: &str, example: &str) -> syn::Result<LitStr> {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => Ok(text.clone()),
        other => Err(syn::Error::new_spanned(other, format!("`{key}` takes a string, as in `{key} = \"{example}\"`"))),
    }
}

/// A function name (`name = "orders"`): letters, digits, `-` and `_`.
pub(crate) fn function_name(value: &Expr, example: &str) -> syn::Result<LitStr> {
    let text = string(value, "name", example)?;
    let name = text.value();
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(text)
    } else {
        Err(syn::Error::new(text.span(), "`name` must be a function name: letters, digits, `-` and `_`"))
    }
}

/// `true` or `false`.
pub(crate) fn boolean(value: &Expr, key: &str) -> syn::Result<bool> {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Bool(flag), .. }) => Ok(flag.value),
        other => Err(syn::Error::new_spanned(other, format!("`{key}` takes `true` or `false`"))),
    }
}

/// The path of a function, as in `{key} = {example}`.
pub(crate) fn function_path(value: &Expr, key: &str, example: &str) -> syn::Result<ExprPath> {
    match value {
        Expr::Path(path) => Ok(path.clone()),
        other => Err(syn::Error::new_spanned(
            other,
            format!("`{key}` takes the path of a function, as in `{key} = {example}`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use syn::parse::Parser;

    use super::*;

    /// The error message of a refused argument.
    fn refusal<T>(result: syn::Result<T>) -> String {
        match result {
            Ok(_) => panic!("accepted"),
            Err(error) => error.to_string(),
        }
    }

    fn pairs(text: &str) -> syn::Result<Vec<(String, Expr)>> {
        (|input: ParseStream<'_>| parse_pairs(input, &["name", "init", "main"])).parse_str(text)
    }

    #[test]
    fn reads_pairs_in_order() {
        let keys: Vec<String> = pairs(r#"name = "orders", init = connect, main = false,"#)
            .expect("parses")
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        assert_eq!(keys, ["name", "init", "main"]);
    }

    #[test]
    fn refuses_a_key_given_twice() {
        assert_eq!(refusal(pairs("main = true, main = false")), "`main` is given twice");
    }

    #[test]
    fn lists_the_keys_when_one_is_unknown() {
        assert_eq!(refusal(pairs("nmae = \"x\"")), "unknown attribute key `nmae`; expected one of: name, init, main");
    }

    #[test]
    fn asks_for_a_value() {
        assert_eq!(refusal(pairs("main")), "expected `main = ...`: attribute arguments are `key = value` pairs");
    }

    #[test]
    fn names_the_key_a_wrong_value_was_given_to() {
        let value: Expr = syn::parse_str("\"flush\"").expect("expr");
        assert_eq!(
            refusal(function_path(&value, "shutdown", "flush")),
            "`shutdown` takes the path of a function, as in `shutdown = flush`"
        );
        let value: Expr = syn::parse_str("hello").expect("expr");
        assert_eq!(
            refusal(string(&value, "route", "/hello/{name}")),
            "`route` takes a string, as in `route = \"/hello/{name}\"`"
        );
        let value: Expr = syn::parse_str("\"my orders\"").expect("expr");
        assert!(function_name(&value, "orders").is_err());
        let value: Expr = syn::parse_str("1").expect("expr");
        assert_eq!(refusal(boolean(&value, "main")), "`main` takes `true` or `false`");
    }
}
