//! A local function server started inside a test, on an ephemeral loopback port.

use std::net::SocketAddr;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::client::LocalClient;
use crate::__private::HandlerDefinition;
use crate::{App, Error, Handler, LocalSettings};

/// The local server of `faaskit` run inside a test: the Invoke API path for every handler, and
/// real HTTP for HTTP handlers, on `127.0.0.1` at a port the system picks.
///
/// The server stops when the `TestServer` is dropped (or at [`stop`](Self::stop)).
///
/// # Examples
///
/// ```
/// use faaskit::testing::TestServer;
/// use faaskit::{Error, Handler, Invocation};
///
/// # tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async {
/// let handler = Handler::new("shout", |invocation: Invocation| async move {
///     let text: String = invocation.event()?;
///     Ok::<_, Error>(text.to_uppercase())
/// });
/// let server = TestServer::start(vec![handler]).await.unwrap();
///
/// let response = server.client().invoke("shout", r#""hi""#).await.unwrap();
/// assert_eq!(response.status, 200);
/// assert_eq!(response.json().unwrap(), serde_json::json!("HI"));
///
/// // A payload that is not a string: a function error, and the server goes on.
/// let response = server.client().invoke("shout", "[1]").await.unwrap();
/// assert!(response.is_function_error());
/// assert_eq!(response.json().unwrap()["errorType"], "Faaskit.DecodeError");
/// # });
/// ```
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    client: LocalClient,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), Error>>>,
}

impl TestServer {
    /// Starts `handlers` on an ephemeral port with the default local settings (3 s timeout,
    /// 6 MB body limit); their inits have run when this returns.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound, a handler's init fails or needs a state no init provides,
    /// two handlers share a name, or an HTTP function was given `Handler::layer`.
    pub async fn start(handlers: Vec<Handler>) -> Result<Self, Error> {
        Self::start_with(handlers, LocalSettings::default()).await
    }

    /// Starts the handler `#[faaskit::handler]` generated for the function `H` names.
    ///
    /// # Errors
    ///
    /// As [`start`](Self::start).
    pub async fn of<H: HandlerDefinition>() -> Result<Self, Error> {
        Self::start(vec![H::handler()]).await
    }

    /// Starts `handlers` with `settings` (their address is ignored: the server listens on an
    /// ephemeral loopback port).
    ///
    /// # Errors
    ///
    /// As [`start`](Self::start).
    pub async fn start_with(handlers: Vec<Handler>, settings: LocalSettings) -> Result<Self, Error> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|err| Error::new(Error::CONFIG, format!("cannot bind a loopback port: {err}")))?;
        let addr = listener
            .local_addr()
            .map_err(|err| Error::new(Error::CONFIG, format!("cannot read the bound address: {err}")))?;
        let prepared = App::new().handlers(handlers).prepare_local().await?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let settings = settings.with_addr(addr);
        // Stopped by its own channel: the process's signals are left to the test binary.
        let stop = crate::local::Stop::When(async move {
            let _ = stopped.await;
        });
        let task = tokio::spawn(crate::local::serve_on(vec![listener], prepared, settings, stop));
        Ok(Self { addr, client: LocalClient::new(addr), shutdown: Some(shutdown), task: Some(task) })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A client of the server.
    pub fn client(&self) -> &LocalClient {
        &self.client
    }

    /// The server's base URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server, letting in-flight requests finish (up to the shutdown grace period).
    ///
    /// # Errors
    ///
    /// When the server had failed, or requests were still in flight when the shutdown grace
    /// period ended (they are stopped; the error's type is `Sandbox.Timedout`).
    pub async fn stop(mut self) -> Result<(), Error> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.task.take() {
            Some(task) => {
                task.await.map_err(|err| Error::new(Error::CONFIG, format!("the server task failed: {err}")))?
            }
            None => Ok(()),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Invocation;

    #[tokio::test]
    async fn serves_each_handler_under_its_name_until_stopped() {
        let one = Handler::new("one", |_: Invocation| async { Ok::<_, Error>(1) });
        let two = Handler::new("two", |_: Invocation| async { Ok::<_, Error>(2) });
        let server = TestServer::start(vec![one, two]).await.unwrap();
        assert_eq!(server.client().invoke("one", "null").await.unwrap().json().unwrap(), 1);
        assert_eq!(server.client().invoke("two", "null").await.unwrap().json().unwrap(), 2);
        assert_eq!(server.client().invoke("three", "null").await.unwrap().status, 404);
        let client = server.client().clone();
        server.stop().await.unwrap();
        assert!(client.invoke("one", "null").await.is_err(), "the server stopped");
    }

    #[tokio::test]
    async fn a_slow_client_cannot_pin_the_server() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let handler = Handler::new("one", |_: Invocation| async { Ok::<_, Error>(1) });
        let settings = LocalSettings::default().with_header_read_timeout(std::time::Duration::from_millis(300));
        let server = TestServer::start_with(vec![handler], settings).await.unwrap();
        // Half a request line, then nothing.
        let mut slow = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        slow.write_all(b"POST /2015-03-31/functions/one/invoc").await.unwrap();
        // Others are served meanwhile.
        assert_eq!(server.client().invoke("one", "null").await.unwrap().json().unwrap(), 1);
        // And the slow one is cut off once the header timeout passes.
        let mut rest = Vec::new();
        let read = tokio::time::timeout(std::time::Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
        assert!(read.is_ok(), "the server still holds the slow connection after 5 s");
    }

    #[tokio::test]
    async fn a_kept_alive_connection_gets_the_full_header_timeout_for_each_request() {
        use std::time::Duration;

        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

        /// Sends one Invoke API request and reads its answer's body, on a kept-alive connection.
        async fn invoke(connection: &mut BufReader<tokio::net::TcpStream>) -> String {
            let request =
                "POST /2015-03-31/functions/one/invocations HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\n\r\nnull";
            connection.get_mut().write_all(request.as_bytes()).await.unwrap();
            let mut length = 0;
            loop {
                let mut line = String::new();
                connection.read_line(&mut line).await.unwrap();
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap();
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let mut body = vec![0; length];
            connection.read_exact(&mut body).await.unwrap();
            String::from_utf8(body).unwrap()
        }

        let handler = Handler::new("one", |_: Invocation| async { Ok::<_, Error>(1) });
        let settings = LocalSettings::default().with_header_read_timeout(Duration::from_millis(1_000));
        let server = TestServer::start_with(vec![handler], settings).await.unwrap();
        let mut connection = BufReader::new(tokio::net::TcpStream::connect(server.addr()).await.unwrap());
        // Each request comes within the timeout of the one before, and together they outlast the
        // first request's deadline: each waits against its own deadline, not the first one's.
        for _ in 0..3 {
            assert_eq!(invoke(&mut connection).await, "1");
            tokio::time::sleep(Duration::from_millis(600)).await;
        }
        assert_eq!(invoke(&mut connection).await, "1");
        // Half a head, then nothing: the connection is closed once its timeout passes.
        connection.get_mut().write_all(b"POST /2015-03-31/functions/one/invoc").await.unwrap();
        let mut rest = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), connection.read_to_end(&mut rest)).await;
        assert!(read.is_ok(), "the server still holds the slow connection after 5 s");
    }

    /// Run in a child process by `a_stopped_server_leaves_the_process_s_signals_alone`.
    #[tokio::test]
    #[ignore = "a child process of a_stopped_server_leaves_the_process_s_signals_alone"]
    async fn stops_a_server_then_is_sent_sigterm() {
        if std::env::var_os("FAASKIT_SIGNAL_CHILD").is_none() {
            return;
        }
        let handler = Handler::new("one", |_: Invocation| async { Ok::<_, Error>(1) });
        let server = TestServer::start(vec![handler]).await.unwrap();
        server.stop().await.unwrap();
        let _ = std::process::Command::new("kill").args(["-TERM", &std::process::id().to_string()]).status();
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }

    /// A test server stops by its own channel: SIGTERM still ends the test binary as it would
    /// have, killed by the signal, with no exit code of faaskit's.
    #[cfg(unix)]
    #[test]
    fn a_stopped_server_leaves_the_process_s_signals_alone() {
        use std::os::unix::process::ExitStatusExt;
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "testing::server::tests::stops_a_server_then_is_sent_sigterm", "--ignored"])
            .env("FAASKIT_SIGNAL_CHILD", "1")
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.signal(), Some(15), "the child ended with {status:?}");
    }

    #[tokio::test]
    async fn reports_a_failing_init() {
        async fn broken() -> Result<u8, Error> {
            Err(Error::new("Broken", "no database"))
        }
        let handler = Handler::new("db", |_: Invocation| async { Ok::<_, Error>(()) }).with_init(broken);
        let error = TestServer::start(vec![handler]).await.unwrap_err();
        assert!(error.message().contains("no database"), "{error}");
    }
}
