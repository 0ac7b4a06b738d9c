//! `crate = "..."`: where the generated code finds faaskit, for a crate that depends on it under
//! another name or reaches it through a re-export.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote_spanned};
use syn::{Expr, LitStr};

use crate::attr_pairs::string;

/// The path of the `faaskit` crate in the generated code: `::faaskit` unless the attribute says
/// otherwise.
#[derive(Default)]
pub(crate) struct CratePath(Option<syn::Path>);

impl CratePath {
    /// Reads `crate = "path"`, as serde and tokio take it.
    ///
    /// # Errors
    ///
    /// When the value is not a string, or the string is not a path.
    pub(crate) fn parse(value: &Expr) -> syn::Result<Self> {
        let text: LitStr = string(value, "crate", "my_faaskit")?;
        // Module style: a crate or module path has no generic arguments (`fk<u8>`), which would
        // otherwise reach rustc as confusing errors far from this string.
        let path = text.parse_with(syn::Path::parse_mod_style).map_err(|_| {
            let message = match text.value() {
                value if value.trim().is_empty() => {
                    "`crate` takes a path, as in `crate = \"my_faaskit\"`, not an empty string".to_owned()
                }
                value => format!("`crate` takes a path, as in `crate = \"my_faaskit\"`; `{value}` is not one"),
            };
            syn::Error::new(text.span(), message)
        })?;
        Ok(Self(Some(path)))
    }

    /// The path, every token of it at `span`: errors about generated code then point where
    /// that code's other tokens point.
    pub(crate) fn at(&self, span: Span) -> TokenStream {
        match &self.0 {
            None => quote_spanned! {span=> ::faaskit },
            Some(path) => path
                .to_token_stream()
                .into_iter()
                .map(|mut token| {
                    token.set_span(span);
                    token
                })
                .collect::<TokenStream>(),
        }
    }

    /// The path at the macro's call site.
    pub(crate) fn here(&self) -> TokenStream {
        self.at(Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenTree;

    use super::*;

    /// Whether `tokens` has no groups in it (so that [`CratePath::at`] reaches every token).
    fn flat(tokens: &TokenStream) -> bool {
        tokens.clone().into_iter().all(|token| !matches!(token, TokenTree::Group(_)))
    }

    fn parsed(text: &str) -> syn::Result<CratePath> {
        CratePath::parse(&syn::parse_str(text).expect("an expression"))
    }

    #[test]
    fn is_faaskit_by_default() {
        assert_eq!(CratePath::default().here().to_string(), ":: faaskit");
    }

    #[test]
    fn takes_a_renamed_crate_or_a_re_export() {
        for (text, path) in
            [("\"fk\"", "fk"), ("\"::fk\"", ":: fk"), ("\"crate::sdk::faaskit\"", "crate :: sdk :: faaskit")]
        {
            let tokens = parsed(text).expect("a path").here();
            assert!(flat(&tokens), "{tokens}");
            assert_eq!(tokens.to_string(), path);
        }
    }

    #[test]
    fn refuses_generic_arguments_and_the_empty_string() {
        for text in ["\"fk<u8>\"", "\"fk::<u8>\"", "\"my_sdk::faaskit<'a>\"", "\"sdk::Fn(u8)\""] {
            assert!(parsed(text).is_err(), "{text} is taken as a crate path");
        }
        let refusal = parsed("\"\"").err().map(|error| error.to_string()).expect("refused");
        assert_eq!(refusal, "`crate` takes a path, as in `crate = \"my_faaskit\"`, not an empty string");
    }

    #[test]
    fn refuses_what_is_not_a_path_string() {
        let refusal = |text| parsed(text).err().map(|error| error.to_string()).expect("refused");
        assert_eq!(refusal("fk"), "`crate` takes a string, as in `crate = \"my_faaskit\"`");
        assert_eq!(
            refusal("\"my faaskit\""),
            "`crate` takes a path, as in `crate = \"my_faaskit\"`; `my faaskit` is not one"
        );
    }
}
