//! Reads an HTTP body whole, up to a limit: the Invoke API's payloads, and an HTTP function's
//! requests and responses, which Lambda only ever sees whole.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::FutureExt;
use http_body_util::BodyExt;

/// Why a body could not be read whole.
#[derive(Debug)]
pub(crate) enum WholeBodyError<E> {
    /// It is longer than the limit.
    TooLarge,
    /// Nothing arrived for the idle time: a client that stopped sending.
    Stalled,
    /// The body failed: the client went away, or the response's stream broke.
    Failed(E),
}

impl<E: std::fmt::Display> std::fmt::Display for WholeBodyError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge => f.write_str("the body is longer than its limit"),
            Self::Stalled => f.write_str("the body stopped arriving"),
            Self::Failed(err) => err.fmt(f),
        }
    }
}

/// Whether `headers` declare a body longer than `limit` (`Content-Length`), so that it can be
/// refused before any of it is read.
pub(crate) fn declared_over(headers: &http::HeaderMap, limit: usize) -> bool {
    headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
        .is_some_and(|length| length > limit as u64)
}

/// Reads `body` whole, refusing it as soon as it is longer than `limit` bytes, or when nothing
/// of it arrives for `idle` (a slow upload that keeps sending is let finish). A body of one chunk
/// (a response built from a `String`, a small request) is not copied.
///
/// # Errors
///
/// [`WholeBodyError::TooLarge`] past `limit`; [`WholeBodyError::Stalled`] after `idle` without a
/// frame; [`WholeBodyError::Failed`] with the body's own error.
pub(crate) async fn read_whole<B>(
    body: &mut B,
    limit: usize,
    idle: Option<Duration>,
) -> Result<Bytes, WholeBodyError<B::Error>>
where
    B: http_body::Body<Data = Bytes> + Unpin,
{
    let mut first: Option<Bytes> = None;
    let mut joined = BytesMut::new();
    loop {
        // A frame already there is taken without a timer: the common case, a small body that
        // came with its head, costs no clock read.
        let mut frame = body.frame();
        let next = match (&mut frame).now_or_never() {
            Some(next) => next,
            None => match idle {
                Some(idle) => tokio::time::timeout(idle, frame).await.map_err(|_| WholeBodyError::Stalled)?,
                None => frame.await,
            },
        };
        let Some(frame) = next else { break };
        let Ok(data) = frame.map_err(WholeBodyError::Failed)?.into_data() else {
            continue;
        };
        let read = first.as_ref().map_or(joined.len(), Bytes::len);
        if read + data.len() > limit {
            return Err(WholeBodyError::TooLarge);
        }
        match first.take() {
            None if joined.is_empty() => first = Some(data),
            earlier => {
                if let Some(earlier) = earlier {
                    joined.extend_from_slice(&earlier);
                }
                joined.extend_from_slice(&data);
            }
        }
    }
    Ok(first.unwrap_or_else(|| joined.freeze()))
}

/// The most a refused request's body is read (and dropped) before its answer.
const DISCARD_CAP: usize = 64 * 1024 * 1024;

/// `response` to a request refused before its body was read whole, once what is left of that body
/// has been read and dropped, when it is `drainable`: up to 64 MB, each part within `idle` and
/// all of it within three times that.
///
/// A client that writes its whole request before it reads (Python's `http.client` and `requests`,
/// say) would otherwise meet a reset connection instead of the answer, and a kept-alive
/// connection could not serve its next request. A body left unread (not drainable, over the cap,
/// too slow, broken) gets `Connection: close`: the connection cannot serve another request.
pub(crate) async fn after_discarding<B, T>(
    body: &mut B,
    idle: Duration,
    drainable: bool,
    response: http::Response<T>,
) -> http::Response<T>
where
    B: http_body::Body<Data = Bytes> + Unpin,
{
    let budget = idle.saturating_mul(3);
    let drained = drainable && tokio::time::timeout(budget, discard(body, idle)).await.unwrap_or(false);
    if drained { response } else { closing(response) }
}

/// `response` to `request`, refused before its body was read: see [`after_discarding`].
pub(crate) async fn refuse<B, T>(
    request: &mut http::Request<B>,
    idle: Duration,
    response: http::Response<T>,
) -> http::Response<T>
where
    B: http_body::Body<Data = Bytes> + Unpin,
{
    let drainable = drainable(request.headers());
    after_discarding(request.body_mut(), idle, drainable, response).await
}

/// Whether the body of a request with these headers is worth reading to refuse it: not when its
/// client waits for `100 Continue` before it sends it (`Expect: 100-continue`, as curl sends a
/// large body; reading it would tell the client to send it, when the answer is already known),
/// nor when it declares more than the 64 MB read for nothing.
pub(crate) fn drainable(headers: &http::HeaderMap) -> bool {
    let waits =
        headers.get(http::header::EXPECT).is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    !waits && !declared_over(headers, DISCARD_CAP)
}

/// `response` marked `Connection: close`: its request's body was left unread (it stalled or
/// broke), so the connection cannot serve another request.
pub(crate) fn closing<T>(mut response: http::Response<T>) -> http::Response<T> {
    response.headers_mut().insert(http::header::CONNECTION, http::HeaderValue::from_static("close"));
    response
}

/// Reads and drops what is left of `body`, up to [`DISCARD_CAP`]: whether it was read to its end.
async fn discard<B>(body: &mut B, idle: Duration) -> bool
where
    B: http_body::Body<Data = Bytes> + Unpin,
{
    let mut seen = 0_usize;
    loop {
        match tokio::time::timeout(idle, body.frame()).await {
            Ok(None) => return true,
            Ok(Some(Ok(frame))) => {
                seen += frame.data_ref().map_or(0, Bytes::len);
                if seen > DISCARD_CAP {
                    return false;
                }
            }
            Ok(Some(Err(_))) | Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use futures_util::StreamExt;
    use http_body::Frame;
    use http_body_util::StreamBody;

    use super::*;

    /// The frames of a test body.
    type Frames = futures_util::stream::Iter<std::vec::IntoIter<Result<Frame<Bytes>, Infallible>>>;

    /// A body of these chunks.
    fn chunked(chunks: &[&'static str]) -> StreamBody<Frames> {
        let frames: Vec<_> = chunks.iter().map(|chunk| Ok(Frame::data(Bytes::from_static(chunk.as_bytes())))).collect();
        StreamBody::new(futures_util::stream::iter(frames))
    }

    #[tokio::test]
    async fn joins_chunks_up_to_the_limit() {
        let whole = read_whole(&mut chunked(&["ab", "cd", "e"]), 5, None).await.expect("at the limit");
        assert_eq!(whole, "abcde");
        assert!(matches!(read_whole(&mut chunked(&["ab", "cd", "ef"]), 5, None).await, Err(WholeBodyError::TooLarge)));
        assert!(matches!(read_whole(&mut chunked(&["abcdef"]), 5, None).await, Err(WholeBodyError::TooLarge)));
        assert_eq!(read_whole(&mut chunked(&[]), 5, None).await.expect("empty"), "");
        assert_eq!(read_whole(&mut chunked(&["", "ab"]), 5, None).await.expect("an empty chunk first"), "ab");
    }

    #[tokio::test]
    async fn keeps_a_single_chunk_as_it_is() {
        let chunk = Bytes::from_static(b"hello");
        let mut body = http_body_util::Full::new(chunk.clone());
        let whole = read_whole(&mut body, 10, None).await.expect("reads");
        assert_eq!(whole.as_ptr(), chunk.as_ptr(), "not copied");
    }

    #[tokio::test]
    async fn gives_up_on_a_body_that_stops_arriving() {
        let frames = futures_util::stream::iter([Ok::<_, Infallible>(Frame::data(Bytes::from_static(b"ab")))])
            .chain(futures_util::stream::pending());
        let mut body = StreamBody::new(frames);
        let read = read_whole(&mut body, 10, Some(Duration::from_millis(50))).await;
        assert!(matches!(read, Err(WholeBodyError::Stalled)));
        // One that keeps arriving is let finish, however long it takes in all.
        let slow = futures_util::stream::unfold(0, |sent| async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            (sent < 5).then(|| (Ok::<_, Infallible>(Frame::data(Bytes::from_static(b"x"))), sent + 1))
        });
        let whole = read_whole(&mut StreamBody::new(Box::pin(slow)), 10, Some(Duration::from_millis(50))).await;
        assert_eq!(whole.expect("reads"), "xxxxx");
    }

    #[test]
    fn knows_a_declared_length_over_the_limit() {
        let declaring = |length: &'static str| {
            let mut headers = http::HeaderMap::new();
            headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from_static(length));
            headers
        };
        assert!(!declared_over(&declaring("5"), 5));
        assert!(declared_over(&declaring("6"), 5));
        assert!(!declared_over(&declaring("not a number"), 5), "left to the read to judge");
        assert!(!declared_over(&http::HeaderMap::new(), 5));
    }

    #[tokio::test]
    async fn passes_on_the_body_s_error() {
        let frames = vec![Ok(Frame::data(Bytes::from_static(b"ab"))), Err("the stream broke")];
        let mut body = StreamBody::new(futures_util::stream::iter(frames));
        assert!(matches!(read_whole(&mut body, 10, None).await, Err(WholeBodyError::Failed("the stream broke"))));
    }
}
