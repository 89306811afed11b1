//! RSA public keys from `RSA` JWKs (RFC 7518 §6.3.1), their thumbprints (RFC 7638 §3.2) and
//! the `Debug` that shows size and thumbprint. The members decode onto the heap, as RSA keys do.

extern crate alloc;

use core::fmt;

use super::{Fields, canonical_hash, decode_member, encode_str, thumbprint_base64url};
use crate::alg::{
    Ps256VerifyingKey, Ps384VerifyingKey, Ps512VerifyingKey, Rs256VerifyingKey, Rs384VerifyingKey,
    Rs512VerifyingKey, RsaPublic,
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

/// A big-integer member, decoded into a heap buffer of its exact length.
fn member_on_heap(value: Option<crate::json::JsonStr<'_>>) -> Result<alloc::vec::Vec<u8>, Error> {
    let len = value
        .and_then(|v| v.as_str())
        .and_then(|t| b64::decoded_len(t.len()))
        .ok_or(Error::InvalidKey)?;
    let mut out = alloc::vec![0u8; len];
    let written = decode_member(value, &mut out)?.len();
    out.truncate(written);
    Ok(out)
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
