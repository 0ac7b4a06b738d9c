//! Parsing `#[http(name = "...", route = "/path", method = "GET", init = path, shutdown = path, main = false, logging = false, crate = "path")]`.

use syn::parse::{Parse, ParseStream};
use syn::{Expr, LitStr};

use crate::attr_pairs::{CommonArgs, parse_pairs, string};

/// The keys the attribute accepts, listed in errors about unknown ones.
const KEYS: &[&str] = &["name", "route", "method", "init", "shutdown", "main", "logging", "crate"];

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
    // axum refuses these when the router is built, at start-up: refuse them here instead.
    for segment in route.split('/') {
        let old_syntax = match segment.as_bytes().first() {
            Some(b':') => format!("{{{}}}", &segment[1..]),
            Some(b'*') => format!("{{*{}}}", &segment[1..]),
            _ => continue,
        };
        return Err(syn::Error::new(
            text.span(),
            format!(
                "`route` takes axum's path syntax: write `{old_syntax}` for `{segment}` (`{{param}}` for a segment, \
                 `{{*rest}}` for the rest of the path)"
            ),
        ));
    }
    if route.contains(['?', '#']) {
        return Err(syn::Error::new(
            text.span(),
            "`route` is a path, without a query or fragment: read the query with axum's `Query` extractor",
        ));
    }
    Ok(text)
}

fn methods(value: &Expr) -> syn::Result<(LitStr, Vec<String>)> {
    let text = string(value, "method", "GET")?;
    let mut methods = Vec::new();
    // A trailing comma (`"GET, POST,"`) is allowed, as in Rust lists.
    for method in text.value().split(',').map(str::trim).filter(|method| !method.is_empty()) {
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
    if methods.is_empty() {
        return Err(syn::Error::new(
            text.span(),
            format!("`method` names one or more of {}, separated by commas", METHODS.join(", ")),
        ));
    }
    Ok((text, methods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> syn::Result<HttpArgs> {
        syn::parse_str(text)
    }

    fn refusal(text: &str) -> String {
        match parse(text) {
            Ok(_) => panic!("accepted {text}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn refuses_the_route_syntax_axum_refuses_at_start_up() {
        assert_eq!(
            refusal(r#"route = "/files/*path""#),
            "`route` takes axum's path syntax: write `{*path}` for `*path` (`{param}` for a segment, `{*rest}` for \
             the rest of the path)"
        );
        assert!(refusal(r#"route = "/a/{id}/:b""#).contains("write `{b}` for `:b`"));
        assert!(refusal(r#"route = "/search?q={q}""#).contains("without a query"));
        assert!(parse(r#"route = "/files/{*path}""#).is_ok());
        assert!(parse(r#"route = "/a/{id}/b:c""#).is_ok(), "a colon inside a segment is a literal");
    }

    #[test]
    fn takes_methods_with_a_trailing_comma_but_not_none() {
        let args = parse(r#"route = "/", method = "get, POST,""#).expect("parses");
        assert_eq!(args.methods.expect("methods").1, ["GET", "POST"]);
        assert!(refusal(r#"route = "/", method = ",""#).starts_with("`method` names one or more of GET"));
        assert!(refusal(r#"route = "/", method = "GET, FETCH""#).starts_with("`FETCH` is not an HTTP method"));
    }
}
