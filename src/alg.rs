//! Algorithms as key types.
//!
//! A key's type fixes its JWS algorithm at compile time ([`VerifyingKey::ALG`],
//! [`SigningKey::ALG`]); a token's header is only ever *compared* against it, never used to pick
//! an algorithm. Verification and signing work on bytes and know nothing of JSON or claims, so a
//! new algorithm, or a signer that lives in a secure element, is one more implementation of these
//! traits and changes nothing in the verify or sign flow. An algorithm no code names is not
//! linked.

#[cfg(any(feature = "es256", feature = "es384", feature = "es512"))]
mod ecdsa;
#[cfg(feature = "eddsa")]
mod eddsa;
mod hmac;
mod key_shaped;
mod opaque;
#[cfg(feature = "rsa")]
mod rsa;

#[cfg(feature = "es256")]
pub use self::ecdsa::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "es384")]
pub use self::ecdsa::{Es384SigningKey, Es384VerifyingKey};
#[cfg(feature = "es512")]
pub use self::ecdsa::{Es512SigningKey, Es512VerifyingKey};
#[cfg(feature = "eddsa")]
pub use self::eddsa::{Ed25519SigningKey, Ed25519VerifyingKey};
pub use self::hmac::{Hs256Key, Hs384Key, Hs512Key};
pub use self::opaque::OpaqueSigner;
#[cfg(any(
    feature = "es256",
    feature = "es384",
    feature = "es512",
    feature = "rsa"
))]
pub use self::opaque::{RandomizedSigningKey, WithRng};
#[cfg(feature = "rsa")]
pub use self::rsa::{
    MAX_RSA_BITS, MIN_RSA_BITS, Ps256SigningKey, Ps256VerifyingKey, Ps384SigningKey,
    Ps384VerifyingKey, Ps512SigningKey, Ps512VerifyingKey, Rs256SigningKey, Rs256VerifyingKey,
    Rs384SigningKey, Rs384VerifyingKey, Rs512SigningKey, Rs512VerifyingKey, RsaAlgorithm,
    RsaCrtComponents, RsaPrivate, RsaPublic,
};

use crate::error::Error;

/// The operations a key may do, as its JWK's `use` and `key_ops` members allow them (RFC 7517
/// §4.2–4.3): both for a key no member restricts. An HMAC key, which can do both, keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyOps {
    /// The key may sign.
    pub sign: bool,
    /// The key may verify.
    pub verify: bool,
}

impl KeyOps {
    /// Both operations: a key that no JWK member restricts.
    pub(crate) const BOTH: Self = Self {
        sign: true,
        verify: true,
    };
}

impl Default for KeyOps {
    fn default() -> Self {
        Self::BOTH
    }
}

/// A key that verifies JWS signatures of exactly one algorithm.
pub trait VerifyingKey {
    /// The JWS `alg` value (RFC 7518 §3.1) this key verifies, e.g. `"HS256"`. A token whose
    /// header says anything else is refused before its signature is looked at.
    const ALG: &'static str;

    /// Checks `signature` over the exact `signing_input` bytes (`header.payload` as received),
    /// in constant time with respect to secret data.
    ///
    /// # Errors
    /// [`Error::InvalidSignature`] when it does not verify or has the wrong length.
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error>;
}

/// A key (or a device that holds one) that signs with exactly one algorithm.
///
/// Implement this for a secure element, a PSA key slot or a modem: it receives the exact
/// signing input and writes the raw signature (RFC 7518 encoding) into the caller's buffer.
pub trait SigningKey {
    /// The JWS `alg` value written into the header.
    const ALG: &'static str;

    /// The exact length of every signature this key produces, in bytes.
    fn signature_len(&self) -> usize;

    /// Signs `signing_input` and writes exactly [`SigningKey::signature_len`] bytes to the
    /// front of `out`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when `out` is too short; a hardware signer may return any
    /// other error it needs.
    fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error>;
}

impl<K: VerifyingKey + ?Sized> VerifyingKey for &K {
    const ALG: &'static str = K::ALG;
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        (**self).verify_signature(signing_input, signature)
    }
}

impl<K: SigningKey + ?Sized> SigningKey for &K {
    const ALG: &'static str = K::ALG;
    fn signature_len(&self) -> usize {
        (**self).signature_len()
    }
    fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
        (**self).sign_into(signing_input, out)
    }
}
