//! DynamoDB Streams events, with images decoded straight into your types.

mod image;
mod scalars;
mod tag;
mod transcode;

pub use image::{ImageError, ImageName, decode_item};
