//! Symmetric keys from JWK JSON (RFC 7517 §4, RFC 7518 §6.4), without a heap.

use zeroize::Zeroize;

use crate::json::{Kind, for_each_array_string, scan_object};
use crate::{Error, JsonStr, b64};

/// The longest `k` accepted, in decoded bytes. HMAC hashes longer keys down anyway.
const MAX_SECRET_LEN: usize = 256;

/// Parses an `oct` JWK meant for signatures with `alg` and calls `build` with its secret, which
/// is wiped from the stack afterwards.
pub(crate) fn with_oct_secret<T>(
    jwk: &[u8],
    alg: &str,
    build: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut kty = None;
    let mut k = None;
    let mut usable = true;
    scan_object(jwk, 4, |name, value| {
        let text = value.as_json_str();
        if name == "kty" {
            kty = Some(text.ok_or(Error::InvalidKey)?);
        } else if name == "k" {
            k = Some(text.ok_or(Error::InvalidKey)?);
        } else if name == "alg" {
            usable &= text.ok_or(Error::InvalidKey)? == alg;
        } else if name == "use" {
            usable &= text.ok_or(Error::InvalidKey)? == "sig";
        } else if name == "key_ops" {
            if value.kind != Kind::Array {
                return Err(Error::InvalidKey);
            }
            let mut signs = false;
            for_each_array_string(value.raw, Error::InvalidKey, |op: JsonStr<'_>| {
                signs |= op == "sign" || op == "verify";
                Ok(())
            })?;
            usable &= signs;
        }
        Ok(())
    })?;
    if !usable || kty.is_none_or(|t| t != "oct") {
        return Err(Error::InvalidKey);
    }
    let k = k.and_then(|k| k.as_str()).ok_or(Error::InvalidKey)?;
    let mut secret = [0u8; MAX_SECRET_LEN];
    let result = match b64::decode(k.as_bytes(), &mut secret) {
        Ok(bytes) => build(bytes),
        Err(Error::BufferTooSmall | Error::InvalidBase64) => Err(Error::InvalidKey),
        Err(e) => Err(e),
    };
    secret.zeroize();
    result
}
