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

use crate::alg::KeyOps;
use crate::b64;
use crate::error::Error;
use crate::json::JsonStr;
use crate::json::{EscapedNames, Kind, Value, for_each_array_string, lookup, scan_object};
use crate::limits::JWK_MAX_DEPTH;

/// The longest decoded key member accepted, in bytes (`k` of an HMAC key; the coordinates and
/// scalars of EC and OKP keys are far shorter).
pub(crate) const MAX_MEMBER_LEN: usize = 256;

/// The algorithm each curve's keys are for (RFC 7518 §3.4, RFC 8037 §3.1): one curve, one
/// algorithm, so a JWK without `alg` still says which.
const CURVE_ALGORITHMS: [(&str, &str, &str); 4] = [
    ("EC", "P-256", "ES256"),
    ("EC", "P-384", "ES384"),
    ("EC", "P-521", "ES512"),
    ("OKP", "Ed25519", "EdDSA"),
];

/// The algorithm a JWK is for: its `alg`, or the one its curve implies (`P-256` → `ES256`,
/// `P-384` → `ES384`, `P-521` → `ES512`, `Ed25519` → `EdDSA`); `None` for an `oct` or `RSA`
/// key without `alg`, whose algorithm only the caller knows. A command line asks this to pick
/// the key type for a JWK when no algorithm was given.
///
/// ```
/// let jwk = br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
/// assert_eq!(jwt_core::jwk_algorithm(jwk)?, Some("EdDSA"));
/// assert_eq!(jwt_core::jwk_algorithm(br#"{"kty":"oct","k":"AAAA"}"#)?, None);
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// A JSON error, as for any JWK (duplicate members included), or [`Error::InvalidKey`] when
/// its `alg` is not a plain string or its `use` and `key_ops` disagree.
pub fn jwk_algorithm(jwk: &[u8]) -> Result<Option<&str>, Error> {
    Fields::parse(jwk)?.algorithm()
}

/// Whether a JWK holds a private or secret key (`d`, or an `oct` key's `k`): one that can sign.
///
/// ```
/// assert!(jwt_core::jwk_is_private(br#"{"kty":"oct","k":"AAAA"}"#)?);
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// As [`jwk_algorithm`].
pub fn jwk_is_private(jwk: &[u8]) -> Result<bool, Error> {
    let f = Fields::parse(jwk)?;
    Ok(f.d.is_some() || f.k.is_some())
}

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
    /// What `use` and `key_ops` allow this key to do.
    pub ops: KeyOps,
    /// The operation the key being built is for: set by the constructor, checked by
    /// [`Self::expect`].
    purpose: Purpose,
}

/// The operation a key is built for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A verifying key (the default: what a key set and a public key are for).
    #[default]
    Verify,
    /// A signing key.
    #[cfg_attr(
        not(feature = "asymmetric"),
        expect(dead_code, reason = "only asymmetric keys are built for signing alone")
    )]
    Sign,
    /// An HMAC key, which does both: it remembers which its JWK allowed.
    SignOrVerify,
}

impl Purpose {
    /// Whether `ops` include this purpose.
    const fn allowed_by(self, ops: KeyOps) -> bool {
        match self {
            Self::Verify => ops.verify,
            Self::Sign => ops.sign,
            Self::SignOrVerify => ops.sign || ops.verify,
        }
    }
}

/// What `use` and `key_ops` say, gathered before they are compared (members come in any
/// order).
#[derive(Clone, Copy, Default)]
struct Restrictions {
    /// `use`: `Some(true)` for `sig`, `Some(false)` for anything else.
    use_sig: Option<bool>,
    /// `key_ops`: whether it lists `sign`, `verify`, and anything else.
    key_ops: Option<(bool, bool, bool)>,
}

impl Restrictions {
    /// The operations both members allow. When both are present they must be consistent
    /// (RFC 7517 §4.3): `sig` goes with signature operations only, any other `use` with none
    /// of them. A key whose members disagree may do nothing.
    fn ops(self) -> KeyOps {
        const NONE: KeyOps = KeyOps {
            sign: false,
            verify: false,
        };
        match (self.use_sig, self.key_ops) {
            (None | Some(true), None) => KeyOps::BOTH,
            (None, Some((sign, verify, _))) => KeyOps { sign, verify },
            (Some(true), Some((sign, verify, false))) if sign || verify => KeyOps { sign, verify },
            (Some(_), _) => NONE,
        }
    }
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
    /// Pre-scans one JWK object and picks out its members, for a verifying key.
    pub(crate) fn parse(jwk: &'a [u8]) -> Result<Self, Error> {
        let mut f = Fields::default();
        let mut restrictions = Restrictions::default();
        scan_object(jwk, JWK_MAX_DEPTH, |name, value| {
            f.take(name, value, &mut restrictions)
        })?;
        f.ops = restrictions.ops();
        Ok(f)
    }

    /// The same members, for building a key that does `purpose`.
    pub(crate) const fn for_purpose(mut self, purpose: Purpose) -> Self {
        self.purpose = purpose;
        self
    }

    fn take(
        &mut self,
        name: JsonStr<'a>,
        value: Value<'a>,
        restrictions: &mut Restrictions,
    ) -> Result<(), Error> {
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
                restrictions.use_sig = Some(text()? == "sig");
                return Ok(());
            }
            Some(Member::KeyOps) => {
                if value.kind != Kind::Array {
                    return Err(Error::InvalidKey);
                }
                let (mut signs, mut verifies, mut other) = (false, false, false);
                for_each_array_string(value.raw, Error::InvalidKey, |op| {
                    if op == "sign" {
                        signs = true;
                    } else if op == "verify" {
                        verifies = true;
                    } else {
                        other = true;
                    }
                    Ok(())
                })?;
                restrictions.key_ops = Some((signs, verifies, other));
                return Ok(());
            }
            None => return Ok(()),
        };
        *slot = Some(text()?);
        Ok(())
    }

    /// The algorithm this JWK is for: its `alg` as written, or the one its curve implies
    /// (`P-256` → `ES256`, `P-384` → `ES384`, `P-521` → `ES512`, `Ed25519` → `EdDSA`). `None`
    /// for an `oct` or `RSA` key that names none: only the caller can say.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when `alg` is not a plain string.
    pub(crate) fn algorithm(&self) -> Result<Option<&'a str>, Error> {
        if let Some(alg) = self.alg {
            return alg.as_str().map(Some).ok_or(Error::InvalidKey);
        }
        let implied = |kty: &str, crv: &str| {
            CURVE_ALGORITHMS
                .iter()
                .find(|(t, c, _)| *t == kty && *c == crv)
                .map(|(_, _, alg)| *alg)
        };
        Ok(
            match (
                self.kty.and_then(|k| k.as_str()),
                self.crv.and_then(|c| c.as_str()),
            ) {
                (Some(kty), Some(crv)) => implied(kty, crv),
                _ => None,
            },
        )
    }

    /// Checks that this JWK is a key of type `kty` (and curve `crv`) for `alg`, whose `use` and
    /// `key_ops` allow what it is being built for.
    pub(crate) fn expect(&self, kty: &str, crv: Option<&str>, alg: &str) -> Result<(), Error> {
        let kty_ok = self.kty.is_some_and(|t| t == kty);
        let crv_ok = match crv {
            Some(c) => self.crv.is_some_and(|v| v == c),
            None => true,
        };
        let alg_ok = self.alg.is_none_or(|a| a == alg);
        if kty_ok && crv_ok && alg_ok && self.purpose.allowed_by(self.ops) {
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
/// is wiped from the stack afterwards, and the operations the JWK allows.
pub(crate) fn with_oct_secret<T>(
    jwk: &[u8],
    alg: &str,
    build: impl FnOnce(&[u8], KeyOps) -> Result<T, Error>,
) -> Result<T, Error> {
    let fields = Fields::parse(jwk)?.for_purpose(Purpose::SignOrVerify);
    fields.expect("oct", None, alg)?;
    let mut secret = [0u8; MAX_MEMBER_LEN];
    let result = decode_member(fields.k, &mut secret).and_then(|bytes| build(bytes, fields.ops));
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
