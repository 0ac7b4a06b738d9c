//! The error types whose [`ErrorType`] a `?` into [`Error`] keeps.
//!
//! `?` converts through `From<E> for Error`, which cannot ask whether `E` implements
//! [`ErrorType`] (Rust has no specialization), so it names the error after its type. A type
//! that is remembered here is named by its [`ErrorType`] instead. faaskit's adapters remember
//! their record errors (`MessageError`, `DataError`, `ImageError`) as they make the first one,
//! so `event.try_into_records()?` in a handler returning `Result<_, faaskit::Error>` fails as a
//! `Faaskit.DecodeError`, as the same error returned on its own does.

use std::any::TypeId;
use std::borrow::Cow;
use std::error::Error as StdError;
use std::sync::RwLock;

use crate::ErrorType;

/// The `errorType` of an error, if it is of the type this was remembered for.
type NameOf = fn(&(dyn StdError + 'static)) -> Option<Cow<'static, str>>;

/// The remembered types: a handful at most, looked up only when an error converts.
static REMEMBERED: RwLock<Vec<(TypeId, NameOf)>> = RwLock::new(Vec::new());

/// Remembers `E`, so that a `?` into [`Error`](crate::Error) names it by its [`ErrorType`].
///
/// Call it before the first `E` can reach a `?`: where `E`s are made. Once `E` is remembered, a
/// call takes only a shared read of the list.
pub fn remember<E: ErrorType + 'static>() {
    fn name_of<E: ErrorType + 'static>(error: &(dyn StdError + 'static)) -> Option<Cow<'static, str>> {
        error.downcast_ref::<E>().map(E::error_type)
    }
    let id = TypeId::of::<E>();
    let known = |remembered: &[(TypeId, NameOf)]| remembered.iter().any(|(known, _)| *known == id);
    if REMEMBERED.read().is_ok_and(|remembered| known(&remembered)) {
        return;
    }
    if let Ok(mut remembered) = REMEMBERED.write() {
        if !known(&remembered) {
            remembered.push((id, name_of::<E>));
        }
    }
}

/// The `errorType` `error` chooses, if its type was remembered: whether it is a concrete type
/// (`?` into `Error`) or boxed (a handler returning `Box<dyn Error + Send + Sync>`).
pub(crate) fn error_type_of(error: &(dyn StdError + 'static)) -> Option<Cow<'static, str>> {
    // Copied out, so that no lock is held while an `error_type` runs.
    let names: Vec<NameOf> = REMEMBERED.read().ok()?.iter().map(|(_, name_of)| *name_of).collect();
    names.into_iter().find_map(|name_of| name_of(error))
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use super::*;
    use crate::Error;

    #[derive(Debug)]
    struct Declined(&'static str);

    impl fmt::Display for Declined {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "card declined: {}", self.0)
        }
    }

    impl std::error::Error for Declined {}

    impl ErrorType for Declined {
        fn error_type(&self) -> Cow<'static, str> {
            format!("Payment.{}", self.0).into()
        }
    }

    #[derive(Debug)]
    struct Forgotten;

    impl fmt::Display for Forgotten {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("never remembered")
        }
    }

    impl std::error::Error for Forgotten {}

    impl ErrorType for Forgotten {
        fn error_type(&self) -> Cow<'static, str> {
            "Forgotten.Typed".into()
        }
    }

    fn through_question_mark<E: std::error::Error + Send + Sync + 'static>(error: E) -> Result<(), Error> {
        Err(error)?
    }

    fn boxed<E: std::error::Error + Send + Sync + 'static>(error: E) -> Error {
        let boxed: crate::BoxError = Box::new(error);
        Error::from_boxed(boxed)
    }

    #[test]
    fn a_remembered_type_keeps_its_error_type_through_question_mark() {
        remember::<Declined>();
        remember::<Declined>();
        let err = through_question_mark(Declined("Expired")).expect_err("fails");
        assert_eq!(err.error_type(), "Payment.Expired");
        assert_eq!(err.message(), "card declined: Expired");
        assert!(err.downcast_ref::<Declined>().is_some());
        assert_eq!(boxed(Declined("Stolen")).error_type(), "Payment.Stolen", "boxed, as a handler's Box<dyn Error>");
        let count =
            REMEMBERED.read().map(|known| known.iter().filter(|(id, _)| *id == TypeId::of::<Declined>()).count());
        assert_eq!(count.ok(), Some(1), "remembered once");
    }

    #[test]
    fn any_other_type_is_named_after_itself() {
        let err = through_question_mark(Forgotten).expect_err("fails");
        assert_eq!(err.error_type(), "Forgotten");
        assert_eq!(boxed(Forgotten).error_type(), Error::HANDLER);
    }
}
