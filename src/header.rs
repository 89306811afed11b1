//! The JOSE header (RFC 7515 §4) as a typed view of the pre-scanned JSON.

#[cfg(feature = "fast")]
mod known;
/// Without `fast`, no header is known in advance: every one is decoded and scanned.
#[cfg(not(feature = "fast"))]
#[expect(
    clippy::extra_unused_type_parameters,
    reason = "the signatures of the `fast` module, whose callers name the key type"
)]
mod known {
    pub(crate) fn for_key<K: ?Sized>(
        _: &[u8],
        _: usize,
    ) -> Option<(super::Header<'static>, &'static [u8])> {
        None
    }
    pub(crate) fn for_signing<K: ?Sized>(_: Option<&str>) -> Option<&'static str> {
        None
    }
    pub(crate) fn decoded<'a>(_: &'a [u8], _: usize, _: &str) -> Option<super::Header<'a>> {
        None
    }
}

use crate::alg::VerifyingKey;
use crate::b64;
use crate::error::Error;
use crate::json::JsonStr;
use crate::json::{EscapedNames, Kind, Value, for_each_array_string, lookup, scan_object};

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

/// The header members this crate reads.
#[derive(Clone, Copy)]
enum Member {
    Alg,
    Crit,
    Typ,
    Cty,
    Kid,
}

const MEMBERS: [(&str, Member); 5] = [
    ("alg", Member::Alg),
    ("crit", Member::Crit),
    ("typ", Member::Typ),
    ("cty", Member::Cty),
    ("kid", Member::Kid),
];

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
        let slot = match lookup(name, &MEMBERS, EscapedNames::ByMeaning)? {
            Some(Member::Alg) => {
                alg = Some(value);
                return Ok(());
            }
            Some(Member::Crit) => {
                crit = Some(value);
                return Ok(());
            }
            Some(Member::Typ) => &mut header.typ,
            Some(Member::Cty) => &mut header.cty,
            Some(Member::Kid) => &mut header.kid,
            // Unknown members are ignored (RFC 7515 §4), jwk/jku/x5u/x5c included: a key is
            // never taken from the token.
            None => return Ok(()),
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

/// Reads the header segment for a key of type `K`: decodes it into `buf` and reads it with
/// [`parse_for`], unless it is one of the usual headers the `fast` feature knows by their
/// encoded text. Returns the header and its JSON.
pub(crate) fn read_for<'buf, K: VerifyingKey + ?Sized>(
    encoded: &[u8],
    buf: &'buf mut [u8],
    max_depth: usize,
) -> Result<(Header<'buf>, &'buf [u8]), Error> {
    if let Some(usual) = known::for_key::<K>(encoded, max_depth) {
        return Ok(usual);
    }
    let json: &'buf [u8] = b64::decode_public(encoded, buf)?;
    Ok((parse_for(json, max_depth, K::ALG)?, json))
}

/// The encoded header to copy when signing with `K` a header of only `alg` and `typ` (absent
/// or `JWT`), when the `fast` feature knows it.
pub(crate) fn usual_encoding<K: crate::alg::SigningKey + ?Sized>(
    typ: Option<&str>,
) -> Option<&'static str> {
    known::for_signing::<K>(typ)
}

/// Reads a verified-to-be-wanted header: the header's members for a key of algorithm
/// `expected`, or the error `parse` then [`check_alg`] would give.
///
/// With the `fast` feature, the usual headers are recognised byte for byte and not scanned
/// ([`known::decoded`]); every other text takes the full scan.
pub(crate) fn parse_for<'a>(
    json: &'a [u8],
    max_depth: usize,
    expected: &str,
) -> Result<Header<'a>, Error> {
    if let Some(header) = known::decoded(json, max_depth, expected) {
        return Ok(header);
    }
    let parsed = parse(json, max_depth)?;
    check_alg(parsed.alg, expected)?;
    Ok(parsed.header)
}

/// Whether a member name (by meaning) is one that signing writes itself or never writes:
/// extra members may not name it.
pub(crate) fn written_by_library(name: JsonStr<'_>) -> bool {
    ["alg", "crit", "b64", "typ", "cty", "kid"]
        .iter()
        .any(|owned| name == *owned)
}

/// Whether an `alg` value says `none`, in any letter case (RFC 7518 §3.6): the one test of it,
/// used before a key is chosen and when the header is checked against the key.
pub(crate) fn names_none(alg: JsonStr<'_>) -> bool {
    alg.chars()
        .map(|c| c.to_ascii_lowercase())
        .eq("none".chars())
}

/// Checks the header's `alg` against the key's algorithm, by meaning.
pub(crate) fn check_alg(alg: Value<'_>, expected: &str) -> Result<(), Error> {
    check_alg_text(alg.as_json_str().ok_or(Error::InvalidHeader)?, expected)
}

/// [`check_alg`] for an `alg` already read as a string.
pub(crate) fn check_alg_text(alg: JsonStr<'_>, expected: &str) -> Result<(), Error> {
    if names_none(alg) {
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

#[cfg(test)]
#[expect(
    clippy::arithmetic_side_effects,
    reason = "tests compute expected values with plain arithmetic on small, known inputs"
)]
pub(crate) mod tests {
    extern crate std;
    use std::borrow::ToOwned;
    use std::string::String;

    use super::*;

    /// What the full scan says of a header for a key of algorithm `alg`.
    fn scanned<'a>(json: &'a [u8], depth: usize, alg: &str) -> Result<Header<'a>, Error> {
        let parsed = parse(json, depth)?;
        check_alg(parsed.alg, alg)?;
        Ok(parsed.header)
    }

    pub(super) fn same_verdict(json: &[u8], depth: usize, alg: &str) {
        let fast = parse_for(json, depth, alg);
        let slow = scanned(json, depth, alg);
        let view = |h: Result<Header<'_>, Error>| {
            h.map(|h| {
                let s = |v: Option<JsonStr<'_>>| v.map(|v| v.raw().to_owned());
                (s(h.typ), s(h.cty), s(h.kid))
            })
        };
        assert_eq!(
            view(fast),
            view(slow),
            "{:?}",
            String::from_utf8_lossy(json)
        );
    }

    pub(super) const USUAL: [&str; 3] = [
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"typ":"JWT","alg":"HS256"}"#,
        r#"{"alg":"HS256"}"#,
    ];

    #[test]
    fn none_is_never_fast() {
        for json in [r#"{"alg":"none"}"#, r#"{"alg":"NONE","typ":"JWT"}"#] {
            assert_eq!(
                parse_for(json.as_bytes(), 32, "none").unwrap_err(),
                Error::AlgorithmNone
            );
            same_verdict(json.as_bytes(), 32, "none");
            same_verdict(json.as_bytes(), 32, "NONE");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 8192, ..Default::default() })]

        /// Any single-byte change, deletion or insertion in a usual header, and any prefix
        /// of it, gets the same verdict from both paths.
        #[test]
        fn both_paths_agree(which in 0usize..3, at in 0usize..40, byte in proptest::prelude::any::<u8>(), how in 0u8..4) {
            let mut json = USUAL[which].as_bytes().to_vec();
            let at = at % (json.len() + 1);
            match how {
                0 if at < json.len() => json[at] = byte,
                1 if at < json.len() => { json.remove(at); }
                2 => json.insert(at, byte),
                _ => json.truncate(at),
            }
            for alg in ["HS256", "HS25", "HS2566", "ES256"] {
                same_verdict(&json, 32, alg);
            }
        }
    }
}
