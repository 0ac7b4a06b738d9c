//! The attribute macros of faaskit: `#[handler]` turns an `async fn` into a Lambda function.
//!
//! Use them through the `faaskit` crate (`#[faaskit::handler]`), which documents them.
//! Each entry point is thin: the work is split by phase, parse ([`attr`], the attribute's
//! keys), validate ([`signature`], the function), expand ([`expand`], the generated code).

mod attr;
mod expand;
mod signature;

use proc_macro::TokenStream;

/// Makes an `async fn` a Lambda function; see `faaskit::handler`.
#[proc_macro_attribute]
pub fn handler(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::handler(args.into(), item.into()).into()
}
