//! Parsing `#[http(name = "...", route = "/path", method = "GET", init = path, shutdown = path, main = false, logging = false)]`.

use syn::parse::{Parse, ParseStream};
use syn::{Expr, ExprPath, LitStr};

use crate::attr_pairs::{boolean, function_name, function_path, parse_pairs, string};

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

impl Parse for HttpArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args =
            Self { name: None, route: None, methods: None, init: None, shutdown: None, main: true, logging: true };
        for (key, value) in parse_pairs(input, KEYS)? {
            match key.as_str() {
                "name" => args.name = Some(function_name(&value, "api")?),
                "route" => args.route = Some(route(&value)?),
                "method" => args.methods = Some(methods(&value)?),
                "init" => args.init = Some(function_path(&value, "init", "connect")?),
                "shutdown" => args.shutdown = Some(function_path(&value, "shutdown", "flush")?),
                "main" => args.main = boolean(&value, "main")?,
                "logging" => args.logging = boolean(&value, "logging")?,
                other => unreachable!("parse_pairs refuses keys not in KEYS, such as `{other}`"),
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
