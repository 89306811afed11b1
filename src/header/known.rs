//! The usual headers, recognised without reading them (the `fast` feature).
//!
//! Signers nearly always send `{"alg":X,"typ":"JWT"}`, the same with the members swapped, or
//! `{"alg":X}`. For exactly those bytes the full scan's verdict is known, so verification can
//! skip decoding (matching the encoded segment) or scanning (matching the decoded JSON), and
//! signing can copy the encoded text. Every other input takes the full path; the tests below
//! check that both ways give the same verdict on every input, and that every encoding in the
//! table is the encoder's.

use super::Header;
use crate::alg::{SigningKey, VerifyingKey};
use crate::json::JsonStr;

/// One usual header of an algorithm.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UsualHeader {
    /// The header segment, base64url.
    pub encoded: &'static str,
    /// The header JSON it decodes to.
    pub json: &'static str,
    /// Its `typ`: `JWT` or none.
    pub typ: Option<&'static str>,
}

/// The three usual headers of one algorithm.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Forms {
    /// `{"alg":X,"typ":"JWT"}`
    pub alg_typ: UsualHeader,
    /// `{"typ":"JWT","alg":X}`
    pub typ_alg: UsualHeader,
    /// `{"alg":X}`
    pub alg_only: UsualHeader,
}

impl Forms {
    fn all(&self) -> [&UsualHeader; 3] {
        [&self.alg_typ, &self.typ_alg, &self.alg_only]
    }
}

/// The header and its JSON when the *encoded* header segment is one of the usual headers of
/// `K`'s algorithm: then neither decoding nor scanning it can say anything else.
pub(crate) fn for_key<K: VerifyingKey + ?Sized>(
    encoded: &[u8],
    max_depth: usize,
) -> Option<(Header<'static>, &'static [u8])> {
    // Evaluated at compile time, so that an image links its own algorithm's encodings only.
    matching(encoded, max_depth, const { forms_of(K::ALG) })
}

/// The encoded header to copy when signing with `K` a header of only `alg` and `typ`
/// (absent or `JWT`), if the table has it.
pub(crate) fn for_signing<K: SigningKey + ?Sized>(typ: Option<&str>) -> Option<&'static str> {
    let forms = const { forms_of(K::ALG) }?;
    match typ {
        None => Some(forms.alg_only.encoded),
        Some("JWT") => Some(forms.alg_typ.encoded),
        Some(_) => None,
    }
}

/// The header, when the decoded `json` is one of the usual headers with `alg: expected`.
pub(crate) fn decoded<'a>(json: &'a [u8], max_depth: usize, expected: &str) -> Option<Header<'a>> {
    // `alg` values are plain names; anything else (and `none`, which is never a key's) is
    // left to the full scan and `check_alg`.
    const JWT: &str = "JWT";
    let plain = expected.bytes().all(|b| b.is_ascii_alphanumeric())
        && !expected.eq_ignore_ascii_case("none");
    if max_depth == 0 || !plain {
        return None;
    }
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

/// The usual headers for this crate's algorithms, as base64url text with their JSON. A unit
/// test checks every encoding against the encoder.
macro_rules! known_headers {
    ($($alg:literal => $alg_typ:literal, $typ_alg:literal, $alg_only:literal;)*) => {
        [$(
            ($alg, Forms {
                alg_typ: UsualHeader {
                    encoded: $alg_typ,
                    json: concat!(r#"{"alg":""#, $alg, r#"","typ":"JWT"}"#),
                    typ: Some("JWT"),
                },
                typ_alg: UsualHeader {
                    encoded: $typ_alg,
                    json: concat!(r#"{"typ":"JWT","alg":""#, $alg, r#""}"#),
                    typ: Some("JWT"),
                },
                alg_only: UsualHeader {
                    encoded: $alg_only,
                    json: concat!(r#"{"alg":""#, $alg, r#""}"#),
                    typ: None,
                },
            }),
        )*]
    };
}

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

/// The usual headers of `alg`.
const fn forms_of(alg: &str) -> Option<&'static Forms> {
    let mut rest = KNOWN;
    while let Some(((name, forms), tail)) = rest.split_first() {
        if same(name.as_bytes(), alg.as_bytes()) {
            return Some(forms);
        }
        rest = tail;
    }
    None
}

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

fn matching(
    encoded: &[u8],
    max_depth: usize,
    forms: Option<&'static Forms>,
) -> Option<(Header<'static>, &'static [u8])> {
    if max_depth == 0 {
        return None;
    }
    let usual = forms?
        .all()
        .into_iter()
        .find(|u| u.encoded.as_bytes() == encoded)?;
    let header = Header {
        typ: usual.typ.map(JsonStr::from_validated),
        ..Header::default()
    };
    Some((header, usual.json.as_bytes()))
}

#[cfg(test)]
#[expect(
    clippy::arithmetic_side_effects,
    reason = "tests pick cases with plain arithmetic on small indices"
)]
mod tests {
    extern crate std;
    use std::borrow::ToOwned;
    use std::string::String;
    use std::vec::Vec;

    use super::super::tests::{USUAL, same_verdict};
    use super::super::{Header, parse_for};
    use super::*;
    use crate::error::Error;

    #[test]
    fn the_usual_headers_take_the_fast_path() {
        for json in USUAL {
            assert!(decoded(json.as_bytes(), 32, "HS256").is_some(), "{json}");
            assert!(decoded(json.as_bytes(), 32, "HS384").is_none(), "{json}");
            for depth in [0, 1, 32] {
                for alg in ["HS256", "HS384", "ES256", "none", ""] {
                    same_verdict(json.as_bytes(), depth, alg);
                }
            }
        }
    }

    #[test]
    fn signing_copies_the_usual_headers_already_encoded() {
        use crate::alg::Hs256Key;
        use crate::header::usual_encoding;
        assert_eq!(
            usual_encoding::<Hs256Key>(None),
            Some("eyJhbGciOiJIUzI1NiJ9") // {"alg":"HS256"}
        );
        assert_eq!(
            usual_encoding::<Hs256Key>(Some("JWT")),
            Some("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9") // {"alg":"HS256","typ":"JWT"}
        );
        assert_eq!(usual_encoding::<Hs256Key>(Some("at+jwt")), None);
    }

    /// What verification concludes from an encoded header without the encoded fast path.
    fn decoded_verdict(
        encoded: &[u8],
        depth: usize,
        alg: &str,
    ) -> Result<(Vec<u8>, Option<String>), Error> {
        let mut buf = [0u8; 96];
        let json = crate::b64::decode_public(encoded, &mut buf)?;
        let header: Header<'_> = parse_for(json, depth, alg)?;
        Ok((json.to_vec(), header.typ.map(|t| t.raw().to_owned())))
    }

    fn known_verdict(
        encoded: &[u8],
        depth: usize,
        alg: &str,
    ) -> Result<(Vec<u8>, Option<String>), Error> {
        match matching(encoded, depth, forms_of(alg)) {
            Some((header, json)) => Ok((json.to_vec(), header.typ.map(|t| t.raw().to_owned()))),
            None => decoded_verdict(encoded, depth, alg),
        }
    }

    #[test]
    fn known_encodings_are_the_encoders() {
        for (alg, forms) in KNOWN {
            assert_eq!(forms_of(alg), Some(forms));
            for usual in forms.all() {
                let mut out = [0u8; 96];
                let n = crate::b64::encode(usual.json.as_bytes(), &mut out).unwrap();
                assert_eq!(&out[..n], usual.encoded.as_bytes(), "{}", usual.json);
                assert!(matching(usual.encoded.as_bytes(), 32, forms_of(alg)).is_some());
                for depth in [0, 1, 32] {
                    for other in ["HS256", "ES256", "EdDSA", "none", ""] {
                        assert_eq!(
                            known_verdict(usual.encoded.as_bytes(), depth, other),
                            decoded_verdict(usual.encoded.as_bytes(), depth, other),
                            "{} as {other} at depth {depth}",
                            usual.json
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]

        /// Any single-character change, deletion or insertion in a known encoded header, and
        /// any prefix of it, gets the same verdict with and without the encoded fast path.
        #[test]
        fn known_and_decoded_agree(which in 0usize..36, at in 0usize..48, byte in proptest::prelude::any::<u8>(), how in 0u8..4) {
            let (alg, forms) = &KNOWN[which / 3];
            let mut encoded = forms.all()[which % 3].encoded.as_bytes().to_vec();
            let at = at % (encoded.len() + 1);
            match how {
                0 if at < encoded.len() => encoded[at] = byte,
                1 if at < encoded.len() => { encoded.remove(at); }
                2 => encoded.insert(at, byte),
                _ => encoded.truncate(at),
            }
            for expected in [*alg, "HS256", "ES256"] {
                proptest::prop_assert_eq!(known_verdict(&encoded, 32, expected), decoded_verdict(&encoded, 32, expected));
            }
        }
    }
}
