//! The attribute macros of faaskit: `#[handler]` turns an `async fn` into a Lambda function,
//! `#[http]` a router function or an axum handler into an HTTP function.
//!
//! Use them through the `faaskit` crate (`#[faaskit::handler]`), which documents them.
//! Each entry point is thin: the work is split by phase, parse (`attr` and `http_attr`,
//! on `attr_pairs`), validate (`signature`, the function), expand (`expand` and
//! `http`, around what both generate in `definition`).

mod attr;
mod attr_pairs;
mod crate_path;
mod definition;
mod expand;
mod http;
mod http_attr;
mod signature;

use proc_macro::TokenStream;

/// Makes an `async fn` a Lambda function; see `faaskit::handler`.
#[proc_macro_attribute]
pub fn handler(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::handler(args.into(), item.into()).into()
}

/// Makes an HTTP function of a router function or an axum handler; see `faaskit::http`.
#[proc_macro_attribute]
pub fn http(args: TokenStream, item: TokenStream) -> TokenStream {
    http::http(args.into(), item.into()).into()
}
