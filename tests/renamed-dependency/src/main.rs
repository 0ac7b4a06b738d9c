//! The crate's binary: `fk::main!` with the handlers of a crate that knows faaskit as `fk`.

fk::main!(faaskit_renamed_dependency::greet, faaskit_renamed_dependency::api, faaskit_renamed_dependency::pong);
