//! Parsing `#[http(name = "...", route = "/path", method = "GET", init = path, shutdown = path, main = false, logging = false)]`.

use syn::parse::{Parse, ParseStream};
use syn::{Expr, LitStr};

use crate::attr_pairs::{CommonArgs, parse_pairs, string};

/// The keys the attribute accepts, listed in errors about unknown ones.
const KEYS: &[&str] = &["name", "route", "method", "init", "shutdown", "main", "logging"];

/// The methods `method = "..."` accepts.
pub(crate) const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"];

/// What the attribute asked for.
#[derive(Default)]
pub(crate) struct HttpArgs {
    /// Name, hooks, `main` and logging.
    pub(crate) common: CommonArgs,
    /// The route the handler answers on (default: every path).
    pub(crate) route: Option<LitStr>,
    /// The methods it answers (default: every method), upper case.
    pub(crate) methods: Option<(LitStr, Vec<String>)>,
}

impl Parse for HttpArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = Self::default();
        for (key, value) in parse_pairs(input, KEYS)? {
            match key.as_str() {
                "route" => args.route = Some(route(&value)?),
                "method" => args.methods = Some(methods(&value)?),
                _ => {
                    let taken = args.common.take(&key, &value)?;
                    debug_assert!(taken, "parse_pairs refuses keys not in KEYS, such as `{key}`");
                }
            }
        }
        Ok(args)
    }
}

fn route(value: &Expr) -> syn::Result<LitStr> {
    let text = string(value, "route", "/hello/{name}")?;
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
    let text = string(value, "method", "GET")?;
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
