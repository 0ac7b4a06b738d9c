//! Where and how the local server listens, read from the environment.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use crate::Error;
use crate::context::DEFAULT_TIMEOUT;
use crate::function_config::non_empty_var;

/// Lambda's limit on a synchronous invocation's request payload: 6 MB (6,291,456 bytes).
pub const MAX_PAYLOAD_BYTES: usize = 6 * 1024 * 1024;

/// Lambda's limit on a synchronous invocation's response payload: 100 bytes more than the
/// request's, 6,291,556 bytes, as its `Function.ResponseSizeTooLarge` error says.
pub const MAX_RESPONSE_BYTES: usize = MAX_PAYLOAD_BYTES + 100;

/// What Lambda answers a request whose payload is over `limit` bytes (`RequestTooLargeException`).
pub(crate) fn request_too_large_message(limit: usize) -> String {
    format!("Request must be smaller than {limit} bytes for the InvokeFunction operation")
}

/// Why Lambda would refuse `payload` before invoking (`InvalidRequestContentException`, a `400`
/// from the Invoke API): it is not UTF-8 JSON. `None` for a payload Lambda takes.
pub(crate) fn not_json(payload: &[u8]) -> Option<String> {
    let refused = |reason: &dyn std::fmt::Display| {
        Some(format!("Could not parse request body into json: Could not parse payload into json: {reason}"))
    };
    let text = match std::str::from_utf8(payload) {
        Ok(text) => text,
        Err(err) => return refused(&format_args!("invalid UTF-8 at byte {}", err.valid_up_to())),
    };
    // Into a `RawValue`: the parser skips the value, with no visitor for its parts.
    match serde_json::from_str::<&serde_json::value::RawValue>(text) {
        Ok(_) => None,
        Err(err) => refused(&err),
    }
}

/// The error Lambda reports for an answer of `size` bytes, over [`MAX_RESPONSE_BYTES`].
#[cold]
#[inline(never)]
pub(crate) fn response_too_large(size: usize) -> Error {
    Error::new(
        Error::RESPONSE_TOO_LARGE,
        format!(
            "Response payload size ({size} bytes) exceeded maximum allowed payload size ({MAX_RESPONSE_BYTES} bytes)."
        ),
    )
}

/// The error Lambda gives for an answer over its 6 MB synchronous limit, logged: it is found
/// after the invocation's own log line, and would otherwise go unlogged (on Lambda, only as
/// `lambda_runtime`'s line about the Runtime API's `413`, with no request id).
#[cold]
#[inline(never)]
pub(crate) fn oversized_answer(handler: &str, request_id: Option<&str>, size: usize) -> Error {
    let err = response_too_large(size);
    tracing::error!(
        handler,
        requestId = request_id,
        errorType = err.error_type(),
        errorMessage = err.message(),
        "invocation failed"
    );
    err
}

/// The address the local server listens on unless told otherwise, with `[::1]` at the same port
/// (see [`LocalSettings`]).
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 9000);

/// The settings of the local server.
///
/// From the environment ([`LocalSettings::from_env`]):
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `FAASKIT_ADDR` | address to listen on (`localhost:PORT` or `:PORT`: both loopbacks) | `127.0.0.1:9000` and `[::1]:9000` |
/// | `PORT` | when `FAASKIT_ADDR` is unset, listen on `0.0.0.0:$PORT` (container platforms) | |
/// | `FAASKIT_TIMEOUT` | seconds an invocation may run before it times out | `3` |
///
/// Unless told an address, the server answers on both loopbacks: `cargo lambda invoke` sends to
/// `[::1]:9000`, `curl localhost:9000` may pick either. The IPv6 one is best effort: a machine
/// without IPv6 is served on `127.0.0.1` alone.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use faaskit::LocalSettings;
///
/// let settings = LocalSettings::default().with_timeout(Duration::from_secs(10));
/// assert_eq!(settings.addr().to_string(), "127.0.0.1:9000");
/// assert_eq!(settings.timeout(), Duration::from_secs(10));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalSettings {
    addr: SocketAddr,
    /// Whether to listen on `[::1]` too, at `addr`'s port (for loopback `addr`s only).
    both_loopbacks: bool,
    timeout: Duration,
    max_body_bytes: usize,
    header_read_timeout: Duration,
    shutdown_grace: Duration,
}

impl Default for LocalSettings {
    fn default() -> Self {
        Self {
            addr: DEFAULT_ADDR,
            both_loopbacks: true,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: MAX_PAYLOAD_BYTES,
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

impl LocalSettings {
    /// Reads `FAASKIT_ADDR`, `PORT` and `FAASKIT_TIMEOUT`.
    ///
    /// # Errors
    ///
    /// A [`Error::CONFIG`] error naming the variable and its value when one is malformed.
    pub fn from_env() -> Result<Self, Error> {
        let mut settings = Self::default();
        if let Some(addr) = non_empty_var("FAASKIT_ADDR") {
            (settings.addr, settings.both_loopbacks) = parse_addr(&addr)?;
        } else if let Some(port) = non_empty_var("PORT") {
            let port: u16 = port
                .trim()
                .parse()
                .map_err(|_| Error::config(format!("PORT=`{port}` is not a port number (0-65535)")))?;
            settings.addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port);
            settings.both_loopbacks = false;
        }
        if let Some(timeout) = non_empty_var("FAASKIT_TIMEOUT") {
            settings.timeout = parse_seconds("FAASKIT_TIMEOUT", &timeout)?;
        }
        Ok(settings)
    }

    /// Sets the address to listen on: that one alone.
    #[must_use]
    pub fn with_addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self.both_loopbacks = false;
        self
    }

    /// Sets how long an invocation may run.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the largest request body accepted (default: Lambda's 6 MB).
    #[must_use]
    pub fn with_max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// Sets how long a client may take to send a request's headers, pause while it sends the body,
    /// and stay idle between requests (default: 10 s). Six times this bounds how long a response
    /// may wait on a client that does not read it (one that reads a large response very slowly,
    /// below about 1.5 MB per that time, counts as not reading).
    #[must_use]
    pub fn with_header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Sets how long a shutdown waits for invocations in flight.
    #[must_use]
    pub fn with_shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// The address to listen on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The IPv6 loopback at [`addr`](Self::addr)'s port, when the server also answers there:
    /// by default, and for `FAASKIT_ADDR=localhost:PORT`.
    pub fn ipv6_loopback(&self) -> Option<SocketAddr> {
        (self.both_loopbacks && self.addr.ip() == IpAddr::V4(Ipv4Addr::LOCALHOST))
            .then(|| SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), self.addr.port()))
    }

    /// How long an invocation may run.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The largest request body accepted.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// How long a client may take to send a request's headers, or pause while it sends the body.
    pub fn header_read_timeout(&self) -> Duration {
        self.header_read_timeout
    }

    /// How long a shutdown waits for invocations in flight.
    pub fn shutdown_grace(&self) -> Duration {
        self.shutdown_grace
    }
}

/// The address in `FAASKIT_ADDR`, and whether it names both loopbacks (`localhost:PORT`, `:PORT`).
fn parse_addr(value: &str) -> Result<(SocketAddr, bool), Error> {
    let value = value.trim();
    if let Ok(addr) = value.parse() {
        return Ok((addr, false));
    }
    // `:9000` and `localhost:9000` are common enough to accept.
    if let Some(port) = value.strip_prefix(':').or_else(|| value.strip_prefix("localhost:")) {
        if let Ok(port) = port.parse() {
            return Ok((SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port), true));
        }
    }
    Err(Error::config(format!(
        "FAASKIT_ADDR=`{value}` is not an address to listen on; expected something like 127.0.0.1:9000"
    )))
}

fn parse_seconds(name: &str, value: &str) -> Result<Duration, Error> {
    decimal_seconds(value.trim())
        .filter(|seconds| !seconds.is_zero() && *seconds <= Duration::from_secs(900))
        .ok_or_else(|| {
            Error::config(format!(
                "{name}=`{value}` is not a number of seconds above 0 and at most 900 (Lambda's limit)"
            ))
        })
}

/// Seconds written in decimal (`3`, `0.5`, `.25`), to the nanosecond.
///
/// Read by hand rather than as an `f64`, whose parser would add 20 KB to every binary for
/// this one setting.
fn decimal_seconds(value: &str) -> Option<Duration> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let seconds = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let nanos = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0, |nanos, digit| nanos * 10 + u32::from(digit - b'0'));
    Some(Duration::new(seconds, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_addresses() {
        let parsed = |value: &str| parse_addr(value).map(|(addr, both)| (addr.to_string(), both)).expect("ok");
        assert_eq!(parsed("127.0.0.1:3000"), ("127.0.0.1:3000".to_owned(), false));
        assert_eq!(parsed("[::1]:3000"), ("[::1]:3000".to_owned(), false));
        assert_eq!(parsed(":3000"), ("127.0.0.1:3000".to_owned(), true));
        assert_eq!(parsed("localhost:3000"), ("127.0.0.1:3000".to_owned(), true));
        let err = parse_addr("nowhere").expect_err("bad");
        assert!(err.message().contains("FAASKIT_ADDR=`nowhere`"), "{}", err.message());
    }

    #[test]
    fn listens_on_loopback_by_default() {
        let settings = LocalSettings::default();
        assert!(settings.addr().ip().is_loopback(), "{}", settings.addr());
        assert_eq!(settings.addr().port(), 9000);
        assert_eq!(settings.ipv6_loopback().map(|addr| addr.to_string()).as_deref(), Some("[::1]:9000"));
        assert_eq!(settings.max_body_bytes(), 6 * 1024 * 1024);
        assert_eq!(settings.timeout(), Duration::from_secs(3));
    }

    #[test]
    fn an_address_given_is_the_only_one() {
        let settings = LocalSettings::default().with_addr("127.0.0.1:9000".parse().expect("addr"));
        assert_eq!(settings.ipv6_loopback(), None);
        let settings = LocalSettings::default().with_addr("0.0.0.0:9000".parse().expect("addr"));
        assert_eq!(settings.ipv6_loopback(), None);
    }

    #[test]
    fn parses_timeouts() {
        assert_eq!(parse_seconds("T", "2.5").expect("ok"), Duration::from_millis(2500));
        assert_eq!(parse_seconds("T", " 30 ").expect("ok"), Duration::from_secs(30));
        assert_eq!(parse_seconds("T", ".25").expect("ok"), Duration::from_millis(250));
        assert_eq!(parse_seconds("T", "1.").expect("ok"), Duration::from_secs(1));
        assert_eq!(parse_seconds("T", "0.0000000019").expect("ok"), Duration::from_nanos(1));
        assert_eq!(parse_seconds("T", "900.000").expect("ok"), Duration::from_secs(900));
        for bad in
            ["0", "0.0", "soon", "901", "900.5", "-1", "+1", "1e2", "1.2.3", ".", "", "inf", "99999999999999999999"]
        {
            let err = parse_seconds("T", bad).expect_err(bad);
            let expected = format!("T=`{bad}` is not a number of seconds above 0 and at most 900 (Lambda's limit)");
            assert_eq!(err.message(), expected);
        }
    }
}
