//! What `#[handler]` and `#[http]` both generate around the function: the definition type that
//! names it, its hooks and `main`, and the fallback that keeps IDEs working on errors.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ItemFn;
use syn::parse::Parse;
use syn::spanned::Spanned;

use crate::attr_pairs::CommonArgs;

/// Expands the attributed function with `expand`, or gives it back unchanged with the errors.
///
/// On an error the function is kept, so that IDEs go on working on it, and so is a stub `main`
/// unless the attribute says `main = false` (read from its text when it does not parse), so
/// that the only errors shown are the real ones.
pub(crate) fn expand_or_report<A: Parse>(
    args: TokenStream,
    item: TokenStream,
    common: fn(&A) -> &CommonArgs,
    expand: fn(&A, &ItemFn) -> syn::Result<TokenStream>,
) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(error) => {
            let mut out = item;
            out.extend(error.into_compile_error());
            return out;
        }
    };
    let said_no_main = args.to_string().split_whitespace().collect::<String>().contains("main=false");
    let parsed = syn::parse2::<A>(args);
    let wants_main = parsed.as_ref().map_or(!said_no_main, |args| common(args).main);
    match parsed.and_then(|args| expand(&args, &function)) {
        Ok(expansion) => expansion,
        Err(error) => {
            let errors = error.into_compile_error();
            let main = wants_main.then(|| quote! { fn main() {} });
            quote! { #function #errors #main }
        }
    }
}

/// The handler's name: `name = "..."`, else the function's own (without `r#`).
pub(crate) fn handler_name(args: &CommonArgs, function: &ItemFn) -> String {
    match &args.name {
        Some(name) => name.value(),
        None => function.sig.ident.to_string().trim_start_matches("r#").to_owned(),
    }
}

/// `struct <function> {}` implementing `HandlerDefinition` with `handler` (an expression of
/// type `faaskit::Handler`) plus the attribute's hooks, and `main` unless `main = false`.
pub(crate) fn definition(function: &ItemFn, handler: TokenStream, args: &CommonArgs) -> TokenStream {
    let ident = &function.sig.ident;
    let vis = &function.vis;
    let init = args.init.as_ref().map(|init| quote_spanned! {init.span()=> .with_init(#init) });
    let shutdown = args.shutdown.as_ref().map(|hook| quote_spanned! {hook.span()=> .with_shutdown(#hook) });
    let logging = args.logging;
    let name = handler_name(args, function);
    let faaskit = args.krate.here();
    let main = args.main.then(|| {
        quote! {
            fn main() -> ::std::process::ExitCode {
                #faaskit::__private::run_main(
                    ::std::vec![<#ident as #faaskit::__private::HandlerDefinition>::handler()],
                    #logging,
                )
            }
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code, missing_docs, unreachable_pub)]
        #vis struct #ident {}

        impl #faaskit::__private::HandlerDefinition for #ident {
            const LOGGING: bool = #logging;
            const NAME: ::core::option::Option<&'static str> = ::core::option::Option::Some(#name);

            fn handler() -> #faaskit::Handler {
                #handler
                #init
                #shutdown
            }
        }

        #main
    }
}
