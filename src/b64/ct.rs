//! The constant-time codec (`base64ct`): key material always, public segments without `fast`.

use base64ct::{Base64UrlUnpadded, Encoding};

use super::decoded_len;
use crate::error::Error;

/// Decodes secret key material into the front of `dst` in constant time, returning the
/// decoded bytes.
pub(crate) fn decode<'o>(src: &[u8], dst: &'o mut [u8]) -> Result<&'o mut [u8], Error> {
    let len = decoded_len(src.len()).ok_or(Error::InvalidBase64)?;
    let dst = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let written = Base64UrlUnpadded::decode(src, dst)
        .map_err(|_| Error::InvalidBase64)?
        .len();
    dst.get_mut(..written).ok_or(Error::InvalidBase64)
}

/// Encodes `src` into the front of `dst`, returning the number of characters written.
pub(crate) fn encode(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    Base64UrlUnpadded::encode(src, dst)
        .map(str::len)
        .map_err(|_| Error::BufferTooSmall)
}
