//! Ed25519 keys from `OKP` JWKs (RFC 8037 §2), their thumbprints (RFC 7638) and the `Debug`
//! that shows the thumbprint.

use core::fmt;

use super::{Fields, Purpose, canonical_hash, encode_str, member, thumbprint_base64url};
use crate::alg::{Ed25519SigningKey, Ed25519VerifyingKey};
use crate::error::Error;

impl Ed25519VerifyingKey {
    /// Reads a JWK with `kty` `OKP` and `crv` `Ed25519` (RFC 8037 §2; a private `d` is
    /// ignored). Its `alg`, `use` and `key_ops`, when present, must allow verifying signatures.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not such a key, or a JSON error.
    pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
        Self::from_fields(&Fields::parse(jwk)?)
    }

    pub(crate) fn from_fields(f: &Fields<'_>) -> Result<Self, Error> {
        f.expect("OKP", Some("Ed25519"), "EdDSA")?;
        let x: [u8; 32] = member(f.x)?;
        Self::from_bytes(&x)
    }

    /// The RFC 7638 thumbprint of this key's JWK, the usual `kid`.
    #[must_use]
    pub fn thumbprint(&self) -> [u8; 32] {
        let mut x = [0u8; 43];
        let x = encode_str(&self.to_bytes(), &mut x);
        canonical_hash(&[("crv", "Ed25519"), ("kty", "OKP"), ("x", x)])
    }
}

impl fmt::Debug for Ed25519VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kid = [0u8; 43];
        f.debug_struct("Ed25519VerifyingKey")
            .field(
                "thumbprint",
                &thumbprint_base64url(&self.thumbprint(), &mut kid),
            )
            .finish()
    }
}

impl Ed25519SigningKey {
    /// Reads a private JWK (`kty` `OKP`, `crv` `Ed25519`, `d`, and `x`, which must match).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not such a key, or a JSON error.
    pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
        let f = Fields::parse(jwk)?.for_purpose(Purpose::Sign);
        let public = Ed25519VerifyingKey::from_fields(&f)?;
        let mut d: [u8; 32] = member(f.d)?;
        let key = Self::from_bytes(&d);
        zeroize::Zeroize::zeroize(&mut d);
        let key = key?;
        if key.verifying_key() == public {
            Ok(key)
        } else {
            Err(Error::InvalidKey)
        }
    }
}
