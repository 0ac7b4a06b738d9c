//! Generating the handler: the function unchanged, a definition type beside it, and `main`.
//!
//! For `async fn hello(event: Greeting, ctx: Context) -> Result<Reply, Error>` the expansion is:
//!
//! - `hello` itself, untouched, so tests call it as a plain function;
//! - `struct hello {}` (the type namespace, where it does not clash with the function) that
//!   implements `HandlerDefinition`: it extracts each argument by type, calls `hello`, and turns
//!   the result into the JSON or the error Lambda receives;
//! - compile-time checks spanned at the offending argument or return type;
//! - `fn main`, unless `main = false`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{ItemFn, Type};

use crate::attr::HandlerArgs;
use crate::definition::{definition, expand_or_report, handler_name};
use crate::signature::{HandlerSignature, Output, validate};

/// The `#[handler]` expansion, or the function unchanged plus the errors, so that IDEs keep
/// working on the function while it is being fixed.
pub(crate) fn handler(args: TokenStream, item: TokenStream) -> TokenStream {
    expand_or_report(args, item, |args: &HandlerArgs| &args.common, expand)
}

fn expand(args: &HandlerArgs, function: &ItemFn) -> syn::Result<TokenStream> {
    let signature = validate(function)?;
    let ident = &function.sig.ident;
    let name = handler_name(&args.common, function);
    let arguments: Vec<_> =
        signature.arguments.iter().enumerate().map(|(i, _)| format_ident!("__faaskit_arg{i}")).collect();
    let extractions = signature.arguments.iter().zip(&arguments).map(|(ty, binding)| {
        quote_spanned! {ty.span()=>
            let #binding = <#ty as ::faaskit::FromInvocation>::from_invocation(&__faaskit_invocation)?;
        }
    });
    let finish = finish_output(&signature);
    let requirements = signature.arguments.iter().map(|ty| {
        quote_spanned! {ty.span()=> .requires_state(<#ty as ::faaskit::FromInvocation>::required_state()) }
    });
    let samples = signature.arguments.iter().map(|ty| {
        quote! {
            if <#ty as ::faaskit::FromInvocation>::IS_EVENT {
                sample = (&&::faaskit::__private::sample::SampleProbe::<#ty>::new()).faaskit_sample();
            }
        }
    });
    let single_event_checks = single_event_checks(&name, &signature.arguments);
    let handler = quote! {
        ::faaskit::Handler::new(#name, |__faaskit_invocation: ::faaskit::Invocation| async move {
            #(#extractions)*
            ::core::mem::drop(__faaskit_invocation);
            let __faaskit_output = #ident(#(#arguments),*).await;
            #finish
        })
        #(#requirements)*
        .with_example_event(|| {
            #[allow(unused_imports)]
            use ::faaskit::__private::sample::{ViaExample as _, ViaNothing as _, ViaTrace as _};
            #[allow(unused_mut)]
            let mut sample = ::core::option::Option::None;
            #(#samples)*
            sample
        })
    };
    let definition = definition(function, handler, &args.common);
    Ok(quote! {
        #function

        #definition

        #single_event_checks
    })
}

/// Turns the function's output into `Result<T: Serialize, faaskit::Error>`, with trait checks
/// spanned at the return type.
fn finish_output(signature: &HandlerSignature) -> TokenStream {
    match &signature.output {
        Output::Unit => quote! {
            ::core::result::Result::Ok::<_, ::faaskit::Error>(__faaskit_output)
        },
        // The name is not `Result`, but the type may be one (`type Reply<T> = Result<T, E>`):
        // the probe tells, and a `Result`'s `Err` is then the handler's error.
        Output::Value(ty) => {
            let split = quote_spanned! {ty.span()=>
                #[allow(unused_imports)]
                use ::faaskit::__private::returned::{AnswerKind as _, OutcomeKind as _};
                let __faaskit_output = (&&::faaskit::__private::returned::ReturnProbe::of(&__faaskit_output))
                    .faaskit_return_kind()
                    .split(__faaskit_output);
            };
            let answer = quote_spanned! {ty.span()=> ::faaskit::__private::output(value) };
            let finish = report_error(&answer);
            quote! { #split #finish }
        }
        Output::Result(ty) => {
            let check = quote_spanned! {ty.span()=> ::faaskit::__private::check_result(&__faaskit_output); };
            let finish = report_error(&quote! { value });
            quote! { #check #finish }
        }
    }
}

/// `__faaskit_output`, a `Result`, with its `Ok` as `answer` and its `Err` made a `faaskit::Error`
/// by the conversion its type picks.
fn report_error(answer: &TokenStream) -> TokenStream {
    quote! {
        match __faaskit_output {
            ::core::result::Result::Ok(value) => ::core::result::Result::Ok(#answer),
            ::core::result::Result::Err(error) => {
                #[allow(unused_imports)]
                use ::faaskit::__private::error_kind::{
                    BoxedKind as _, ConvertedKind as _, DisplayedKind as _, TypedKind as _, UnsupportedKind as _,
                };
                let kind = (&&&::faaskit::__private::error_kind::ErrorProbe::of(&error)).faaskit_error_kind();
                ::core::result::Result::Err(kind.into_error(error))
            }
        }
    }
}

/// A handler takes at most one event: for each pair of arguments, a compile-time assertion
/// spanned at the later one.
fn single_event_checks(name: &str, arguments: &[Type]) -> TokenStream {
    let mut checks = Vec::new();
    for (later, second) in arguments.iter().enumerate() {
        for first in &arguments[..later] {
            let message = format!(
                "handler `{name}` takes two event arguments, `{}` and `{}`: a handler takes one event (plus `Context` and `State<T>`)",
                quote!(#first).to_string().replace(' ', ""),
                quote!(#second).to_string().replace(' ', ""),
            );
            let span: Span = second.span();
            checks.push(quote_spanned! {span=>
                const _: () = ::core::assert!(
                    !(<#first as ::faaskit::FromInvocation>::IS_EVENT && <#second as ::faaskit::FromInvocation>::IS_EVENT),
                    #message
                );
            });
        }
    }
    quote! { #(#checks)* }
}
