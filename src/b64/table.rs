//! The `base64` crate's table-driven codec for public token bytes (the `fast` feature): several
//! times faster than the constant-time one, and as strict.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::decoded_len;
use crate::error::Error;

/// Large enough that the per-call cost of the codec stays small.
pub(super) const CHUNK: usize = 192;

/// The `base64` crate's URL-safe engine, configured as strictly as RFC 7515 §2 reads.
const PUBLIC: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Decodes a public token segment into the front of `dst`, returning the decoded bytes.
pub(crate) fn decode_public<'o>(src: &[u8], dst: &'o mut [u8]) -> Result<&'o mut [u8], Error> {
    let len = decoded_len(src.len()).ok_or(Error::InvalidBase64)?;
    let dst = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let written = PUBLIC.decode_slice(src, dst).map_err(|e| match e {
        base64::DecodeSliceError::OutputSliceTooSmall => Error::BufferTooSmall,
        base64::DecodeSliceError::DecodeError(_) => Error::InvalidBase64,
    })?;
    dst.get_mut(..written).ok_or(Error::InvalidBase64)
}

/// Encodes public bytes (a token segment) into the front of `dst`, returning the length.
pub(super) fn encode_public(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    PUBLIC
        .encode_slice(src, dst)
        .map_err(|_| Error::BufferTooSmall)
}
