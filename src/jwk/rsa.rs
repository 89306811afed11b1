//! RSA public keys from `RSA` JWKs (RFC 7518 §6.3.1), their thumbprints (RFC 7638 §3.2) and
//! the `Debug` that shows size and thumbprint. The members decode onto the heap, as RSA keys do.

extern crate alloc;

use core::fmt;

use zeroize::Zeroizing;

use super::{Fields, Purpose, canonical_hash, decode_member, encode_str, thumbprint_base64url};
use crate::alg::{
    Ps256SigningKey, Ps256VerifyingKey, Ps384SigningKey, Ps384VerifyingKey, Ps512SigningKey,
    Ps512VerifyingKey, Rs256SigningKey, Rs256VerifyingKey, Rs384SigningKey, Rs384VerifyingKey,
    Rs512SigningKey, Rs512VerifyingKey, RsaAlgorithm, RsaCrtComponents, RsaPrivate, RsaPublic,
};
use crate::b64;
use crate::error::Error;

impl RsaPublic {
    /// Reads an `RSA` JWK for `alg`: `n` and `e`.
    fn from_fields(f: &Fields<'_>, alg: &str) -> Result<Self, Error> {
        f.expect("RSA", None, alg)?;
        let n = member_on_heap(f.n)?;
        let e = member_on_heap(f.e)?;
        Self::from_components(&n, &e)
    }

    /// The RFC 7638 thumbprint of this key's JWK.
    #[must_use]
    pub fn thumbprint(&self) -> [u8; 32] {
        let (n, e) = self.components();
        let mut n_text = alloc::vec![0u8; b64::encoded_len(n.len())];
        let mut e_text = alloc::vec![0u8; b64::encoded_len(e.len())];
        let n = encode_str(&n, &mut n_text);
        let e = encode_str(&e, &mut e_text);
        canonical_hash(&[("e", e), ("kty", "RSA"), ("n", n)])
    }
}

impl RsaPrivate {
    /// Reads a private `RSA` JWK for `alg`: `n`, `e`, `d`, and either none or all of `p`, `q`,
    /// `dp`, `dq`, `qi`, which must agree with the rest; `oth` (more primes) is refused. Its
    /// `alg`, `use` and `key_ops`, when present, must allow `alg`.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not such a key or its members disagree, or a JSON
    /// error.
    pub fn from_jwk(jwk: &[u8], alg: RsaAlgorithm) -> Result<Self, Error> {
        Self::from_fields(&Fields::parse(jwk)?.for_purpose(Purpose::Sign), alg.name())
    }

    /// Reads a private `RSA` JWK for `alg`: `n`, `e`, `d`, and either none or all of `p`, `q`,
    /// `dp`, `dq`, `qi` (checked against the rest). `oth` is refused.
    fn from_fields(f: &Fields<'_>, alg: &str) -> Result<Self, Error> {
        f.expect("RSA", None, alg)?;
        if f.has_other_primes {
            return Err(Error::InvalidKey);
        }
        let modulus = member_on_heap(f.n)?;
        let exponent = member_on_heap(f.e)?;
        let private_exponent = member_on_heap(f.d)?;
        let c = f.rsa_crt;
        let crt = match (c.p, c.q, c.dp, c.dq, c.qi) {
            (None, None, None, None, None) => None,
            (Some(_), Some(_), Some(_), Some(_), Some(_)) => Some([
                member_on_heap(c.p)?,
                member_on_heap(c.q)?,
                member_on_heap(c.dp)?,
                member_on_heap(c.dq)?,
                member_on_heap(c.qi)?,
            ]),
            _ => return Err(Error::InvalidKey),
        };
        let crt_parts =
            crt.as_ref()
                .map(|[p, q, dp, dq, qi]| RsaCrtComponents { p, q, dp, dq, qi });
        Self::from_components(&modulus, &exponent, &private_exponent, crt_parts)
    }
}

impl fmt::Debug for RsaPublic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kid = [0u8; 43];
        f.debug_struct("RsaPublic")
            .field("bits", &self.bits())
            .field(
                "thumbprint",
                &thumbprint_base64url(&self.thumbprint(), &mut kid),
            )
            .finish()
    }
}

/// A big-integer member, decoded into a heap buffer of its exact length, wiped on drop (the
/// private members are secret). It must be in the minimal number of octets: a leading zero
/// octet is refused unless it is the whole value (RFC 7518 §2, "`Base64urlUInt`"), so one key has
/// one spelling.
fn member_on_heap(
    value: Option<crate::json::JsonStr<'_>>,
) -> Result<Zeroizing<alloc::vec::Vec<u8>>, Error> {
    let len = value
        .and_then(|v| v.as_str())
        .and_then(|t| b64::decoded_len(t.len()))
        .ok_or(Error::InvalidKey)?;
    let mut out = Zeroizing::new(alloc::vec![0u8; len]);
    let written = decode_member(value, &mut out)?.len();
    out.truncate(written);
    match out.as_slice() {
        [0, _, ..] | [] => Err(Error::InvalidKey),
        _ => Ok(out),
    }
}

macro_rules! rsa_jwk {
    ($($vk:ident),*) => {$(
        impl $vk {
            /// Reads a JWK with `kty` `RSA` (`n`, `e`); its `alg`, `use` and `key_ops`, when
            /// present, must allow verifying this algorithm.
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is not such a key, or a JSON error.
            pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
                Self::from_fields(&Fields::parse(jwk)?)
            }

            pub(crate) fn from_fields(f: &Fields<'_>) -> Result<Self, Error> {
                RsaPublic::from_fields(f, <Self as crate::alg::VerifyingKey>::ALG).map(Self::new)
            }
        }
    )*};
}

rsa_jwk!(
    Rs256VerifyingKey,
    Rs384VerifyingKey,
    Rs512VerifyingKey,
    Ps256VerifyingKey,
    Ps384VerifyingKey,
    Ps512VerifyingKey
);

macro_rules! rsa_private_jwk {
    ($($sk:ident),*) => {$(
        impl $sk {
            /// Reads a private JWK with `kty` `RSA` (`n`, `e`, `d`, and either none or all of
            /// `p`, `q`, `dp`, `dq`, `qi`, which must agree); its `alg`, `use` and `key_ops`,
            /// when present, must allow this algorithm.
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is not such a key or its members disagree, or a
            /// JSON error.
            pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
                let fields = Fields::parse(jwk)?.for_purpose(Purpose::Sign);
                let alg = <Self as crate::alg::RandomizedSigningKey>::ALG;
                RsaPrivate::from_fields(&fields, alg).map(Self::new)
            }
        }
    )*};
}

rsa_private_jwk!(
    Rs256SigningKey,
    Rs384SigningKey,
    Rs512SigningKey,
    Ps256SigningKey,
    Ps384SigningKey,
    Ps512SigningKey
);
