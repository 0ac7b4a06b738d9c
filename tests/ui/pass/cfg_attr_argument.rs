//! A `cfg_attr` that cannot remove the argument is let be.

#[faaskit::handler(main = false)]
async fn hello(#[cfg_attr(test, allow(unused_variables))] name: String) -> String {
    name
}

fn main() {}
