//! Parsing the attribute: `#[handler(name = "...", init = path, shutdown = path, main = false, logging = false, crate = "path")]`.

use syn::parse::{Parse, ParseStream};

use crate::attr_pairs::{COMMON_KEYS, CommonArgs, parse_pairs};

/// What the attribute asked for: only the keys every attribute takes.
#[derive(Default)]
pub(crate) struct HandlerArgs {
    /// Name, hooks, `main` and logging.
    pub(crate) common: CommonArgs,
}

impl Parse for HandlerArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = Self::default();
        for (key, value) in parse_pairs(input, COMMON_KEYS)? {
            let taken = args.common.take(&key, &value)?;
            debug_assert!(taken, "parse_pairs refuses keys not in COMMON_KEYS, such as `{key}`");
        }
        Ok(args)
    }
}
