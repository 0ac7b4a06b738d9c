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

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{GenericArgument, ItemFn, PathArguments, Type};

use crate::attr::HandlerArgs;
use crate::crate_path::CratePath;
use crate::definition::{definition, expand_or_report, handler_name};
use crate::signature::{HandlerSignature, Output, validate};

/// The `#[handler]` expansion, or the function unchanged plus the errors, so that IDEs keep
/// working on the function while it is being fixed.
pub(crate) fn handler(args: TokenStream, item: TokenStream) -> TokenStream {
    expand_or_report(args, item, |args: &HandlerArgs| &args.common, expand)
}

fn expand(args: &HandlerArgs, function: &ItemFn) -> syn::Result<TokenStream> {
    let signature = validate(function)?;
    let krate = &args.common.krate;
    let faaskit = krate.here();
    let ident = &function.sig.ident;
    let name = handler_name(&args.common, function);
    let arguments: Vec<_> =
        signature.arguments.iter().enumerate().map(|(i, _)| format_ident!("__faaskit_arg{i}")).collect();
    let extractions = signature.arguments.iter().zip(&arguments).map(|(ty, binding)| {
        let faaskit = krate.at(ty.span());
        quote_spanned! {ty.span()=>
            let #binding = <#ty as #faaskit::FromInvocation>::from_invocation(&__faaskit_invocation)?;
        }
    });
    let finish = finish_output(&signature, krate);
    let requirements = signature.arguments.iter().map(|ty| {
        let faaskit = krate.at(ty.span());
        quote_spanned! {ty.span()=> .requires_state(<#ty as #faaskit::FromInvocation>::required_state()) }
    });
    let samples = signature.arguments.iter().map(|ty| {
        quote! {
            if <#ty as #faaskit::FromInvocation>::IS_EVENT {
                sample = (&&#faaskit::__private::sample::SampleProbe::<#ty>::new()).faaskit_sample();
            }
        }
    });
    let single_event_checks = single_event_checks(&name, &signature.arguments, krate);
    let handler = quote! {
        #faaskit::Handler::new(#name, |__faaskit_invocation: #faaskit::Invocation| async move {
            #(#extractions)*
            ::core::mem::drop(__faaskit_invocation);
            let __faaskit_output = #ident(#(#arguments),*).await;
            #finish
        })
        #(#requirements)*
        .with_example_event(|| {
            #[allow(unused_imports)]
            use #faaskit::__private::sample::{ViaExample as _, ViaNothing as _, ViaTrace as _};
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
/// that underline the offending type as written: the answer's, the error's.
fn finish_output(signature: &HandlerSignature, krate: &CratePath) -> TokenStream {
    match &signature.output {
        Output::Unit => {
            let faaskit = krate.here();
            quote! { ::core::result::Result::Ok::<_, #faaskit::Error>(__faaskit_output) }
        }
        // The name is not `Result`, but the type may be one (`type Reply<T> = Result<T, E>`):
        // the probe tells, and a `Result`'s `Err` is then the handler's error.
        Output::Value(ty) => {
            let faaskit = krate.at(ty.span());
            let split = quote_spanned! {ty.span()=>
                #[allow(unused_imports)]
                use #faaskit::__private::returned::{AnswerKind as _, OutcomeKind as _};
                let __faaskit_output = (&&#faaskit::__private::returned::ReturnProbe::of(&__faaskit_output))
                    .faaskit_return_kind()
                    .split(__faaskit_output);
            };
            let finish = finish_result(&ty.to_token_stream(), &ty.to_token_stream(), krate);
            quote! { #split #finish }
        }
        Output::Result(ty) => {
            let (answer, error) = result_arguments(ty);
            finish_result(
                &answer.map_or_else(|| ty.to_token_stream(), ToTokens::to_token_stream),
                &error.map_or_else(|| ty.to_token_stream(), ToTokens::to_token_stream),
                krate,
            )
        }
    }
}

/// The `T` and `E` of `Result<T, E>` as written; only `T` of `anyhow::Result<T>`.
fn result_arguments(ty: &Type) -> (Option<&Type>, Option<&Type>) {
    let Type::Path(path) = ty else { return (None, None) };
    let Some(PathArguments::AngleBracketed(arguments)) = path.path.segments.last().map(|segment| &segment.arguments)
    else {
        return (None, None);
    };
    let mut types = arguments.args.iter().filter_map(|argument| match argument {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    (types.next(), types.next())
}

/// Finishes `__faaskit_output`, a `Result`: its `Ok` checked as serializable and its `Err` as reportable,
/// each error underlining `answer_type` or `error_type` (the tokens of the type as the user wrote
/// it), then the `Err` made a `faaskit::Error` by the conversion its type picks.
fn finish_result(answer_type: &TokenStream, error_type: &TokenStream, krate: &CratePath) -> TokenStream {
    let answer = spanned_over("value", answer_type);
    let check_answer = spanned_call("check_output", &answer, answer_type, krate);
    let error = spanned_over("error", error_type);
    let check_error = spanned_call("check_error", &error, error_type, krate);
    let faaskit = krate.here();
    quote! {
        match __faaskit_output {
            ::core::result::Result::Ok(value) => {
                #check_answer
                #[allow(unused_imports)]
                use #faaskit::__private::answer::{SerializableKind as _, UnserializableKind as _};
                let kind = (&&#faaskit::__private::answer::ServeProbe::of(&value)).faaskit_answer_kind();
                ::core::result::Result::Ok(kind.answer(value))
            }
            ::core::result::Result::Err(error) => {
                #check_error
                #[allow(unused_imports)]
                use #faaskit::__private::error_kind::{
                    BoxedKind as _, ConvertedKind as _, DisplayedKind as _, LocalBoxedKind as _, TypedKind as _,
                    UnsupportedKind as _,
                };
                let kind = (&&&#faaskit::__private::error_kind::ErrorProbe::of(&error)).faaskit_error_kind();
                ::core::result::Result::Err(kind.into_error(error))
            }
        }
    }
}

/// `(&local,).0`, a reference to `local` whose span runs from the first token of `over` (the
/// parentheses) to its last (the `0`): an error about it underlines all of `over`, where a single
/// span (all stable Rust gives a macro) would underline its first token only. `local` itself keeps
/// the macro's span, the span of the binding it names.
fn spanned_over(local: &str, over: &TokenStream) -> TokenStream {
    let local = Ident::new(local, Span::call_site());
    let mut tuple = Group::new(Delimiter::Parenthesis, quote! { &#local, });
    tuple.set_span(first_span(over));
    let mut field = Literal::usize_unsuffixed(0);
    field.set_span(last_span(over));
    quote! { #tuple.#field }
}

/// `<faaskit>::__private::<function>(<argument>);`, with the call's path, like `argument`,
/// spanned over all of `over`: rustc then labels `over` once, not also "required by a bound
/// introduced by this call" at its first token.
fn spanned_call(function: &str, argument: &TokenStream, over: &TokenStream, krate: &CratePath) -> TokenStream {
    let function = Ident::new(function, last_span(over));
    let faaskit = krate.at(first_span(over));
    quote_spanned! {first_span(over)=> #faaskit::__private::#function(#argument); }
}

/// The span of the first token of `tokens`.
fn first_span(tokens: &TokenStream) -> Span {
    tokens.clone().into_iter().next().map_or_else(Span::call_site, |token| token.span())
}

/// The span of the last token of `tokens`.
fn last_span(tokens: &TokenStream) -> Span {
    tokens.clone().into_iter().last().map_or_else(Span::call_site, |token| token.span())
}

/// A handler takes at most one event: for each pair of arguments, a compile-time assertion
/// spanned at the later one.
fn single_event_checks(name: &str, arguments: &[Type], krate: &CratePath) -> TokenStream {
    let mut checks = Vec::new();
    for (later, second) in arguments.iter().enumerate() {
        for first in &arguments[..later] {
            let message = format!(
                "handler `{name}` takes two event arguments, `{}` and `{}`: a handler takes one event (plus `Context` and `State<T>`)",
                quote!(#first).to_string().replace(' ', ""),
                quote!(#second).to_string().replace(' ', ""),
            );
            let span: Span = second.span();
            let faaskit = krate.at(span);
            checks.push(quote_spanned! {span=>
                const _: () = ::core::assert!(
                    !(<#first as #faaskit::FromInvocation>::IS_EVENT && <#second as #faaskit::FromInvocation>::IS_EVENT),
                    #message
                );
            });
        }
    }
    quote! { #(#checks)* }
}
