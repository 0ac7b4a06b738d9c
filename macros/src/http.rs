//! Generating an HTTP function: `#[http]` on a router function or on an axum handler.
//!
//! Two forms, told apart by `async`:
//!
//! - `#[http] fn app() -> axum::Router`: a plain function with no arguments that builds the
//!   service (an `axum::Router` or any `tower::Service`); the whole router is the function.
//! - `#[http] async fn hello(Path(name): Path<String>) -> impl IntoResponse`: an axum handler,
//!   its arguments extractors (`Json<T>`, `Path`, `Query`, `Context`, `State<T>`, the request);
//!   served on every path, or on `route = "..."` for `method = "..."`.
//!
//! Both expand to the function unchanged, `struct <name> {}` implementing `HandlerDefinition`
//! (an HTTP function handler through `faaskit::http::handler`), and `main` unless `main = false`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, ReturnType, Type};

use crate::crate_path::CratePath;
use crate::definition::{definition, expand_or_report, handler_name};
use crate::http_attr::HttpArgs;

/// The `#[http]` expansion, or the function unchanged plus the errors.
pub(crate) fn http(args: TokenStream, item: TokenStream) -> TokenStream {
    expand_or_report(args, item, |args: &HttpArgs| &args.common, expand)
}

fn expand(args: &HttpArgs, function: &ItemFn) -> syn::Result<TokenStream> {
    validate(args, function)?;
    let krate = &args.common.krate;
    let faaskit = krate.here();
    let ident = &function.sig.ident;
    let name = handler_name(&args.common, function);
    // A routed handler's sample event is a request it answers, not the default `GET /`.
    let mut sample = quote! {};
    let service = if function.sig.asyncness.is_some() {
        let span = ident.span();
        let spanned = krate.at(span);
        match (&args.route, &args.methods) {
            (Some(route), methods) => {
                let methods: Vec<_> = methods.iter().flat_map(|(_, methods)| methods.iter()).collect();
                sample = quote! {
                    .with_example_event({
                        fn sample() -> ::core::option::Option<#faaskit::__private::JsonValue> {
                            #faaskit::http::__private::routed_sample(#route, &[#(#methods),*])
                        }
                        sample
                    })
                };
                quote_spanned! {span=> #spanned::http::__private::route(#route, &[#(#methods),*], #ident) }
            }
            (None, _) => quote_spanned! {span=> #spanned::http::__private::fallback(#ident) },
        }
    } else {
        let span = match &function.sig.output {
            ReturnType::Type(_, ty) => ty.span(),
            ReturnType::Default => ident.span(),
        };
        quote_spanned! {span=> #ident() }
    };
    // An axum handler's `State<T>` arguments are declared, checked before the first request.
    let requirements = if function.sig.asyncness.is_some() {
        state_requirements(function, krate)
    } else {
        quote! {}
    };
    let definition =
        definition(function, quote! { #faaskit::http::handler(#name, #service) #sample #requirements }, &args.common);
    let checks = if function.sig.asyncness.is_some() {
        handler_checks(function, krate)
    } else {
        quote! {}
    };
    Ok(quote! {
        #function

        #checks

        #definition
    })
}

/// `.requires_state(...)` for each of an axum handler's arguments that is a faaskit `State<T>`.
fn state_requirements(function: &ItemFn, krate: &CratePath) -> TokenStream {
    let faaskit = krate.here();
    let requirements = function.sig.inputs.iter().filter_map(|input| match input {
        FnArg::Typed(typed) => {
            let ty = &typed.ty;
            Some(quote! {
                .requires_state({
                    #[allow(unused_imports)]
                    use #faaskit::__private::state_probe::{ViaOther as _, ViaState as _};
                    (&&#faaskit::__private::state_probe::StateProbe::<#ty>::new()).required_state()
                })
            })
        }
        FnArg::Receiver(_) => None,
    });
    quote! { #(#requirements)* }
}

/// Type checks of an axum handler's arguments and return type, each failing at the offending
/// type with its own message (as axum's `#[debug_handler]` does), rather than as one
/// "`Handler` is not implemented" error for the whole function.
fn handler_checks(function: &ItemFn, krate: &CratePath) -> TokenStream {
    let types: Vec<&Type> = function
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(&*typed.ty),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let arguments = types.iter().enumerate().map(|(index, ty)| {
        let span = ty.span();
        let faaskit = krate.at(span);
        if index + 1 == types.len() {
            quote_spanned! {span=> #faaskit::http::__private::last_extractor::<#ty, _>(); }
        } else {
            quote_spanned! {span=> #faaskit::http::__private::parts_extractor::<#ty>(); }
        }
    });
    let output = match &function.sig.output {
        ReturnType::Type(_, ty) => {
            let span = ty.span();
            let faaskit = krate.at(span);
            quote_spanned! {span=> #faaskit::http::__private::response::<#ty>(); }
        }
        ReturnType::Default => quote! {},
    };
    quote! {
        const _: () = {
            #[allow(dead_code)]
            fn checks() {
                #(#arguments)*
                #output
            }
        };
    }
}

/// Checks the function is one of the two forms, reporting every problem at once.
fn validate(args: &HttpArgs, function: &ItemFn) -> syn::Result<()> {
    let mut errors: Option<syn::Error> = None;
    let mut fail = |error: syn::Error| match errors.as_mut() {
        Some(all) => all.combine(error),
        None => errors = Some(error),
    };
    let sig = &function.sig;
    if let Some(constness) = &sig.constness {
        fail(syn::Error::new(constness.span, "a faaskit HTTP function cannot be a `const fn`"));
    }
    if let Some(unsafety) = &sig.unsafety {
        fail(syn::Error::new(unsafety.span, "a faaskit HTTP function cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        fail(syn::Error::new_spanned(abi, "a faaskit HTTP function cannot have an `extern` ABI"));
    }
    if let Some(generics) = crate::signature::generic_part(sig) {
        fail(syn::Error::new_spanned(generics, "a faaskit HTTP function cannot be generic: name its types"));
    }
    if let Some(variadic) = &sig.variadic {
        fail(syn::Error::new_spanned(variadic, "a faaskit HTTP function cannot be variadic"));
    }
    if sig.asyncness.is_none() {
        // The router form: `fn app() -> Router`.
        if let Some(first) = sig.inputs.first() {
            fail(syn::Error::new_spanned(
                first,
                "a router function takes no arguments: it builds the `axum::Router` (or `tower::Service`) that serves every request; \
                 to take extractors (`Path`, `Json`, `Context`...), write `async fn` and return a response",
            ));
        }
        if matches!(sig.output, ReturnType::Default) {
            fail(syn::Error::new(
                sig.ident.span(),
                "a router function returns the service that is the function: add `-> axum::Router`",
            ));
        }
        if let Some(route) = &args.route {
            fail(syn::Error::new(
                route.span(),
                "`route` applies to an `async fn` handler; a router function declares its routes on the router",
            ));
        }
    } else {
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(receiver) => fail(syn::Error::new_spanned(
                    receiver,
                    "a faaskit HTTP handler is a free function, not a method: remove `self`",
                )),
                FnArg::Typed(typed) => {
                    if let Some(error) = crate::signature::conditional_argument(&typed.attrs) {
                        fail(error);
                    }
                    if let Err(error) = check_argument(&typed.ty) {
                        fail(error);
                    }
                }
            }
        }
        if let ReturnType::Type(_, ty) = &sig.output {
            if let Type::Reference(reference) = &**ty {
                if reference.lifetime.as_ref().is_none_or(|lifetime| lifetime.ident != "static") {
                    fail(syn::Error::new_spanned(
                        reference,
                        "a faaskit HTTP handler returns an owned response (`String`, `Json<T>`, `impl IntoResponse`), not a borrowed one",
                    ));
                }
            }
        }
    }
    if let Some((methods, _)) = &args.methods {
        if args.route.is_none() {
            fail(syn::Error::new(
                methods.span(),
                "`method` needs a `route`: write `route = \"/path\"` too, or drop `method` to answer every method on every path",
            ));
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(()),
    }
}

fn check_argument(ty: &Type) -> syn::Result<()> {
    match ty {
        Type::Reference(reference) => Err(syn::Error::new_spanned(
            reference,
            "faaskit HTTP handler arguments are owned extractors (`Path<T>`, `Json<T>`, `Context`...), not references",
        )),
        Type::ImplTrait(_) => {
            Err(syn::Error::new_spanned(ty, "a faaskit HTTP handler argument cannot be `impl Trait`: name the type"))
        }
        Type::Infer(_) => Err(syn::Error::new_spanned(ty, "a faaskit HTTP handler argument needs a type")),
        Type::Paren(inner) => check_argument(&inner.elem),
        _ => Ok(()),
    }
}
