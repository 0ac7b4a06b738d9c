//! Parsing the attribute: `#[handler(name = "...", init = path, main = false, logging = false)]`.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, ExprPath, Ident, Lit, LitBool, LitStr, Token};

/// The keys the attribute accepts, listed in errors about unknown ones.
const KEYS: &[&str] = &["name", "init", "shutdown", "main", "logging"];

/// What the attribute asked for.
pub(crate) struct HandlerArgs {
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
}

struct KeyValue {
    key: Ident,
    value: Expr,
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
        let value = input.parse()?;
        Ok(Self { key, value })
    }
}

impl Parse for HandlerArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = Self { name: None, init: None, shutdown: None, main: true, logging: true };
        let mut seen: Vec<String> = Vec::new();
        for pair in Punctuated::<KeyValue, Token![,]>::parse_terminated(input)? {
            let key = pair.key.to_string();
            if seen.contains(&key) {
                return Err(syn::Error::new(pair.key.span(), format!("`{key}` is given twice")));
            }
            match key.as_str() {
                "name" => args.name = Some(string_literal(&pair.value, "name")?),
                "init" => args.init = Some(path(&pair.value)?),
                "shutdown" => args.shutdown = Some(path(&pair.value)?),
                "main" => args.main = bool_literal(&pair.value, "main")?.value,
                "logging" => args.logging = bool_literal(&pair.value, "logging")?.value,
                _ => {
                    return Err(syn::Error::new(
                        pair.key.span(),
                        format!("unknown attribute key `{key}`; expected one of: {}", KEYS.join(", ")),
                    ));
                }
            }
            seen.push(key);
        }
        Ok(args)
    }
}

fn string_literal(value: &Expr, key: &str) -> syn::Result<LitStr> {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => {
            let name = text.value();
            let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if valid {
                Ok(text.clone())
            } else {
                Err(syn::Error::new(
                    text.span(),
                    format!("`{key}` must be a function name: letters, digits, `-` and `_`"),
                ))
            }
        }
        other => Err(syn::Error::new_spanned(other, format!("`{key}` takes a string, as in `{key} = \"orders\"`"))),
    }
}

fn bool_literal(value: &Expr, key: &str) -> syn::Result<LitBool> {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Bool(flag), .. }) => Ok(flag.clone()),
        other => Err(syn::Error::new_spanned(other, format!("`{key}` takes `true` or `false`"))),
    }
}

fn path(value: &Expr) -> syn::Result<ExprPath> {
    match value {
        Expr::Path(path) => Ok(path.clone()),
        other => Err(syn::Error::new_spanned(other, "`init` takes the path of a function, as in `init = connect`")),
    }
}
