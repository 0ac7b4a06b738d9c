//! `hello`: greets by name.
//!
//! | input | output |
//! | --- | --- |
//! | `{"name": "Ana"}` | `{"message": "Hello, Ana!"}` |
//! | `{}` | `{"message": "Hello, world!"}` |
//! | `{"name": 5}`, `"Ana"`, `{"nme": "Ana"}` | a function error (`Faaskit.DecodeError`) naming what was wrong |
//!
//! ```text
//! cargo run -p faaskit-examples --bin hello
//! curl -s -XPOST localhost:9000/2015-03-31/functions/hello/invocations -d '{"name":"Ana"}'
//! ```

use faaskit::{Context, Error};
use serde::{Deserialize, Serialize};

/// The event: an object with an optional `name`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Greeting {
    /// Who to greet; absent, `null` or blank greets the world.
    #[serde(default)]
    pub name: Option<String>,
}

/// The reply.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// `Hello, {name}!`
    pub message: String,
}

/// Greets the caller by name.
#[faaskit::handler]
async fn hello(event: Greeting, ctx: Context) -> Result<Reply, Error> {
    let name = event.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or("world");
    faaskit::tracing::info!(request_id = ctx.request_id(), "greeting {name}");
    Ok(Reply { message: format!("Hello, {name}!") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn greets_by_name() {
        let reply = hello(Greeting { name: Some("Ana".into()) }, Context::builder().build()).await;
        assert_eq!(reply.expect("greets").message, "Hello, Ana!");
    }

    #[tokio::test]
    async fn answers_through_the_whole_pipeline() {
        let function = faaskit::testing::TestFunction::of::<hello>().await.expect("no init to fail");
        let output = function.invoke(serde_json::json!({"name": "Ana"})).await.expect("greets");
        assert_eq!(output, serde_json::json!({"message": "Hello, Ana!"}));

        let error = function.invoke(r#"{"nme": "Ana"}"#).await.expect_err("an unknown field");
        assert_eq!(error.error_type, "Faaskit.DecodeError");
        assert!(error.error_message.contains("unknown field `nme`"), "{}", error.error_message);
    }

    #[tokio::test]
    async fn greets_the_world_without_a_name() {
        for name in [None, Some(String::new()), Some("  ".into())] {
            let reply = hello(Greeting { name }, Context::builder().build()).await;
            assert_eq!(reply.expect("greets").message, "Hello, world!");
        }
    }
}
