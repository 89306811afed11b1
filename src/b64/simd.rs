//! `base64-simd` for public token bytes (the `simd` feature: AVX2/SSE4.1/NEON, chosen at run
//! time, which links `std`).

use base64_simd::AsOut as _;

use super::{decoded_len, encoded_len};
use crate::error::Error;

/// Large enough that the per-call cost of the codec stays small.
pub(super) const CHUNK: usize = 192;

/// Decodes a public token segment into the front of `dst`, returning the decoded bytes.
pub(crate) fn decode_public<'o>(src: &[u8], dst: &'o mut [u8]) -> Result<&'o mut [u8], Error> {
    let len = decoded_len(src.len()).ok_or(Error::InvalidBase64)?;
    // Exactly the decoded length: `base64-simd` asserts the room, so it must never lack it.
    let dst = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    base64_simd::URL_SAFE_NO_PAD
        .decode(src, dst.as_out())
        .map_err(|_| Error::InvalidBase64)
}

/// Encodes public bytes (a token segment) into the front of `dst`, returning the length.
pub(super) fn encode_public(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    // Exactly the encoded length: `base64-simd` asserts the room, so it must never lack it.
    let dst = dst
        .get_mut(..encoded_len(src.len()))
        .ok_or(Error::BufferTooSmall)?;
    Ok(base64_simd::URL_SAFE_NO_PAD.encode(src, dst.as_out()).len())
}
