//! Where the fields of an S3 record sit in the JSON S3 writes, and where each is kept in the
//! record's text. Everything else in a record is skipped unread.

use crate::layout::Entry;

/// The index of each field in an [`S3Record`](super::S3Record)'s text.
pub(crate) mod field {
    pub(crate) const EVENT_VERSION: usize = 0;
    pub(crate) const EVENT_SOURCE: usize = 1;
    pub(crate) const REGION: usize = 2;
    pub(crate) const EVENT_TIME: usize = 3;
    pub(crate) const EVENT_NAME: usize = 4;
    pub(crate) const PRINCIPAL_ID: usize = 5;
    pub(crate) const SOURCE_IP: usize = 6;
    pub(crate) const CONFIGURATION_ID: usize = 7;
    pub(crate) const BUCKET: usize = 8;
    pub(crate) const BUCKET_ARN: usize = 9;
    pub(crate) const BUCKET_OWNER: usize = 10;
    pub(crate) const RAW_KEY: usize = 11;
    pub(crate) const ETAG: usize = 12;
    pub(crate) const VERSION_ID: usize = 13;
    pub(crate) const SEQUENCER: usize = 14;
    /// The key decoded: derived from [`RAW_KEY`], not read.
    pub(crate) const KEY: usize = 15;
    /// How many there are.
    pub(crate) const COUNT: usize = 16;
}

/// The number index of the object's size.
pub(crate) const SIZE: usize = 0;

/// One record of `Records`.
pub(crate) const RECORD: &[Entry] = &[
    Entry::text("eventVersion", field::EVENT_VERSION),
    Entry::text("eventSource", field::EVENT_SOURCE),
    Entry::text("awsRegion", field::REGION),
    Entry::text("eventTime", field::EVENT_TIME),
    Entry::text("eventName", field::EVENT_NAME).required(),
    Entry::object("userIdentity", &[Entry::text("principalId", field::PRINCIPAL_ID)]),
    Entry::object("requestParameters", &[Entry::text("sourceIPAddress", field::SOURCE_IP)]),
    Entry::object("s3", ENTITY).required(),
];

const ENTITY: &[Entry] = &[
    Entry::text("configurationId", field::CONFIGURATION_ID),
    Entry::object("bucket", BUCKET).required(),
    Entry::object("object", OBJECT).required(),
];

const BUCKET: &[Entry] = &[
    Entry::text("name", field::BUCKET).required(),
    Entry::text("arn", field::BUCKET_ARN),
    Entry::object("ownerIdentity", &[Entry::text("principalId", field::BUCKET_OWNER)]),
];

const OBJECT: &[Entry] = &[
    Entry::text("key", field::RAW_KEY).required(),
    Entry::number("size", SIZE),
    Entry::text("eTag", field::ETAG),
    Entry::text("versionId", field::VERSION_ID),
    Entry::text("sequencer", field::SEQUENCER),
];
