//! The environment Lambda mode needs, checked up front with errors that name what is missing.

use crate::Error;
use crate::function_config::non_empty_var;

/// The variables Lambda (and `cargo lambda watch`) set for a runtime, and `lambda_runtime` reads.
const REQUIRED: &[&str] =
    &["AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION"];

/// Checks the variables Lambda sets besides `AWS_LAMBDA_RUNTIME_API`.
///
/// # Errors
///
/// A [`Error::CONFIG`] error naming each missing or malformed variable, instead of the panic
/// `lambda_runtime` would raise.
pub(crate) fn check_environment() -> Result<(), Error> {
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|name| non_empty_var(name).is_none()).collect();
    if !missing.is_empty() {
        return Err(Error::config(format!(
            "AWS_LAMBDA_RUNTIME_API is set, so this binary runs on the Lambda Runtime API, but {} {} not set; Lambda sets these, and so does `cargo lambda watch` (unset AWS_LAMBDA_RUNTIME_API to run the local server instead)",
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" }
        )));
    }
    if let Some(memory) = non_empty_var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") {
        if memory.parse::<i32>().is_err() {
            return Err(Error::config(format!(
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=`{memory}` is not a number of megabytes"
            )));
        }
    }
    Ok(())
}
