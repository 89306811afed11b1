//! The JOSE header (RFC 7515 §4) as a typed view of the pre-scanned JSON.

use crate::json::{Kind, Value, for_each_array_string, scan_object};
use crate::{Error, JsonStr};

/// The header members an application may read: `typ`, `cty` and `kid`.
///
/// `alg` is not among them on purpose: on a verified token it is the key's algorithm
/// ([`Verified::algorithm`](crate::Verified::algorithm)); on an unverified one it is
/// attacker-controlled text ([`UnverifiedHeader::alg`](crate::UnverifiedHeader::alg)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Header<'a> {
    typ: Option<JsonStr<'a>>,
    cty: Option<JsonStr<'a>>,
    kid: Option<JsonStr<'a>>,
}

impl<'a> Header<'a> {
    /// `typ` (RFC 7515 §4.1.9), the media type of the whole token, e.g. `JWT`.
    #[must_use]
    pub const fn typ(&self) -> Option<JsonStr<'a>> {
        self.typ
    }

    /// `cty` (RFC 7515 §4.1.10), the media type of the payload.
    #[must_use]
    pub const fn cty(&self) -> Option<JsonStr<'a>> {
        self.cty
    }

    /// `kid` (RFC 7515 §4.1.4), a hint naming the key.
    #[must_use]
    pub const fn kid(&self) -> Option<JsonStr<'a>> {
        self.kid
    }
}

/// A parsed header and its (still unchecked) `alg`.
pub(crate) struct Parsed<'a> {
    pub header: Header<'a>,
    pub alg: Value<'a>,
}

/// Pre-scans and reads the header JSON. Enforces the structural rules that hold whatever the
/// key: `alg` present and a string, `typ`/`cty`/`kid` strings, and `crit` refused.
pub(crate) fn parse(json: &[u8], max_depth: usize) -> Result<Parsed<'_>, Error> {
    let mut header = Header::default();
    let mut alg = None;
    let mut crit = None;
    scan_object(json, max_depth, |name, value| {
        let slot = if name == "alg" {
            alg = Some(value);
            return Ok(());
        } else if name == "crit" {
            crit = Some(value);
            return Ok(());
        } else if name == "typ" {
            &mut header.typ
        } else if name == "cty" {
            &mut header.cty
        } else if name == "kid" {
            &mut header.kid
        } else {
            // Unknown members are ignored (RFC 7515 §4), jwk/jku/x5u/x5c included: a key is
            // never taken from the token.
            return Ok(());
        };
        *slot = Some(value.as_json_str().ok_or(Error::InvalidHeader)?);
        Ok(())
    })?;
    let alg = alg.ok_or(Error::MissingAlgorithm)?;
    if alg.kind != Kind::String {
        return Err(Error::InvalidHeader);
    }
    if let Some(crit) = crit {
        return Err(crit_error(crit));
    }
    Ok(Parsed { header, alg })
}

/// Checks the header's `alg` against the key's algorithm, by meaning.
pub(crate) fn check_alg(alg: Value<'_>, expected: &str) -> Result<(), Error> {
    let alg = alg.as_json_str().ok_or(Error::InvalidHeader)?;
    if alg
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .eq("none".chars())
    {
        return Err(Error::AlgorithmNone);
    }
    if alg != expected {
        return Err(Error::AlgorithmMismatch);
    }
    Ok(())
}

/// This crate understands no extension, so any `crit` is refused (RFC 7515 §4.1.11); a
/// malformed one (not an array, empty, or naming a registered member) is refused as invalid.
fn crit_error(crit: Value<'_>) -> Error {
    const REGISTERED: [&str; 11] = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    ];
    if crit.kind != Kind::Array {
        return Error::InvalidHeader;
    }
    let listed = for_each_array_string(crit.raw, Error::InvalidHeader, |name| {
        if REGISTERED.iter().any(|r| name == *r) {
            Err(Error::InvalidHeader)
        } else {
            Ok(())
        }
    });
    match listed {
        Ok(0) => Error::InvalidHeader,
        Ok(_) => Error::UnsupportedCritical,
        Err(e) => e,
    }
}
