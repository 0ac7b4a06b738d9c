//! `shutdown-hooks`: two handlers, each with a shutdown hook; the first hook misbehaves as
//! `FIRST_HOOK` says (`panic` or `hang`), the second logs `second hook ran`. For the tests of
//! how the local server stops (tests/shutdown_hooks.rs).

use std::process::ExitCode;

use faaskit::{App, Error, Handler, Invocation};

fn main() -> ExitCode {
    let first = Handler::new("first", |_: Invocation| async { Ok::<_, Error>("first") }).with_shutdown(|| async {
        match std::env::var("FIRST_HOOK").as_deref() {
            Ok("panic") => panic!("the first hook panicked"),
            Ok("hang") => std::future::pending::<()>().await,
            _ => faaskit::tracing::warn!("first hook ran"),
        }
    });
    let second = Handler::new("second", |_: Invocation| async { Ok::<_, Error>("second") })
        .with_shutdown(|| async { faaskit::tracing::warn!("second hook ran") });
    App::new().handler(first).handler(second).run_main()
}
