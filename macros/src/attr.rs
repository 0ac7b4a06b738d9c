//! Parsing the attribute: `#[handler(name = "...", init = path, main = false, logging = false)]`.

use syn::parse::{Parse, ParseStream};
use syn::{ExprPath, LitStr};

use crate::attr_pairs::{boolean, function_name, function_path, parse_pairs};

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

impl Parse for HandlerArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = Self { name: None, init: None, shutdown: None, main: true, logging: true };
        for (key, value) in parse_pairs(input, KEYS)? {
            match key.as_str() {
                "name" => args.name = Some(function_name(&value, "orders")?),
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
