//! The header read timeout of one connection, kept by the connection's stream rather than by
//! hyper's timer.
//!
//! A client must send each request head within the header read timeout: counted from when the
//! connection opened or from the last bytes of the previous response, so that a slow or idle
//! client cannot hold a connection for ever. Bytes that trickle in do not extend it.
//!
//! hyper can keep this deadline itself (`header_read_timeout` with a `Timer`), but then it arms
//! a timer for every head and goes round its connection loop once more after every response to
//! do so: about 1,350 instructions a request, the largest share of what the local server added
//! to bare axum's per-request work (see `BENCHMARKS.md`, section 12). Here the stream keeps it:
//!
//! - while a request is being served (from its parsed head until its response is made; its body
//!   is read under an idle limit of its own), and while its response waits for the client to
//!   read it, there is no deadline;
//! - otherwise, a read that finds nothing waits on the connection's one tokio sleep, which is
//!   armed once and moved only when it fires before the deadline (the deadline only ever moves
//!   later), and fails with `TimedOut` once the deadline has passed, which closes the
//!   connection;
//! - each write of a response moves the deadline to a full timeout after it.
//!
//! A connection that keeps sending requests thus reads the clock once per response and moves
//! its tokio sleep about once per timeout.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use crate::deadline::later;

/// A connection's stream that closes it when a request head is not sent in time.
pub(crate) struct HeadTimedStream<S> {
    stream: S,
    serving: Arc<AtomicUsize>,
    timeout: Duration,
    /// When the wait for the current head began: the connection's start, or the last write.
    since: Instant,
    /// The connection's one tokio sleep, due at or before the current deadline.
    sleep: Pin<Box<Sleep>>,
    /// Set while the last write found the socket full (a response is still being delivered):
    /// since when the writes stopped making progress, from the first write that found it full
    /// after one that wrote. Cleared by the next write that goes through.
    blocked_since: Option<Instant>,
    /// Armed only once a write finds the socket full: fires when no write has gone through for
    /// [`write_stall_limit`] (a client that stopped reading, or vanished without a reset; also
    /// one that reads too slowly to free a third of the socket's send buffer in that time, as
    /// the socket reports itself writable only then).
    stall: Option<Pin<Box<Sleep>>>,
}

/// How long a response's writes may find the socket full before the connection is closed: six
/// header read timeouts (a minute by default). A download paused for a while still gets all of
/// it; a client that never reads does not hold the connection, and the response's buffered
/// bytes (up to Lambda's 6 MB), for ever, nor a graceful shutdown for its whole grace. The socket
/// only reports itself writable once about a third of its send buffer has drained (Linux; over
/// the loopback about 1.5 MB), so a client that reads steadily but slower than that much per
/// limit (about 25 KB/s by default) is cut off too.
fn write_stall_limit(timeout: Duration) -> Duration {
    timeout.saturating_mul(6)
}

/// Marks a request of the connection as being served while it lives.
pub(crate) struct Serving(Arc<AtomicUsize>);

impl Drop for Serving {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl<S> HeadTimedStream<S> {
    /// `stream`, whose heads must each arrive within `timeout`, from now on.
    pub(crate) fn new(stream: S, timeout: Duration) -> Self {
        let since = Instant::now();
        Self {
            stream,
            serving: Arc::new(AtomicUsize::new(0)),
            timeout,
            since,
            sleep: Box::pin(tokio::time::sleep_until(later(since, timeout))),
            blocked_since: None,
            stall: None,
        }
    }

    /// What the connection's service holds while it serves a request (from `serving()`).
    pub(crate) fn requests(&self) -> ServedRequests {
        ServedRequests(Arc::clone(&self.serving))
    }

    /// Waits on the sleep: `Ready` once the head deadline has passed with no request in service.
    fn poll_deadline(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            if self.sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            let due = self.sleep.deadline();
            let next = if self.serving.load(Ordering::Relaxed) > 0 || self.blocked_since.is_some() {
                // No deadline while a request is served or its response delivered; wake up now
                // and then to look again (from now: `due` may be long past, the timeout zero).
                later(due.max(Instant::now()), self.timeout.max(Duration::from_millis(1)))
            } else {
                let deadline = later(self.since, self.timeout);
                if due >= deadline {
                    return Poll::Ready(());
                }
                deadline
            };
            self.sleep.as_mut().reset(next);
        }
    }

    /// A write of a response: the next head's wait starts from the last bytes written, and none
    /// runs while the client is not reading.
    fn note_write(&mut self, cx: &mut Context<'_>, written: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        match written {
            Poll::Ready(Ok(n)) if n > 0 => {
                self.since = Instant::now();
                self.blocked_since = None;
            }
            Poll::Pending => {
                let blocked_since = *self.blocked_since.get_or_insert_with(Instant::now);
                let due = later(blocked_since, write_stall_limit(self.timeout));
                let stall = self.stall.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(due)));
                if stall.deadline() != due {
                    stall.as_mut().reset(due);
                }
                if stall.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("the client read none of the response for {:?}", write_stall_limit(self.timeout)),
                    )));
                }
            }
            Poll::Ready(_) => {}
        }
        written
    }
}

/// A connection's count of requests in service, for its service to hold.
#[derive(Clone)]
pub(crate) struct ServedRequests(Arc<AtomicUsize>);

impl ServedRequests {
    /// Marks a request as in service until the guard is dropped.
    pub(crate) fn serving(&self) -> Serving {
        self.0.fetch_add(1, Ordering::Relaxed);
        Serving(Arc::clone(&self.0))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for HeadTimedStream<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Pending => match this.poll_deadline(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("no request head within the header read timeout ({:?})", this.timeout),
                ))),
            },
            ready => ready,
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for HeadTimedStream<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bytes: &[u8]) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write(cx, bytes);
        self.note_write(cx, written)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bytes: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write_vectored(cx, bytes);
        self.note_write(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

    use super::*;

    /// A connection timed at 10 s, and its client's end.
    fn connection() -> (HeadTimedStream<DuplexStream>, DuplexStream) {
        let (server, client) = tokio::io::duplex(1024);
        (HeadTimedStream::new(server, Duration::from_secs(10)), client)
    }

    /// Reads what is there, or the error, within `wait` of (paused) time.
    async fn read_within(stream: &mut HeadTimedStream<DuplexStream>, wait: Duration) -> Option<io::Result<usize>> {
        let mut buf = [0; 64];
        tokio::time::timeout(wait, stream.read(&mut buf)).await.ok()
    }

    #[tokio::test(start_paused = true)]
    async fn closes_a_connection_whose_head_does_not_come_in_time() {
        let (mut server, mut client) = connection();
        client.write_all(b"POST /2015-03-31/fun").await.unwrap();
        assert_eq!(read_within(&mut server, Duration::from_secs(1)).await.unwrap().unwrap(), 20);
        // Bytes that trickle in do not move the deadline.
        tokio::time::advance(Duration::from_secs(8)).await;
        client.write_all(b"c").await.unwrap();
        assert_eq!(read_within(&mut server, Duration::from_secs(1)).await.unwrap().unwrap(), 1);
        let started = Instant::now();
        let err = read_within(&mut server, Duration::from_secs(60)).await.expect("fails in time").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(2), "10 s after the connection opened");
    }

    #[tokio::test(start_paused = true)]
    async fn no_deadline_while_a_request_is_served() {
        let (mut server, _client) = connection();
        let requests = server.requests();
        let serving = requests.serving();
        assert!(read_within(&mut server, Duration::from_secs(95)).await.is_none(), "waits on past 10 s");
        drop(serving);
        // Its response was never written: the head wait still counts from the connection's start.
        let err = read_within(&mut server, Duration::from_secs(60)).await.expect("fails").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    }

    #[tokio::test(start_paused = true)]
    async fn each_response_gives_the_next_head_a_full_timeout() {
        let (mut server, mut client) = connection();
        for _ in 0..3 {
            tokio::time::advance(Duration::from_secs(6)).await;
            server.write_all(b"HTTP/1.1 200 OK\r\n\r\n").await.unwrap();
            let mut answer = [0; 19];
            client.read_exact(&mut answer).await.unwrap();
        }
        // 18 s after the connection opened, 6 s after the last response.
        assert!(read_within(&mut server, Duration::from_secs(3)).await.is_none(), "still waiting");
        let started = Instant::now();
        let err = read_within(&mut server, Duration::from_secs(60)).await.expect("fails").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(7), "10 s after the last response");
    }

    #[tokio::test(start_paused = true)]
    async fn no_deadline_while_a_response_waits_for_the_client_to_read_it() {
        let (server, mut client) = tokio::io::duplex(16);
        let mut server = HeadTimedStream::new(server, Duration::from_secs(10));
        // The response fills the pipe: its write waits for the client.
        let (mut reader, mut writer) = tokio::io::split(&mut server);
        let written = tokio::time::timeout(Duration::from_secs(30), writer.write_all(&[b'a'; 64]));
        let read = async {
            let mut buf = [0; 8];
            reader.read(&mut buf).await
        };
        tokio::select! {
            result = read => panic!("the read ended while the response was blocked: {result:?}"),
            written = written => assert!(written.is_err(), "the write cannot finish while nothing reads"),
        }
        // The client reads it all, 25 s late; the next head gets 10 s from the last write.
        let mut response = [0; 64];
        let (drained, ()) = tokio::join!(client.read_exact(&mut response), async {
            writer.write_all(&[b'a'; 64]).await.unwrap();
        });
        assert_eq!(drained.unwrap(), 64);
        let started = Instant::now();
        let mut buf = [0; 8];
        let err = reader.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(10));
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_never_reads_its_response_is_cut_off() {
        let (server, _client) = tokio::io::duplex(16);
        let mut server = HeadTimedStream::new(server, Duration::from_secs(10));
        let started = Instant::now();
        let err = server.write_all(&[b'a'; 64]).await.expect_err("the client reads nothing");
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(60), "six header read timeouts without progress");
    }

    #[tokio::test(start_paused = true)]
    async fn a_timeout_of_duration_max_is_none() {
        let (server, _client) = tokio::io::duplex(64);
        let mut server = HeadTimedStream::new(server, Duration::MAX);
        let mut buf = [0; 8];
        let read = tokio::time::timeout(Duration::from_secs(86_400 * 365), server.read(&mut buf)).await;
        assert!(read.is_err(), "still waiting a year on");
    }

    #[tokio::test(start_paused = true)]
    async fn wakes_the_task_that_waits_to_read() {
        let (mut server, _client) = connection();
        let reader = tokio::spawn(async move {
            let mut buf = [0; 8];
            server.read(&mut buf).await
        });
        let ended = tokio::time::timeout(Duration::from_secs(11), reader).await.expect("woken at the deadline");
        assert_eq!(ended.unwrap().unwrap_err().kind(), io::ErrorKind::TimedOut);
    }

    /// Socket-level: the server with a header read timeout of `timeout`, serving `GET /big/<n>`
    /// (that many bytes) and `GET /sleep/<ms>`.
    async fn server(timeout: Duration) -> crate::testing::TestServer {
        use axum_core::body::Body;
        let service = tower::service_fn(|request: http::Request<Body>| async move {
            let path = request.uri().path().to_owned();
            if let Some(ms) = path.strip_prefix("/sleep/") {
                tokio::time::sleep(Duration::from_millis(ms.parse().expect("ms"))).await;
            }
            let len = path.strip_prefix("/big/").map_or(2, |len| len.parse().expect("a length"));
            Ok::<_, std::convert::Infallible>(http::Response::new(Body::from(vec![b'a'; len])))
        });
        let handler = crate::Handler::new("web", |_: crate::Invocation| async { Ok::<_, crate::Error>(()) })
            .with_http_service(tower::util::BoxCloneSyncService::new(service));
        let settings = crate::LocalSettings::default().with_header_read_timeout(timeout);
        crate::testing::TestServer::start_with(vec![handler], settings).await.expect("starts")
    }

    /// A client that stops reading a large response for longer than the header read timeout
    /// still gets all of it (a download paused, a debugger on a breakpoint).
    #[tokio::test]
    async fn a_slow_reader_of_a_large_response_gets_all_of_it() {
        let timeout = Duration::from_millis(500);
        let server = server(timeout).await;
        let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
        socket.set_recv_buffer_size(4096).expect("a small buffer");
        let mut connection = socket.connect(server.addr()).await.expect("connects");
        let len = 6_000_000;
        let request = format!("GET /big/{len} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        connection.write_all(request.as_bytes()).await.expect("writes");
        let mut first = vec![0; 4096];
        let mut got = connection.read(&mut first).await.expect("reads");
        tokio::time::sleep(3 * timeout).await;
        let mut rest = Vec::new();
        let read = connection.read_to_end(&mut rest).await;
        got += rest.len();
        let head = first.windows(4).position(|w| w == b"\r\n\r\n").expect("the head came first") + 4;
        assert!(read.is_ok(), "the read failed after {} body bytes: {read:?}", got - head);
        assert_eq!(got - head, len, "the response was cut off");
    }

    /// A timeout of zero (every head must already be there when the server first reads) does
    /// not spin a served request: its answer, or the closed connection of a head that came too
    /// late, comes at once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_zero_timeout_does_not_spin_a_served_request() {
        let server = server(Duration::ZERO).await;
        for _ in 0..5 {
            let mut connection = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
            connection.write_all(b"GET /sleep/200 HTTP/1.1\r\nHost: x\r\n\r\n").await.expect("writes");
            let mut answer = vec![0; 256];
            let read = tokio::time::timeout(Duration::from_secs(5), connection.read(&mut answer)).await;
            let read = read.expect("a 200 ms handler answered, or the connection closed, within 5 s");
            if let Ok(read @ 1..) = read {
                let answer = String::from_utf8_lossy(&answer[..read]);
                assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
            }
        }
    }

    /// `Duration::MAX` says "no timeout": the server serves on.
    #[tokio::test]
    async fn a_timeout_of_duration_max_keeps_the_server_serving() {
        let server = server(Duration::MAX).await;
        for _ in 0..2 {
            let response = tokio::time::timeout(Duration::from_secs(5), server.client().get("/x")).await;
            assert_eq!(response.expect("in time").expect("answers").status, 200);
        }
        server.stop().await.expect("the server task did not fail");
    }
}
