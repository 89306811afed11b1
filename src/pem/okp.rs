//! Ed25519 keys from PEM: `PUBLIC KEY` (SPKI) and `PRIVATE KEY` (PKCS#8), RFC 8410.

use super::{MAX_DER, with_der};
use crate::alg::{Ed25519SigningKey, Ed25519VerifyingKey};
use crate::error::Error;

impl Ed25519VerifyingKey {
    /// Reads a PEM `PUBLIC KEY`.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not an Ed25519 key.
    pub fn from_public_key_pem(pem: &str) -> Result<Self, Error> {
        with_der(
            pem,
            &["PUBLIC KEY"],
            &mut [0u8; MAX_DER],
            Self::from_public_key_der,
        )
    }
}

impl Ed25519SigningKey {
    /// Reads a PEM `PRIVATE KEY` (PKCS#8).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not an Ed25519 key.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        with_der(
            pem,
            &["PRIVATE KEY"],
            &mut [0u8; MAX_DER],
            Self::from_pkcs8_der,
        )
    }
}
