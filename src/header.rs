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

/// Reads a verified-to-be-wanted header: the header's members for a key of algorithm
/// `expected`, or the error `parse` then [`check_alg`] would give.
///
/// With the `fast` feature, the headers signers actually send (`{"alg":"HS256","typ":"JWT"}`, the same with the
/// members swapped, or `{"alg":"HS256"}`) are recognised byte for byte and not scanned: for
/// exactly those bytes the scan's result is known. Every other text takes the full scan; the
/// unit tests check that both ways give the same verdict on every input.
pub(crate) fn parse_for<'a>(
    json: &'a [u8],
    max_depth: usize,
    expected: &str,
) -> Result<Header<'a>, Error> {
    // `alg` values are plain names; anything else (and `none`, which is never a key's) is
    // left to the full scan and `check_alg`.
    // Only with the `fast` feature: a firmware build keeps the scan alone and saves the flash.
    #[cfg(feature = "fast")]
    {
        let plain = expected.bytes().all(|b| b.is_ascii_alphanumeric())
            && !expected.eq_ignore_ascii_case("none");
        if max_depth > 0
            && plain
            && let Some(header) = canonical(json, expected)
        {
            return Ok(header);
        }
    }
    let parsed = parse(json, max_depth)?;
    check_alg(parsed.alg, expected)?;
    Ok(parsed.header)
}

/// The header, when `json` is one of the usual encodings of a header with `alg: expected`.
#[cfg(feature = "fast")]
fn canonical<'a>(json: &'a [u8], expected: &str) -> Option<Header<'a>> {
    const JWT: &str = "JWT";
    let typ = |at: usize| {
        let text = core::str::from_utf8(json.get(at..at.checked_add(JWT.len())?)?).ok()?;
        Some(Header {
            typ: Some(JsonStr::from_validated(text)),
            ..Header::default()
        })
    };
    if let Some(rest) = json.strip_prefix(br#"{"alg":""#) {
        let rest = rest.strip_prefix(expected.as_bytes())?;
        return match rest {
            br#""}"# => Some(Header::default()),
            br#"","typ":"JWT"}"# => typ(json.len().checked_sub(5)?),
            _ => None,
        };
    }
    let rest = json.strip_prefix(br#"{"typ":"JWT","alg":""#)?;
    (rest.strip_prefix(expected.as_bytes())? == br#""}"#).then_some(())?;
    typ(8)
}

/// The usual headers for this crate's algorithms, as base64url text: `{"alg":X,"typ":"JWT"}`,
/// `{"typ":"JWT","alg":X}` and `{"alg":X}`, each with its JSON. A unit test checks every
/// encoding against the encoder.
#[cfg(feature = "fast")]
macro_rules! known_headers {
    ($($alg:literal => $alg_typ:literal, $typ_alg:literal, $alg_only:literal;)*) => {
        [$(
            ($alg, [
                ($alg_typ, concat!(r#"{"alg":""#, $alg, r#"","typ":"JWT"}"#), true),
                ($typ_alg, concat!(r#"{"typ":"JWT","alg":""#, $alg, r#""}"#), true),
                ($alg_only, concat!(r#"{"alg":""#, $alg, r#""}"#), false),
            ]),
        )*]
    };
}

/// The usual headers of one algorithm: (encoded header, its JSON, whether it has
/// `typ: "JWT"`) for each form.
#[cfg(feature = "fast")]
pub(crate) type Forms = [(&'static str, &'static str, bool); 3];

#[cfg(feature = "fast")]
const KNOWN: &[(&str, Forms)] = &known_headers! {
    "HS256" => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJIUzI1NiJ9";
    "HS384" => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzM4NCJ9", "eyJhbGciOiJIUzM4NCJ9";
    "HS512" => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9", "eyJhbGciOiJIUzUxMiJ9";
    "ES256" => "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9", "eyJhbGciOiJFUzI1NiJ9";
    "ES384" => "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzM4NCJ9", "eyJhbGciOiJFUzM4NCJ9";
    "EdDSA" => "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9", "eyJhbGciOiJFZERTQSJ9";
    "RS256" => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9", "eyJhbGciOiJSUzI1NiJ9";
    "RS384" => "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzM4NCJ9", "eyJhbGciOiJSUzM4NCJ9";
    "RS512" => "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzUxMiJ9", "eyJhbGciOiJSUzUxMiJ9";
    "PS256" => "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzI1NiJ9", "eyJhbGciOiJQUzI1NiJ9";
    "PS384" => "eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzM4NCJ9", "eyJhbGciOiJQUzM4NCJ9";
    "PS512" => "eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9", "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzUxMiJ9", "eyJhbGciOiJQUzUxMiJ9";
};

/// The usual headers of `alg`. Callers evaluate it at compile time (`const { forms_of(K::ALG) }`),
/// so that an image links the encodings of its own algorithms only.
#[cfg(feature = "fast")]
pub(crate) const fn forms_of(alg: &str) -> Option<&'static Forms> {
    let mut rest = KNOWN;
    while let Some(((name, forms), tail)) = rest.split_first() {
        if same(name.as_bytes(), alg.as_bytes()) {
            return Some(forms);
        }
        rest = tail;
    }
    None
}

#[cfg(feature = "fast")]
const fn same(mut a: &[u8], mut b: &[u8]) -> bool {
    loop {
        match (a.split_first(), b.split_first()) {
            (Some((x, a_rest)), Some((y, b_rest))) if *x == *y => {
                a = a_rest;
                b = b_rest;
            }
            (None, None) => return true,
            _ => return false,
        }
    }
}

/// The header and its JSON when the *encoded* header segment is one of the usual headers
/// `forms` of the key's algorithm: then neither decoding nor scanning it can say anything else.
///
/// Only with the `fast` feature. Every other segment is decoded and read by [`parse_for`];
/// the unit tests check that both ways give the same verdict.
#[cfg(feature = "fast")]
pub(crate) fn known(
    encoded: &[u8],
    max_depth: usize,
    forms: Option<&'static Forms>,
) -> Option<(Header<'static>, &'static [u8])> {
    if max_depth == 0 {
        return None;
    }
    let &(_, json, typ) = forms?.iter().find(|(e, _, _)| e.as_bytes() == encoded)?;
    let header = Header {
        typ: typ.then(|| JsonStr::from_validated("JWT")),
        ..Header::default()
    };
    Some((header, json.as_bytes()))
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

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
mod tests {
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

    fn same_verdict(json: &[u8], depth: usize, alg: &str) {
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

    const USUAL: [&str; 3] = [
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

    #[test]
    #[cfg(feature = "fast")]
    fn the_usual_headers_take_the_fast_path() {
        for json in USUAL {
            assert!(canonical(json.as_bytes(), "HS256").is_some(), "{json}");
            assert!(canonical(json.as_bytes(), "HS384").is_none(), "{json}");
            for depth in [0, 1, 32] {
                for alg in ["HS256", "HS384", "ES256", "none", ""] {
                    same_verdict(json.as_bytes(), depth, alg);
                }
            }
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

    /// What verification concludes from an encoded header without the encoded fast path.
    #[cfg(feature = "fast")]
    fn decoded_verdict(
        encoded: &[u8],
        depth: usize,
        alg: &str,
    ) -> Result<(std::vec::Vec<u8>, Option<String>), Error> {
        let mut buf = [0u8; 96];
        let json = crate::b64::decode_public(encoded, &mut buf)?;
        let header = parse_for(json, depth, alg)?;
        Ok((json.to_vec(), header.typ.map(|t| t.raw().to_owned())))
    }

    #[cfg(feature = "fast")]
    fn known_verdict(
        encoded: &[u8],
        depth: usize,
        alg: &str,
    ) -> Result<(std::vec::Vec<u8>, Option<String>), Error> {
        match known(encoded, depth, forms_of(alg)) {
            Some((header, json)) => Ok((json.to_vec(), header.typ.map(|t| t.raw().to_owned()))),
            None => decoded_verdict(encoded, depth, alg),
        }
    }

    #[test]
    #[cfg(feature = "fast")]
    fn known_encodings_are_the_encoders() {
        for (alg, forms) in KNOWN {
            assert_eq!(forms_of(alg), Some(forms));
            for (encoded, json, _) in forms {
                let mut out = [0u8; 96];
                let n = crate::b64::encode(json.as_bytes(), &mut out).unwrap();
                assert_eq!(&out[..n], encoded.as_bytes(), "{json}");
                assert!(known(encoded.as_bytes(), 32, forms_of(alg)).is_some());
                for depth in [0, 1, 32] {
                    for other in ["HS256", "ES256", "EdDSA", "none", ""] {
                        assert_eq!(
                            known_verdict(encoded.as_bytes(), depth, other),
                            decoded_verdict(encoded.as_bytes(), depth, other),
                            "{json} as {other} at depth {depth}"
                        );
                    }
                }
            }
        }
    }

    #[cfg(feature = "fast")]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]

        /// Any single-character change, deletion or insertion in a known encoded header, and
        /// any prefix of it, gets the same verdict with and without the encoded fast path.
        #[test]
        fn known_and_decoded_agree(which in 0usize..36, at in 0usize..48, byte in proptest::prelude::any::<u8>(), how in 0u8..4) {
            let (alg, forms) = KNOWN[which / 3];
            let mut encoded = forms[which % 3].0.as_bytes().to_vec();
            let at = at % (encoded.len() + 1);
            match how {
                0 if at < encoded.len() => encoded[at] = byte,
                1 if at < encoded.len() => { encoded.remove(at); }
                2 => encoded.insert(at, byte),
                _ => encoded.truncate(at),
            }
            for expected in [alg, "HS256", "ES256"] {
                proptest::prop_assert_eq!(known_verdict(&encoded, 32, expected), decoded_verdict(&encoded, 32, expected));
            }
        }
    }
}
