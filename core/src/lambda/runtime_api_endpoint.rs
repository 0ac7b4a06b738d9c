//! Where the Lambda Runtime API is, and the one blocking request faaskit sends it itself.
//!
//! Everything else goes through `lambda_runtime`. This blocking client exists for the moments no
//! async runtime can be relied on: an init failure before the runtime starts, and a panic hook
//! in a process about to abort.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::Error;

/// How long a report may take before it is given up.
const REPORT_TIMEOUT: Duration = Duration::from_secs(2);

/// The address in `AWS_LAMBDA_RUNTIME_API`: `host:port` as Lambda sets it, or a URL with a base
/// path as `cargo lambda watch` sets it (`http://127.0.0.1:9000/.rt`).
///
/// # Examples
///
/// ```
/// # use faaskit::__private::RuntimeApiEndpoint;
/// let endpoint = RuntimeApiEndpoint::parse("http://127.0.0.1:9000/.rt").expect("valid");
/// assert_eq!(endpoint.authority(), "127.0.0.1:9000");
/// assert_eq!(endpoint.base_path(), "/.rt");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeApiEndpoint {
    authority: String,
    base_path: String,
}

impl RuntimeApiEndpoint {
    /// Parses the value of `AWS_LAMBDA_RUNTIME_API`.
    ///
    /// # Errors
    ///
    /// A [`Error::CONFIG`] error when the value is neither `host:port` nor an `http://` URL.
    pub fn parse(value: &str) -> Result<Self, Error> {
        let invalid = |why: &str| {
            Error::config(format!(
                "AWS_LAMBDA_RUNTIME_API=`{value}` is not a Runtime API address ({why}); expected `host:port` or `http://host:port/path`"
            ))
        };
        let uri: http::Uri = value.trim().parse().map_err(|_| invalid("not a URI"))?;
        if let Some(scheme) = uri.scheme_str() {
            if scheme != "http" {
                return Err(invalid("only http is spoken"));
            }
        }
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        if authority.port_u16().is_none() && uri.scheme().is_none() {
            return Err(invalid("no port"));
        }
        let authority = match authority.port_u16() {
            Some(_) => authority.as_str().to_owned(),
            None => format!("{}:80", authority.host()),
        };
        let base_path = uri.path().trim_end_matches('/').to_owned();
        Ok(Self { authority, base_path })
    }

    /// `host:port` of the Runtime API.
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// The path prefix before `/2018-06-01/...` (empty on Lambda).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Reports an invocation's error (`/runtime/invocation/{id}/error`), blocking.
    pub(crate) fn report_invocation_error(&self, request_id: &str, error: &Error) {
        let path = format!("/2018-06-01/runtime/invocation/{request_id}/error");
        self.report(&path, error);
    }

    /// Reports a failed initialisation (`/runtime/init/error`), blocking.
    pub(crate) fn report_init_error(&self, error: &Error) {
        self.report("/2018-06-01/runtime/init/error", error);
    }

    fn report(&self, path: &str, error: &Error) {
        if let Err(err) = self.post_error(path, error) {
            tracing::error!(error = %err, path, "could not report the error to the Lambda Runtime API");
        }
    }

    fn post_error(&self, path: &str, error: &Error) -> std::io::Result<()> {
        let body = serde_json::to_string(error).map_err(std::io::Error::other)?;
        let host = &self.authority;
        let request = format!(
            "POST {base}{path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nLambda-Runtime-Function-Error-Type: {error_type}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{body}",
            base = self.base_path,
            error_type = header_safe(error.error_type()),
            length = body.len(),
        );
        let address = std::net::ToSocketAddrs::to_socket_addrs(host.as_str())?
            .next()
            .ok_or_else(|| std::io::Error::other("the Runtime API host did not resolve"))?;
        let mut stream = TcpStream::connect_timeout(&address, REPORT_TIMEOUT)?;
        stream.set_read_timeout(Some(REPORT_TIMEOUT))?;
        stream.set_write_timeout(Some(REPORT_TIMEOUT))?;
        stream.write_all(request.as_bytes())?;
        let mut status_line = [0_u8; 12];
        stream.read_exact(&mut status_line)?;
        if status_line.starts_with(b"HTTP/1.1 2") || status_line.starts_with(b"HTTP/1.0 2") {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("the Runtime API answered {}", String::from_utf8_lossy(&status_line))))
        }
    }
}

/// Keeps a header value on one line of printable ASCII.
fn header_safe(value: &str) -> String {
    value.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        let lambda = RuntimeApiEndpoint::parse("127.0.0.1:9001").expect("host:port");
        assert_eq!((lambda.authority(), lambda.base_path()), ("127.0.0.1:9001", ""));
        let watch = RuntimeApiEndpoint::parse("http://127.0.0.1:9000/.rt").expect("url");
        assert_eq!((watch.authority(), watch.base_path()), ("127.0.0.1:9000", "/.rt"));
        let slash = RuntimeApiEndpoint::parse("http://localhost:9000/").expect("url");
        assert_eq!((slash.authority(), slash.base_path()), ("localhost:9000", ""));
    }

    #[test]
    fn rejects_nonsense_with_the_value() {
        let err = RuntimeApiEndpoint::parse("not an address").expect_err("invalid");
        assert_eq!(err.error_type(), Error::CONFIG);
        assert!(err.message().contains("`not an address`"), "{}", err.message());
        assert!(RuntimeApiEndpoint::parse("https://example.com:443").is_err());
        assert!(RuntimeApiEndpoint::parse("localhost").is_err());
    }

    #[test]
    fn posts_an_error_report() {
        use std::io::BufRead;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().expect("accept");
            let mut reader = std::io::BufReader::new(stream);
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).expect("line");
                if line == "\r\n" {
                    break;
                }
                head.push(line.trim_end().to_owned());
            }
            let length: usize = head
                .iter()
                .find_map(|h| h.strip_prefix("Content-Length: "))
                .and_then(|v| v.parse().ok())
                .expect("length");
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("body");
            reader.get_mut().write_all(b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n").expect("answer");
            (head, String::from_utf8(body).expect("utf8"))
        });
        let endpoint = RuntimeApiEndpoint::parse(&format!("http://127.0.0.1:{port}/.rt")).expect("url");
        endpoint
            .post_error("/2018-06-01/runtime/invocation/abc/error", &Error::new("Faaskit.Panic", "boom"))
            .expect("reported");
        let (head, body) = server.join().expect("server");
        assert_eq!(head[0], "POST /.rt/2018-06-01/runtime/invocation/abc/error HTTP/1.1");
        assert!(head.contains(&"Lambda-Runtime-Function-Error-Type: Faaskit.Panic".to_owned()));
        assert_eq!(body, r#"{"errorType":"Faaskit.Panic","errorMessage":"boom"}"#);
    }
}
