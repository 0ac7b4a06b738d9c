//! The SQS event as Lambda writes it, read once; each body decoded after it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

use crate::borrowed::option_cow;

use super::attributes::{MessageAttribute, SqsAttributes};

#[derive(Deserialize)]
pub(crate) struct EventWire<'a> {
    #[serde(rename = "Records", borrow)]
    pub(crate) records: Vec<MessageWire<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MessageWire<'a> {
    #[serde(borrow)]
    pub(crate) message_id: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) receipt_handle: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) body: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(crate) attributes: SqsAttributes,
    #[serde(default)]
    pub(crate) message_attributes: BTreeMap<String, MessageAttribute>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) md5_of_body: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) md5_of_message_attributes: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) event_source: Option<Cow<'a, str>>,
    #[serde(rename = "eventSourceARN", default, borrow, deserialize_with = "option_cow")]
    pub(crate) event_source_arn: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "option_cow")]
    pub(crate) aws_region: Option<Cow<'a, str>>,
}
