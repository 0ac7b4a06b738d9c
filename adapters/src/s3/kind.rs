//! What happened to an object: the event name as a type.

use std::fmt;

/// How an object was created.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Created {
    /// `ObjectCreated:Put`
    Put,
    /// `ObjectCreated:Post`
    Post,
    /// `ObjectCreated:Copy`
    Copy,
    /// `ObjectCreated:CompleteMultipartUpload`
    CompleteMultipartUpload,
}

/// How an object was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Removed {
    /// `ObjectRemoved:Delete` (or `LifecycleExpiration:Delete`): the object is gone.
    Delete,
    /// `ObjectRemoved:DeleteMarkerCreated` (or `LifecycleExpiration:DeleteMarkerCreated`): a
    /// versioned object got a delete marker.
    DeleteMarkerCreated,
}

/// A step of restoring an archived object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Restore {
    /// `ObjectRestore:Post`: a restore started.
    Initiated,
    /// `ObjectRestore:Completed`: the restored copy is available.
    Completed,
    /// `ObjectRestore:Delete`: the restored copy expired.
    Expired,
}

/// What happened to the object, from the record's `eventName`.
///
/// # Examples
///
/// ```
/// use faaskit::s3::{Created, S3EventKind};
///
/// let kind = S3EventKind::from_event_name("ObjectCreated:CompleteMultipartUpload");
/// assert_eq!(kind, S3EventKind::Created(Created::CompleteMultipartUpload));
/// assert!(kind.is_created());
/// assert_eq!(S3EventKind::from_event_name("ObjectMoved:Teleport"), S3EventKind::Other("ObjectMoved:Teleport".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum S3EventKind {
    /// `ObjectCreated:*`
    Created(Created),
    /// `ObjectRemoved:*`
    Removed(Removed),
    /// `ObjectRestore:*`
    Restore(Restore),
    /// `LifecycleExpiration:*`: removed by a lifecycle rule.
    LifecycleExpiration(Removed),
    /// `LifecycleTransition`: moved to another storage class by a lifecycle rule.
    LifecycleTransition,
    /// `IntelligentTiering`: moved to an archive access tier.
    IntelligentTiering,
    /// `Replication:*` (`OperationFailedReplication`, `OperationMissedThreshold`, ...): the part
    /// after `Replication:`.
    Replication(String),
    /// `ObjectTagging:Put`
    TaggingPut,
    /// `ObjectTagging:Delete`
    TaggingDelete,
    /// `ObjectAcl:Put`
    AclPut,
    /// `ReducedRedundancyLostObject`
    ReducedRedundancyLostObject,
    /// Any other event name, as sent.
    Other(String),
}

impl S3EventKind {
    /// The kind named by an `eventName` (with or without the `s3:` prefix).
    pub fn from_event_name(name: &str) -> Self {
        let bare = name.strip_prefix("s3:").unwrap_or(name);
        let (family, detail) = bare.split_once(':').unwrap_or((bare, ""));
        match (family, detail) {
            ("ObjectCreated", "Put") => Self::Created(Created::Put),
            ("ObjectCreated", "Post") => Self::Created(Created::Post),
            ("ObjectCreated", "Copy") => Self::Created(Created::Copy),
            ("ObjectCreated", "CompleteMultipartUpload") => Self::Created(Created::CompleteMultipartUpload),
            ("ObjectRemoved", "Delete") => Self::Removed(Removed::Delete),
            ("ObjectRemoved", "DeleteMarkerCreated") => Self::Removed(Removed::DeleteMarkerCreated),
            ("ObjectRestore", "Post") => Self::Restore(Restore::Initiated),
            ("ObjectRestore", "Completed") => Self::Restore(Restore::Completed),
            ("ObjectRestore", "Delete") => Self::Restore(Restore::Expired),
            ("LifecycleExpiration", "Delete") => Self::LifecycleExpiration(Removed::Delete),
            ("LifecycleExpiration", "DeleteMarkerCreated") => Self::LifecycleExpiration(Removed::DeleteMarkerCreated),
            ("LifecycleTransition", "") => Self::LifecycleTransition,
            ("IntelligentTiering", "") => Self::IntelligentTiering,
            ("Replication", detail) if !detail.is_empty() => Self::Replication(detail.to_owned()),
            ("ObjectTagging", "Put") => Self::TaggingPut,
            ("ObjectTagging", "Delete") => Self::TaggingDelete,
            ("ObjectAcl", "Put") => Self::AclPut,
            ("ReducedRedundancyLostObject", "") => Self::ReducedRedundancyLostObject,
            _ => Self::Other(name.to_owned()),
        }
    }

    /// Whether an object was created (`ObjectCreated:*`).
    pub fn is_created(&self) -> bool {
        matches!(self, Self::Created(_))
    }

    /// Whether an object was removed or got a delete marker, by a request or a lifecycle rule.
    pub fn is_removed(&self) -> bool {
        matches!(self, Self::Removed(_) | Self::LifecycleExpiration(_))
    }
}

impl fmt::Display for S3EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Created(Created::Put) => "ObjectCreated:Put",
            Self::Created(Created::Post) => "ObjectCreated:Post",
            Self::Created(Created::Copy) => "ObjectCreated:Copy",
            Self::Created(Created::CompleteMultipartUpload) => "ObjectCreated:CompleteMultipartUpload",
            Self::Removed(Removed::Delete) => "ObjectRemoved:Delete",
            Self::Removed(Removed::DeleteMarkerCreated) => "ObjectRemoved:DeleteMarkerCreated",
            Self::Restore(Restore::Initiated) => "ObjectRestore:Post",
            Self::Restore(Restore::Completed) => "ObjectRestore:Completed",
            Self::Restore(Restore::Expired) => "ObjectRestore:Delete",
            Self::LifecycleExpiration(Removed::Delete) => "LifecycleExpiration:Delete",
            Self::LifecycleExpiration(Removed::DeleteMarkerCreated) => "LifecycleExpiration:DeleteMarkerCreated",
            Self::LifecycleTransition => "LifecycleTransition",
            Self::IntelligentTiering => "IntelligentTiering",
            Self::Replication(detail) => return write!(f, "Replication:{detail}"),
            Self::TaggingPut => "ObjectTagging:Put",
            Self::TaggingDelete => "ObjectTagging:Delete",
            Self::AclPut => "ObjectAcl:Put",
            Self::ReducedRedundancyLostObject => "ReducedRedundancyLostObject",
            Self::Other(name) => name,
        };
        f.write_str(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_name_round_trips() {
        for name in [
            "ObjectCreated:Put",
            "ObjectCreated:Post",
            "ObjectCreated:Copy",
            "ObjectCreated:CompleteMultipartUpload",
            "ObjectRemoved:Delete",
            "ObjectRemoved:DeleteMarkerCreated",
            "ObjectRestore:Post",
            "ObjectRestore:Completed",
            "ObjectRestore:Delete",
            "LifecycleExpiration:Delete",
            "LifecycleExpiration:DeleteMarkerCreated",
            "LifecycleTransition",
            "IntelligentTiering",
            "Replication:OperationFailedReplication",
            "ObjectTagging:Put",
            "ObjectTagging:Delete",
            "ObjectAcl:Put",
            "ReducedRedundancyLostObject",
        ] {
            let kind = S3EventKind::from_event_name(name);
            assert!(!matches!(kind, S3EventKind::Other(_)), "{name}");
            assert_eq!(kind.to_string(), name);
            assert_eq!(S3EventKind::from_event_name(&format!("s3:{name}")), kind);
        }
    }

    #[test]
    fn unknown_names_are_kept() {
        assert_eq!(S3EventKind::from_event_name("ObjectCreated:Teleport").to_string(), "ObjectCreated:Teleport");
        assert!(S3EventKind::from_event_name("LifecycleExpiration:Delete").is_removed());
    }
}
