//! HTTP events of every format into `http::Request`s, and responses back into each format:
//! a request or a clear error, never a panic.
#![no_main]

use faaskit::http::{decode_request, encode_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let payload = bytes::Bytes::copy_from_slice(data);
    if let Ok((format, request)) = decode_request(&payload) {
        let (parts, body) = request.into_parts();
        let mut response = http::Response::new(body);
        *response.headers_mut() = parts.headers;
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
        let _ = runtime.block_on(encode_response(format, response));
    }
});
