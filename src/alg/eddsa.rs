//! EdDSA with Ed25519 (RFC 8037, RFC 8032), verified strictly.
//!
//! Verification is `ed25519-dalek`'s `verify_strict`: it refuses a non-canonical `S` (`S ≥ L`),
//! a small-order `R` or public key `A`, and an `R` whose encoding is not the canonical one of the
//! recomputed point. Public keys are checked when built: bytes that do not decode to a point are
//! refused. The algorithm name is `EdDSA` (RFC 8037 §3.1); the fully-specified `Ed25519` of
//! RFC 9864 is a different `alg` value and is refused.

use core::fmt;

use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey};
use ed25519_dalek::{Signature, Signer};

use super::{SigningKey, VerifyingKey};
use crate::error::Error;

/// A public key that verifies `EdDSA` (Ed25519) signatures.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ed25519VerifyingKey {
    key: ed25519_dalek::VerifyingKey,
}

impl Ed25519VerifyingKey {
    /// Reads the 32-byte public key.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the bytes do not decode to a curve point.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let bytes: &[u8; 32] = bytes.try_into().map_err(|_| Error::InvalidKey)?;
        ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidKey)
    }

    /// Reads a DER `SubjectPublicKeyInfo` (RFC 8410).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not an Ed25519 key.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        ed25519_dalek::VerifyingKey::from_public_key_der(der)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidKey)
    }

    /// The 32-byte public key.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }
}

impl VerifyingKey for Ed25519VerifyingKey {
    const ALG: &'static str = "EdDSA";

    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        let sig = Signature::from_slice(signature).map_err(|_| Error::InvalidSignature)?;
        self.key
            .verify_strict(signing_input, &sig)
            .map_err(|_| Error::InvalidSignature)
    }
}

/// A private key that signs `EdDSA` (Ed25519, deterministic) tokens. Wiped on drop, never
/// printed.
#[derive(Clone)]
pub struct Ed25519SigningKey {
    key: ed25519_dalek::SigningKey,
}

impl Ed25519SigningKey {
    /// Builds a key from its 32-byte seed (RFC 8032 §5.1.5).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for another length.
    pub fn from_bytes(seed: &[u8]) -> Result<Self, Error> {
        let seed: &[u8; 32] = seed.try_into().map_err(|_| Error::InvalidKey)?;
        Ok(Self {
            key: ed25519_dalek::SigningKey::from_bytes(seed),
        })
    }

    /// Reads a DER PKCS#8 private key (RFC 8410).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is not an Ed25519 key.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        ed25519_dalek::SigningKey::from_pkcs8_der(der)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidKey)
    }

    /// The matching public key.
    #[must_use]
    pub fn verifying_key(&self) -> Ed25519VerifyingKey {
        Ed25519VerifyingKey {
            key: self.key.verifying_key(),
        }
    }
}

impl SigningKey for Ed25519SigningKey {
    const ALG: &'static str = "EdDSA";

    fn signature_len(&self) -> usize {
        64
    }

    fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
        let out = out.get_mut(..64).ok_or(Error::BufferTooSmall)?;
        let sig = self
            .key
            .try_sign(signing_input)
            .map_err(|_| Error::SignerFault)?;
        out.copy_from_slice(&sig.to_bytes());
        Ok(())
    }
}

impl fmt::Debug for Ed25519SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519SigningKey { .. }")
    }
}
