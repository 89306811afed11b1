//! HS256, HS384 and HS512 (RFC 7518 §3.2).
//!
//! The key is absorbed once, when the key value is built: the keyed inner and outer hash
//! states are kept and cloned per call, so a verification hashes only the token. Those states
//! are as secret as the key: they are wiped on drop (the `zeroize` features of `hmac`/`sha2`),
//! and `Debug` never shows them.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::key_shaped::looks_like_a_key;
use super::{KeyOps, SigningKey, VerifyingKey};
use crate::error::Error;

macro_rules! hmac_key {
    ($name:ident, $hash:ty, $alg:literal, $len:literal, $doc:literal) => {
        #[doc = $doc]
        ///
        /// Build it from a secret of at least the hash output length (RFC 7518 §3.2), from a
        /// JWK, or — only for systems you cannot fix — from a shorter secret with the
        /// constructor whose name says it is insecure.
        ///
        /// ```
        #[doc = concat!("use jwt_core::{", stringify!($name), ", Error};")]
        #[doc = concat!("let key = ", stringify!($name), "::new(&[7u8; ", $len, "])?;")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::new(&[7u8; ", $len, " - 1]).unwrap_err(), Error::WeakKey);")]
        /// # Ok::<(), Error>(())
        /// ```
        #[derive(Clone)]
        pub struct $name {
            mac: Hmac<$hash>,
            /// What the key's JWK allowed; both for a key from bytes.
            ops: KeyOps,
        }

        impl $name {
            /// The shortest secret [`Self::new`] accepts, in bytes: the hash output length.
            pub const MIN_SECRET_LEN: usize = $len;
            /// The length of a tag, in bytes. Shorter (truncated) tags are always refused.
            pub const TAG_LEN: usize = $len;

            /// Builds a key from a secret of at least [`Self::MIN_SECRET_LEN`] bytes.
            ///
            /// A secret that is really a key of another kind — a PEM block, a JWK or JWK Set,
            /// an SSH public key, or DER of a public or private key — is refused: the
            /// algorithm-confusion attack signs with exactly such a public key as the HMAC
            /// secret (RFC 8725 §2.1, §3.1).
            ///
            /// # Errors
            /// [`Error::KeyAsSecret`] for a secret shaped like a key, [`Error::WeakKey`] for
            /// a shorter secret.
            pub fn new(secret: &[u8]) -> Result<Self, Error> {
                Self::checked(secret, KeyOps::BOTH)
            }

            /// [`Self::new`] for the secret of a JWK that allows `ops`.
            pub(crate) fn with_ops(secret: &[u8], ops: KeyOps) -> Result<Self, Error> {
                Self::checked(secret, ops)
            }

            fn checked(secret: &[u8], ops: KeyOps) -> Result<Self, Error> {
                if looks_like_a_key(secret) {
                    return Err(Error::KeyAsSecret);
                }
                if secret.len() < Self::MIN_SECRET_LEN {
                    return Err(Error::WeakKey);
                }
                Self::keyed(secret, ops)
            }

            /// Builds a key from a secret shorter than RFC 7518 §3.2 allows.
            ///
            /// Only for interoperating with a system that already issues such tokens: a short
            /// secret can be brute-forced offline from any one token.
            ///
            /// # Errors
            /// [`Error::KeyAsSecret`] for a secret shaped like a key (as [`Self::new`]),
            /// [`Error::InvalidKey`] for an empty secret.
            pub fn new_insecure_short_secret(secret: &[u8]) -> Result<Self, Error> {
                if looks_like_a_key(secret) {
                    return Err(Error::KeyAsSecret);
                }
                if secret.is_empty() {
                    return Err(Error::InvalidKey);
                }
                Self::keyed(secret, KeyOps::BOTH)
            }

            fn keyed(secret: &[u8], ops: KeyOps) -> Result<Self, Error> {
                let mac = <Hmac<$hash> as KeyInit>::new_from_slice(secret).map_err(|_| Error::InvalidKey)?;
                Ok(Self { mac, ops })
            }
        }

        impl VerifyingKey for $name {
            const ALG: &'static str = $alg;

            fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
                if !self.ops.verify {
                    return Err(Error::InvalidKey);
                }
                let mut mac = self.mac.clone();
                mac.update(signing_input);
                // verify_slice checks the length first, then compares in constant time.
                mac.verify_slice(signature).map_err(|_| Error::InvalidSignature)
            }
        }

        impl SigningKey for $name {
            const ALG: &'static str = $alg;

            fn signature_len(&self) -> usize {
                Self::TAG_LEN
            }

            fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
                if !self.ops.sign {
                    return Err(Error::InvalidKey);
                }
                let out = out.get_mut(..Self::TAG_LEN).ok_or(Error::BufferTooSmall)?;
                let mut mac = self.mac.clone();
                mac.update(signing_input);
                out.copy_from_slice(&mac.finalize().into_bytes());
                Ok(())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), " { .. }"))
            }
        }
    };
}

hmac_key!(
    Hs256Key,
    Sha256,
    "HS256",
    32,
    "An HMAC-SHA-256 key for `HS256` tokens."
);
hmac_key!(
    Hs384Key,
    Sha384,
    "HS384",
    48,
    "An HMAC-SHA-384 key for `HS384` tokens."
);
hmac_key!(
    Hs512Key,
    Sha512,
    "HS512",
    64,
    "An HMAC-SHA-512 key for `HS512` tokens."
);
