//! Validating the annotated function: what a handler may look like, with errors spanned at the
//! offending token.

use syn::{FnArg, ItemFn, ReturnType, Type};

/// What the expansion needs to know about a valid handler function.
pub(crate) struct HandlerSignature {
    /// The argument types, in order; each is extracted through `FromInvocation`.
    pub(crate) arguments: Vec<Type>,
    /// What the function returns.
    pub(crate) output: Output,
}

/// The shape of the return type, read from its syntax.
pub(crate) enum Output {
    /// No return type: the caller receives `null`.
    Unit,
    /// A value the caller receives as JSON.
    Value(Type),
    /// `Result<T, E>` (or an alias named `Result`): `Ok` is the output, `Err` the error.
    Result(Type),
}

/// Checks the function can be a handler, reporting every problem at once.
pub(crate) fn validate(function: &ItemFn) -> syn::Result<HandlerSignature> {
    let mut errors: Option<syn::Error> = None;
    let mut fail = |error: syn::Error| match errors.as_mut() {
        Some(all) => all.combine(error),
        None => errors = Some(error),
    };
    let sig = &function.sig;
    if sig.asyncness.is_none() {
        fail(syn::Error::new(sig.fn_token.span, "a faaskit handler must be an `async fn`: write `async fn` here"));
    }
    if let Some(constness) = &sig.constness {
        fail(syn::Error::new(constness.span, "a faaskit handler cannot be a `const fn`"));
    }
    if let Some(unsafety) = &sig.unsafety {
        fail(syn::Error::new(unsafety.span, "a faaskit handler cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        fail(syn::Error::new_spanned(abi, "a faaskit handler cannot have an `extern` ABI"));
    }
    if let Some(generics) = generic_part(sig) {
        fail(syn::Error::new_spanned(generics, "a faaskit handler cannot be generic: name its event and state types"));
    }
    if let Some(variadic) = &sig.variadic {
        fail(syn::Error::new_spanned(variadic, "a faaskit handler cannot be variadic"));
    }
    let mut arguments = Vec::with_capacity(sig.inputs.len());
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => fail(syn::Error::new_spanned(
                receiver,
                "a faaskit handler is a free function, not a method: remove `self`",
            )),
            FnArg::Typed(typed) => {
                if let Some(error) = conditional_argument(&typed.attrs) {
                    fail(error);
                }
                match check_argument_type(&typed.ty) {
                    Ok(()) => arguments.push((*typed.ty).clone()),
                    Err(error) => fail(error),
                }
            }
        }
    }
    let output = match &sig.output {
        ReturnType::Default => Output::Unit,
        ReturnType::Type(_, ty) => match check_return_type(ty) {
            Ok(output) => output,
            Err(error) => {
                fail(error);
                Output::Unit
            }
        },
    };
    match errors {
        Some(errors) => Err(errors),
        None => Ok(HandlerSignature { arguments, output }),
    }
}

fn check_argument_type(ty: &Type) -> syn::Result<()> {
    match ty {
        Type::Reference(reference) => Err(syn::Error::new_spanned(
            reference,
            format!(
                "faaskit handler arguments are owned values: take `{}`, not a reference",
                owned_form(&reference.elem)
            ),
        )),
        Type::ImplTrait(_) => {
            Err(syn::Error::new_spanned(ty, "a faaskit handler argument cannot be `impl Trait`: name the type"))
        }
        Type::Infer(_) => Err(syn::Error::new_spanned(ty, "a faaskit handler argument needs a type")),
        Type::Paren(inner) => check_argument_type(&inner.elem),
        Type::Path(path) => match lambda_event_payload(path) {
            Some(payload) => Err(syn::Error::new_spanned(
                ty,
                format!(
                    "faaskit passes the payload and the context as two arguments, not one `LambdaEvent`: \
                     take `event: {payload}, ctx: faaskit::Context` (lambda_runtime's `event.payload` and \
                     `event.context`; `ctx.request_id()`, `ctx.deadline()`, `ctx.function()` for `env_config`)"
                ),
            )),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// The payload type of lambda_runtime's `LambdaEvent<T>` (written `LambdaEvent<T>` or
/// `lambda_runtime::LambdaEvent<T>`), which a migrated handler may still take: faaskit has no such
/// wrapper, and rustc alone would say only that it is not `Deserialize`.
fn lambda_event_payload(path: &syn::TypePath) -> Option<String> {
    let segments = &path.path.segments;
    let named = match segments.len() {
        1 => true,
        2 => segments[0].ident == "lambda_runtime" || segments[0].ident == "lambda_http",
        _ => false,
    };
    let last = segments.last()?;
    if path.qself.is_some() || !named || last.ident != "LambdaEvent" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else { return None };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(payload)] => Some(readable(payload)),
        _ => None,
    }
}

fn check_return_type(ty: &Type) -> syn::Result<Output> {
    match ty {
        Type::Reference(reference)
            if reference.mutability.is_none()
                && reference.lifetime.as_ref().is_some_and(|lifetime| lifetime.ident == "static") =>
        {
            Ok(Output::Value(ty.clone()))
        }
        Type::Reference(reference) => Err(syn::Error::new_spanned(
            reference,
            "a faaskit handler returns an owned value or a `&'static` one, not a borrowed reference",
        )),
        Type::Infer(_) => Err(syn::Error::new_spanned(ty, "a faaskit handler needs a return type, not `_`")),
        Type::Never(_) => Err(syn::Error::new_spanned(ty, "a faaskit handler must return: `!` is not allowed")),
        Type::Paren(inner) => check_return_type(&inner.elem),
        Type::Path(path) if is_result(path) => Ok(Output::Result(ty.clone())),
        _ => Ok(Output::Value(ty.clone())),
    }
}

/// `Result<...>`, `std::result::Result<...>`, `anyhow::Result<...>`, `faaskit::Result<...>`.
fn is_result(path: &syn::TypePath) -> bool {
    path.qself.is_none() && path.path.segments.last().is_some_and(|segment| segment.ident == "Result")
}

/// A type as the user wrote it, without the spaces token streams print (`faaskit::Context`, not
/// `faaskit :: Context`).
/// The owned type a handler takes in place of a reference to `ty`: `String` for `str`,
/// `Vec<T>` for `[T]`, else `ty` itself.
fn owned_form(ty: &Type) -> String {
    match ty {
        Type::Path(path) if path.qself.is_none() && path.path.is_ident("str") => "String".to_owned(),
        Type::Slice(slice) => format!("Vec<{}>", readable(&slice.elem)),
        Type::Paren(inner) => owned_form(&inner.elem),
        _ => readable(ty),
    }
}

pub(crate) fn readable(ty: &Type) -> String {
    quote::ToTokens::to_token_stream(ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
}

/// The generic part of a signature, to point an error at: its parameters, or else its `where`
/// clause (a `Generics` prints without it).
pub(crate) fn generic_part(sig: &syn::Signature) -> Option<&dyn quote::ToTokens> {
    if !sig.generics.params.is_empty() {
        Some(&sig.generics)
    } else {
        sig.generics.where_clause.as_ref().map(|clause| clause as &dyn quote::ToTokens)
    }
}

/// The error for a `#[cfg]` or `#[cfg_attr]` on a handler's argument, if it has one: faaskit
/// extracts and passes every argument it sees, and cannot see which ones the `cfg` removes.
pub(crate) fn conditional_argument(attrs: &[syn::Attribute]) -> Option<syn::Error> {
    let attr = attrs
        .iter()
        .find(|attr| attr.path().is_ident("cfg") || (attr.path().is_ident("cfg_attr") && holds_cfg(attr)))?;
    Some(syn::Error::new_spanned(
        attr,
        "a faaskit handler's argument cannot be behind `#[cfg]`: every argument is extracted and passed; put the \
         `#[cfg]` on the whole function, or on a statement inside it",
    ))
}

/// Whether a `#[cfg_attr(predicate, attributes...)]` can put a `cfg` on what it is on: one of its
/// attributes is a `cfg`, or a `cfg_attr` that can. One it cannot read counts as able to.
fn holds_cfg(attr: &syn::Attribute) -> bool {
    let Ok(metas) = attr.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
    else {
        return true;
    };
    metas.iter().skip(1).any(|meta| {
        meta.path().is_ident("cfg")
            || (meta.path().is_ident("cfg_attr")
                && syn::parse::Parser::parse2(syn::Attribute::parse_outer, quote::quote!(#[#meta]))
                    .map_or(true, |inner| inner.iter().any(holds_cfg)))
    })
}
