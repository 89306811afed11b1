//! Keys from JWK JSON (RFC 7517), without a heap, and RFC 7638 thumbprints.
//!
//! A JWK is read once by the pre-scan into [`Fields`]; each key type then takes the members it
//! needs, in one file per key type family (`oct`, `EC`, `OKP`, `RSA`), as inherent constructors
//! of the `alg` key types: the algorithms work on bytes and never see JSON. The members that restrict a key (`alg`, `use`, `key_ops`) are always honoured: a key
//! for another algorithm, for encryption, or for other operations is refused.

#[cfg(any(feature = "es256", feature = "es384", feature = "es512"))]
mod ec;
mod oct;
#[cfg(feature = "eddsa")]
mod okp;
#[cfg(feature = "rsa")]
mod rsa;

use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::b64;
use crate::error::Error;
use crate::json::JsonStr;
use crate::json::{EscapedNames, Kind, Value, for_each_array_string, lookup, scan_object};
use crate::limits::JWK_MAX_DEPTH;

/// The longest decoded key member accepted, in bytes (`k` of an HMAC key; the coordinates and
/// scalars of EC and OKP keys are far shorter).
pub(crate) const MAX_MEMBER_LEN: usize = 256;

/// The JWK members this crate reads.
#[derive(Clone, Copy)]
enum Member {
    Kty,
    Crv,
    Alg,
    Kid,
    K,
    X,
    Y,
    D,
    N,
    E,
    Use,
    KeyOps,
    P,
    Q,
    Dp,
    Dq,
    Qi,
    Oth,
}

const MEMBERS: [(&str, Member); 18] = [
    ("kty", Member::Kty),
    ("crv", Member::Crv),
    ("alg", Member::Alg),
    ("kid", Member::Kid),
    ("k", Member::K),
    ("x", Member::X),
    ("y", Member::Y),
    ("d", Member::D),
    ("n", Member::N),
    ("e", Member::E),
    ("use", Member::Use),
    ("key_ops", Member::KeyOps),
    ("p", Member::P),
    ("q", Member::Q),
    ("dp", Member::Dp),
    ("dq", Member::Dq),
    ("qi", Member::Qi),
    ("oth", Member::Oth),
];

/// The members of one JWK object that this crate reads.
#[derive(Clone, Copy, Default)]
pub(crate) struct Fields<'a> {
    pub kty: Option<JsonStr<'a>>,
    pub crv: Option<JsonStr<'a>>,
    pub alg: Option<JsonStr<'a>>,
    pub kid: Option<JsonStr<'a>>,
    pub k: Option<JsonStr<'a>>,
    pub x: Option<JsonStr<'a>>,
    pub y: Option<JsonStr<'a>>,
    pub d: Option<JsonStr<'a>>,
    pub n: Option<JsonStr<'a>>,
    pub e: Option<JsonStr<'a>>,
    /// The RSA private members beyond `d` (RFC 7518 §6.3.2).
    pub rsa_crt: RsaCrt<'a>,
    /// Whether `oth` (more than two RSA primes, RFC 7518 §6.3.2.7) is present: never accepted.
    pub has_other_primes: bool,
    /// `use` is absent or `sig`, and `key_ops` is absent or allows `sign` or `verify`.
    pub for_signatures: bool,
    /// `key_ops` is absent or allows `verify`: a key set holds only keys that may verify.
    pub verifies: bool,
}

/// The optional members of an RSA private JWK: both primes and the CRT values.
#[derive(Clone, Copy, Default)]
pub(crate) struct RsaCrt<'a> {
    pub p: Option<JsonStr<'a>>,
    pub q: Option<JsonStr<'a>>,
    pub dp: Option<JsonStr<'a>>,
    pub dq: Option<JsonStr<'a>>,
    pub qi: Option<JsonStr<'a>>,
}

impl<'a> Fields<'a> {
    /// Pre-scans one JWK object and picks out its members.
    pub(crate) fn parse(jwk: &'a [u8]) -> Result<Self, Error> {
        let mut f = Fields {
            for_signatures: true,
            verifies: true,
            ..Fields::default()
        };
        scan_object(jwk, JWK_MAX_DEPTH, |name, value| f.take(name, value))?;
        Ok(f)
    }

    fn take(&mut self, name: JsonStr<'a>, value: Value<'a>) -> Result<(), Error> {
        let text = || value.as_json_str().ok_or(Error::InvalidKey);
        // JWK producers never escape these names: an escaped spelling is refused rather than
        // read one way here and another way elsewhere.
        let member = lookup(name, &MEMBERS, EscapedNames::Refused(Error::InvalidKey))?;
        let slot = match member {
            Some(Member::Kty) => &mut self.kty,
            Some(Member::Crv) => &mut self.crv,
            Some(Member::Alg) => &mut self.alg,
            Some(Member::Kid) => &mut self.kid,
            Some(Member::K) => &mut self.k,
            Some(Member::X) => &mut self.x,
            Some(Member::Y) => &mut self.y,
            Some(Member::D) => &mut self.d,
            Some(Member::N) => &mut self.n,
            Some(Member::E) => &mut self.e,
            Some(Member::P) => &mut self.rsa_crt.p,
            Some(Member::Q) => &mut self.rsa_crt.q,
            Some(Member::Dp) => &mut self.rsa_crt.dp,
            Some(Member::Dq) => &mut self.rsa_crt.dq,
            Some(Member::Qi) => &mut self.rsa_crt.qi,
            Some(Member::Oth) => {
                self.has_other_primes = true;
                return Ok(());
            }
            Some(Member::Use) => {
                self.for_signatures &= text()? == "sig";
                return Ok(());
            }
            Some(Member::KeyOps) => {
                if value.kind != Kind::Array {
                    return Err(Error::InvalidKey);
                }
                let (mut signs, mut verifies) = (false, false);
                for_each_array_string(value.raw, Error::InvalidKey, |op| {
                    signs |= op == "sign";
                    verifies |= op == "verify";
                    Ok(())
                })?;
                self.for_signatures &= signs || verifies;
                self.verifies &= verifies;
                return Ok(());
            }
            None => return Ok(()),
        };
        *slot = Some(text()?);
        Ok(())
    }

    /// Checks that this JWK is a signature key of type `kty` (and curve `crv`) usable for `alg`.
    pub(crate) fn expect(&self, kty: &str, crv: Option<&str>, alg: &str) -> Result<(), Error> {
        let kty_ok = self.kty.is_some_and(|t| t == kty);
        let crv_ok = match crv {
            Some(c) => self.crv.is_some_and(|v| v == c),
            None => true,
        };
        let alg_ok = self.alg.is_none_or(|a| a == alg);
        if kty_ok && crv_ok && alg_ok && self.for_signatures {
            Ok(())
        } else {
            Err(Error::InvalidKey)
        }
    }
}

/// Decodes a base64url key member into the front of `out`, in constant time (key material is
/// secret), returning the decoded bytes.
///
/// # Errors
/// [`Error::InvalidKey`] when it is absent, not a plain string, not base64url or too long.
pub(crate) fn decode_member<'o>(
    value: Option<JsonStr<'_>>,
    out: &'o mut [u8],
) -> Result<&'o mut [u8], Error> {
    let text = value.and_then(|v| v.as_str()).ok_or(Error::InvalidKey)?;
    b64::decode(text.as_bytes(), out).map_err(|_| Error::InvalidKey)
}

/// Decodes a base64url key member of exactly `N` bytes.
#[cfg_attr(
    not(any(
        feature = "es256",
        feature = "es384",
        feature = "es512",
        feature = "eddsa"
    )),
    expect(dead_code, reason = "only EC and OKP keys have fixed-size members")
)]
pub(crate) fn member<const N: usize>(value: Option<JsonStr<'_>>) -> Result<[u8; N], Error> {
    let mut out = [0u8; N];
    let len = decode_member(value, &mut out).map(|m| m.len());
    if len == Ok(N) {
        Ok(out)
    } else {
        out.zeroize();
        Err(Error::InvalidKey)
    }
}

/// Parses an `oct` JWK meant for signatures with `alg` and calls `build` with its secret, which
/// is wiped from the stack afterwards.
pub(crate) fn with_oct_secret<T>(
    jwk: &[u8],
    alg: &str,
    build: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    let fields = Fields::parse(jwk)?;
    fields.expect("oct", None, alg)?;
    let mut secret = [0u8; MAX_MEMBER_LEN];
    let result = decode_member(fields.k, &mut secret).and_then(|bytes| build(bytes));
    secret.zeroize();
    result
}

/// Writes `bytes` as base64url into `out` and returns the text: the one way a key member or a
/// thumbprint becomes a `&str` here. Empty if `out` is too short.
pub(crate) fn encode_str<'o>(bytes: &[u8], out: &'o mut [u8]) -> &'o str {
    let written = b64::encode(bytes, out).unwrap_or(0);
    core::str::from_utf8(out.get(..written).unwrap_or(&[])).unwrap_or("")
}

/// The RFC 7638 thumbprint (SHA-256) of a JWK given as JSON: its required members, in
/// lexicographic order, without whitespace. Supports `oct`, `EC`, `OKP` and `RSA` keys.
///
/// ```
/// // RFC 7638 §3.1's example key.
/// let jwk = br#"{"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#;
/// let thumbprint = jwt_core::jwk_thumbprint(jwk)?;
/// let mut text = [0u8; 43];
/// let text = jwt_core::thumbprint_base64url(&thumbprint, &mut text);
/// assert_eq!(text, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidKey`] when a required member is missing or the key type is unknown, or a
/// JSON error.
pub fn jwk_thumbprint(jwk: &[u8]) -> Result<[u8; 32], Error> {
    let f = Fields::parse(jwk)?;
    let kty = raw(f.kty)?;
    Ok(match kty {
        "oct" => canonical_hash(&[("k", raw(f.k)?), ("kty", kty)]),
        "EC" => canonical_hash(&[
            ("crv", raw(f.crv)?),
            ("kty", kty),
            ("x", raw(f.x)?),
            ("y", raw(f.y)?),
        ]),
        "OKP" => canonical_hash(&[("crv", raw(f.crv)?), ("kty", kty), ("x", raw(f.x)?)]),
        "RSA" => canonical_hash(&[("e", raw(f.e)?), ("kty", kty), ("n", raw(f.n)?)]),
        _ => return Err(Error::InvalidKey),
    })
}

fn raw(value: Option<JsonStr<'_>>) -> Result<&str, Error> {
    value.and_then(|s| s.as_str()).ok_or(Error::InvalidKey)
}

/// SHA-256 of `{"name":"value",...}` for members already in lexicographic order whose values
/// need no escaping (base64url and fixed names), as RFC 7638 §3.2 specifies.
pub(crate) fn canonical_hash(members: &[(&str, &str)]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"{");
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            h.update(b",");
        }
        h.update(b"\"");
        h.update(name.as_bytes());
        h.update(b"\":\"");
        h.update(value.as_bytes());
        h.update(b"\"");
    }
    h.update(b"}");
    h.finalize().into()
}

/// Writes a thumbprint as the 43 characters of its base64url form, the usual `kid`.
///
/// Returns an empty string if `out` is shorter than 43 bytes.
#[must_use]
pub fn thumbprint_base64url<'o>(thumbprint: &[u8; 32], out: &'o mut [u8; 43]) -> &'o str {
    encode_str(thumbprint, out)
}
