//! Parsing `#[http(name = "...", route = "/path", method = "GET", init = path, shutdown = path, main = false, logging = false)]`.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, ExprPath, Ident, Lit, LitStr, Token};

/// The keys the attribute accepts, listed in errors about unknown ones.
const KEYS: &[&str] = &["name", "route", "method", "init", "shutdown", "main", "logging"];

/// The methods `method = "..."` accepts.
pub(crate) const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"];

/// What the attribute asked for.
pub(crate) struct HttpArgs {
    /// The handler's name (default: the function's name).
    pub(crate) name: Option<LitStr>,
    /// The route the handler answers on (default: every path).
    pub(crate) route: Option<LitStr>,
    /// The methods it answers (default: every method), upper case.
    pub(crate) methods: Option<(LitStr, Vec<String>)>,
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
        Ok(Self { key, value: input.parse()? })
    }
}

impl Parse for HttpArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args =
            Self { name: None, route: None, methods: None, init: None, shutdown: None, main: true, logging: true };
        let mut seen: Vec<String> = Vec::new();
        for pair in Punctuated::<KeyValue, Token![,]>::parse_terminated(input)? {
            let key = pair.key.to_string();
            if seen.contains(&key) {
                return Err(syn::Error::new(pair.key.span(), format!("`{key}` is given twice")));
            }
            match key.as_str() {
                "name" => args.name = Some(name(&pair.value)?),
                "route" => args.route = Some(route(&pair.value)?),
                "method" => args.methods = Some(methods(&pair.value)?),
                "init" => args.init = Some(path(&pair.value, "init = connect")?),
                "shutdown" => args.shutdown = Some(path(&pair.value, "shutdown = flush")?),
                "main" => args.main = boolean(&pair.value, "main")?,
                "logging" => args.logging = boolean(&pair.value, "logging")?,
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

fn string(value: &Expr, example: &str) -> syn::Result<LitStr> {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => Ok(text.clone()),
        other => Err(syn::Error::new_spanned(other, format!("expected a string, as in `{example}`"))),
    }
}

fn name(value: &Expr) -> syn::Result<LitStr> {
    let text = string(value, "name = \"api\"")?;
    let name = text.value();
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(text)
    } else {
        Err(syn::Error::new(text.span(), "`name` must be a function name: letters, digits, `-` and `_`"))
    }
}

fn route(value: &Expr) -> syn::Result<LitStr> {
    let text = string(value, "route = \"/hello/{name}\"")?;
    let route = text.value();
    if !route.starts_with('/') {
        return Err(syn::Error::new(
            text.span(),
            "`route` is a path that starts with `/`, as in `route = \"/hello/{name}\"`",
        ));
    }
    if route.contains([':', '?', '#']) && !route.contains('{') {
        return Err(syn::Error::new(
            text.span(),
            "`route` takes axum's path syntax: `{param}` for a segment and `{*rest}` for the rest, no query",
        ));
    }
    Ok(text)
}

fn methods(value: &Expr) -> syn::Result<(LitStr, Vec<String>)> {
    let text = string(value, "method = \"GET\"")?;
    let mut methods = Vec::new();
    for method in text.value().split(',').map(str::trim) {
        let upper = method.to_ascii_uppercase();
        if !METHODS.contains(&upper.as_str()) {
            return Err(syn::Error::new(
                text.span(),
                format!(
                    "`{method}` is not an HTTP method; expected one or more of {}, separated by commas",
                    METHODS.join(", ")
                ),
            ));
        }
        methods.push(upper);
    }
    Ok((text, methods))
}

fn boolean(value: &Expr, key: &str) -> syn::Result<bool> {
    match value {
        Expr::Lit(ExprLit { lit: Lit::Bool(flag), .. }) => Ok(flag.value),
        other => Err(syn::Error::new_spanned(other, format!("`{key}` takes `true` or `false`"))),
    }
}

fn path(value: &Expr, example: &str) -> syn::Result<ExprPath> {
    match value {
        Expr::Path(path) => Ok(path.clone()),
        other => Err(syn::Error::new_spanned(other, format!("expected the path of a function, as in `{example}`"))),
    }
}
