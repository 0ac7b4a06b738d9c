//! Handlers the unit tests of several modules share.

use crate::{Error, Handler, Invocation};

/// `double`: answers twice the number it is sent, and refuses negative ones with a
/// `Negative` error.
pub(crate) fn doubler() -> Handler {
    Handler::new("double", |invocation: Invocation| async move {
        let n: i64 = invocation.event()?;
        if n < 0 {
            return Err(Error::new("Negative", "negative numbers are refused"));
        }
        Ok::<_, Error>(n * 2)
    })
}
