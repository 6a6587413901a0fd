//! Photos and logos arriving as base64 text: decoded, size-bounded and sniffed
//! for a picture format before anything stores them. Tested in tests/core/base.rs.

use crate::base::error::{Error, Result};
use base64::Engine;

/// Largest photo or signature accepted: 8 MiB.
pub const MAX_IMAGE_BYTES: usize = 8 * 1024 * 1024;

/// Decodes a base64 PNG or JPEG, checking its signature bytes and size.
pub fn decode_image(field: &str, data: &str) -> Result<(String, Vec<u8>)> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| {
            Error::invalid(
                field,
                "The image is not valid base64",
                "图片不是有效的 base64 数据",
            )
        })?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(Error::invalid(
            field,
            "The image is larger than 8 MB",
            "图片超过 8 MB",
        ));
    }
    let mime = if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err(Error::invalid(
            field,
            "Only PNG and JPEG images are accepted",
            "仅接受 PNG 和 JPEG 图片",
        ));
    };
    Ok((mime.to_string(), bytes))
}
