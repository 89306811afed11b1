//! RSA keys from PEM: `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1), `PRIVATE KEY` (PKCS#8)
//! and `RSA PRIVATE KEY` (PKCS#1), decoded into a heap buffer (RSA keys outgrow the stack one).

extern crate alloc;

use super::with_der;
use crate::alg::{RsaPrivate, RsaPublic};
use crate::error::Error;

impl RsaPublic {
    /// Reads a PEM `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is neither.
    pub fn from_public_key_pem(pem: &str) -> Result<Self, Error> {
        with_der(
            pem,
            &["PUBLIC KEY", "RSA PUBLIC KEY"],
            &mut alloc::vec![0u8; pem.len()],
            Self::from_public_key_der,
        )
    }
}

impl RsaPrivate {
    /// Reads a PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is neither.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        with_der(
            pem,
            &["PRIVATE KEY", "RSA PRIVATE KEY"],
            &mut alloc::vec![0u8; pem.len()],
            Self::from_der,
        )
    }
}
