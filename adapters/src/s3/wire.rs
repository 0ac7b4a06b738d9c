//! The S3 event as S3 writes it, read once: only the fields records expose, borrowed where the
//! JSON allows; everything else is skipped without being built.

use std::borrow::Cow;

use serde::Deserialize;

use crate::borrowed::option_cow;

#[derive(Deserialize)]
pub(crate) struct EventWire<'a> {
    #[serde(rename = "Records", default, borrow)]
    pub(crate) records: Option<Vec<RecordWire<'a>>>,
    /// `s3:TestEvent` for the message S3 sends when a notification is configured.
    #[serde(rename = "Event", default, borrow, deserialize_with = "option_cow")]
    pub(crate) event: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordWire<'a> {
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) event_version: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) event_source: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) aws_region: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) event_time: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(crate) event_name: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(crate) user_identity: Option<PrincipalWire<'a>>,
    #[serde(default, borrow)]
    pub(crate) request_parameters: Option<RequestParametersWire<'a>>,
    #[serde(borrow)]
    pub(crate) s3: EntityWire<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PrincipalWire<'a> {
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) principal_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
pub(crate) struct RequestParametersWire<'a> {
    #[serde(rename = "sourceIPAddress", default, borrow, deserialize_with = "option_cow")]
    pub(crate) source_ip_address: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EntityWire<'a> {
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) configuration_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(crate) bucket: BucketWire<'a>,
    #[serde(borrow)]
    pub(crate) object: ObjectWire<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BucketWire<'a> {
    #[serde(borrow)]
    pub(crate) name: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) arn: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) owner_identity: Option<PrincipalWire<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ObjectWire<'a> {
    #[serde(borrow)]
    pub(crate) key: Cow<'a, str>,
    #[serde(default)]
    pub(crate) size: Option<u64>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) e_tag: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) version_id: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) sequencer: Option<Cow<'a, str>>,
}
