//! The `detail` of the S3 object events S3 sends to EventBridge.

use serde::{Deserialize, Serialize};

/// The `detail` of an S3 object event delivered by EventBridge (`source` `aws.s3`,
/// `detail-type` `Object Created`, `Object Deleted`, `Object Restore Completed`...): take
/// `EventBridgeEvent<S3ObjectDetail>`.
///
/// # Examples
///
/// ```
/// use faaskit::eventbridge::{EventBridgeEvent, S3ObjectDetail};
///
/// let event: EventBridgeEvent<S3ObjectDetail> = serde_json::from_str(r#"{
///     "version": "0", "id": "17793124-05d4-b198-2fde-7ededc63b103", "detail-type": "Object Created",
///     "source": "aws.s3", "account": "111122223333", "time": "2021-11-12T00:00:00Z",
///     "region": "ca-central-1", "resources": ["arn:aws:s3:::example-bucket"],
///     "detail": {"version": "0", "bucket": {"name": "example-bucket"},
///         "object": {"key": "reports/2024 q1.csv", "size": 5, "etag": "b1946ac92492d2347c6235b4d2611184",
///                    "sequencer": "00617F08299329D189"},
///         "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012",
///         "source-ip-address": "1.2.3.4", "reason": "PutObject"}
/// }"#).unwrap();
/// assert_eq!(event.detail.bucket.name, "example-bucket");
/// assert_eq!(event.detail.object.key, "reports/2024 q1.csv");
/// assert_eq!(event.detail.reason.as_deref(), Some("PutObject"));
/// ```
///
/// Unlike S3 event notifications, EventBridge carries object keys as they are, not
/// form-encoded: the key needs no decoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct S3ObjectDetail {
    /// The bucket.
    pub bucket: S3Bucket,
    /// The object.
    pub object: S3Object,
    /// The S3 request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The account or service principal that made the request.
    #[serde(default)]
    pub requester: Option<String>,
    /// The IP address the request came from.
    #[serde(default)]
    pub source_ip_address: Option<String>,
    /// The API that caused the event (`PutObject`, `CopyObject`, `CompleteMultipartUpload`,
    /// `DeleteObject`, `Lifecycle Expiration`...).
    #[serde(default)]
    pub reason: Option<String>,
    /// On `Object Deleted`: `Permanently Deleted` or `Delete Marker Created`.
    #[serde(default)]
    pub deletion_type: Option<String>,
    /// The detail's version (`0`).
    #[serde(default)]
    pub version: Option<String>,
}

/// The bucket of an S3 object event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct S3Bucket {
    /// The bucket's name.
    pub name: String,
}

/// The object of an S3 object event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct S3Object {
    /// The object's key.
    pub key: String,
    /// Its size in bytes (absent on deletions).
    #[serde(default)]
    pub size: Option<u64>,
    /// Its ETag.
    #[serde(default)]
    pub etag: Option<String>,
    /// Its version id, in a versioned bucket.
    #[serde(default)]
    pub version_id: Option<String>,
    /// The sequencer, to order events of one key.
    #[serde(default)]
    pub sequencer: Option<String>,
}
