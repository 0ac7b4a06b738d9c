//! What a stream record is: the change (`eventName`), what the stream captures, who made it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of change a stream record describes (`eventName`).
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::EventName;
///
/// let name: EventName = serde_json::from_str(r#""MODIFY""#).unwrap();
/// assert_eq!(name, EventName::Modify);
/// assert_eq!(name.as_str(), "MODIFY");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventName {
    /// A new item was added to the table (`INSERT`).
    Insert,
    /// One or more attributes of an existing item changed (`MODIFY`).
    Modify,
    /// An item was deleted from the table (`REMOVE`), by a user or by Time to Live.
    Remove,
}

impl EventName {
    /// The name as DynamoDB writes it: `INSERT`, `MODIFY` or `REMOVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Insert => "INSERT",
            Self::Modify => "MODIFY",
            Self::Remove => "REMOVE",
        }
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the stream writes of each changed item (`StreamViewType`).
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::StreamViewType;
///
/// let view: StreamViewType = serde_json::from_str(r#""NEW_AND_OLD_IMAGES""#).unwrap();
/// assert!(view.has_new_image() && view.has_old_image());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StreamViewType {
    /// Only the key attributes (`KEYS_ONLY`).
    KeysOnly,
    /// The item as it is after the change (`NEW_IMAGE`).
    NewImage,
    /// The item as it was before the change (`OLD_IMAGE`).
    OldImage,
    /// Both (`NEW_AND_OLD_IMAGES`).
    NewAndOldImages,
}

impl StreamViewType {
    /// The type as DynamoDB writes it, such as `NEW_AND_OLD_IMAGES`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::KeysOnly => "KEYS_ONLY",
            Self::NewImage => "NEW_IMAGE",
            Self::OldImage => "OLD_IMAGE",
            Self::NewAndOldImages => "NEW_AND_OLD_IMAGES",
        }
    }

    /// Whether records carry the item after the change (for inserts and modifications).
    pub fn has_new_image(self) -> bool {
        matches!(self, Self::NewImage | Self::NewAndOldImages)
    }

    /// Whether records carry the item before the change (for modifications and removals).
    pub fn has_old_image(self) -> bool {
        matches!(self, Self::OldImage | Self::NewAndOldImages)
    }
}

impl fmt::Display for StreamViewType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who made a change, present on deletions made by Time to Live (`userIdentity`).
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::UserIdentity;
///
/// let identity: UserIdentity =
///     serde_json::from_str(r#"{"type": "Service", "principalId": "dynamodb.amazonaws.com"}"#).unwrap();
/// assert!(identity.is_time_to_live());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIdentity {
    /// The kind of identity: `Service` for Time to Live.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The principal: `dynamodb.amazonaws.com` for Time to Live.
    #[serde(default)]
    pub principal_id: String,
}

impl UserIdentity {
    /// Whether this is DynamoDB's Time to Live process, which deletes expired items.
    pub fn is_time_to_live(&self) -> bool {
        self.kind == "Service" && self.principal_id == "dynamodb.amazonaws.com"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_and_write_as_on_the_wire() {
        for name in [EventName::Insert, EventName::Modify, EventName::Remove] {
            let json = serde_json::to_string(&name).expect("serializes");
            assert_eq!(json, format!("\"{}\"", name.as_str()));
            assert_eq!(serde_json::from_str::<EventName>(&json).expect("reads back"), name);
        }
        let err = serde_json::from_str::<EventName>(r#""UPSERT""#).expect_err("unknown");
        assert!(
            err.to_string().contains("unknown variant `UPSERT`, expected one of `INSERT`, `MODIFY`, `REMOVE`"),
            "{err}"
        );
    }

    #[test]
    fn view_types_say_what_they_carry() {
        for view in [
            StreamViewType::KeysOnly,
            StreamViewType::NewImage,
            StreamViewType::OldImage,
            StreamViewType::NewAndOldImages,
        ] {
            let json = serde_json::to_string(&view).expect("serializes");
            assert_eq!(json, format!("\"{}\"", view.as_str()));
        }
        assert!(!StreamViewType::KeysOnly.has_new_image());
        assert!(StreamViewType::NewImage.has_new_image() && !StreamViewType::NewImage.has_old_image());
        assert!(StreamViewType::OldImage.has_old_image());
    }

    #[test]
    fn only_the_dynamodb_service_is_time_to_live() {
        let user = UserIdentity { kind: "Service".into(), principal_id: "someone".into() };
        assert!(!user.is_time_to_live());
    }
}
