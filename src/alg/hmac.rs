//! HS256, HS384 and HS512 (RFC 7518 §3.2).
//!
//! The key is absorbed once, when the key value is built: the keyed inner and outer hash
//! states are kept and cloned per call, so a verification hashes only the token. Those states
//! are as secret as the key: they are wiped on drop (the `zeroize` features of `hmac`/`sha2`),
//! and `Debug` never shows them.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::{SigningKey, VerifyingKey};
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
        }

        impl $name {
            /// The shortest secret [`Self::new`] accepts, in bytes: the hash output length.
            pub const MIN_SECRET_LEN: usize = $len;
            /// The length of a tag, in bytes. Shorter (truncated) tags are always refused.
            pub const TAG_LEN: usize = $len;

            /// Builds a key from a secret of at least [`Self::MIN_SECRET_LEN`] bytes.
            ///
            /// # Errors
            /// [`Error::WeakKey`] for a shorter secret.
            pub fn new(secret: &[u8]) -> Result<Self, Error> {
                if secret.len() < Self::MIN_SECRET_LEN {
                    return Err(Error::WeakKey);
                }
                Self::keyed(secret)
            }

            /// Builds a key from a secret shorter than RFC 7518 §3.2 allows.
            ///
            /// Only for interoperating with a system that already issues such tokens: a short
            /// secret can be brute-forced offline from any one token.
            ///
            /// # Errors
            /// [`Error::InvalidKey`] for an empty secret.
            pub fn new_insecure_short_secret(secret: &[u8]) -> Result<Self, Error> {
                if secret.is_empty() {
                    return Err(Error::InvalidKey);
                }
                Self::keyed(secret)
            }

            fn keyed(secret: &[u8]) -> Result<Self, Error> {
                let mac = <Hmac<$hash> as KeyInit>::new_from_slice(secret).map_err(|_| Error::InvalidKey)?;
                Ok(Self { mac })
            }
        }

        impl VerifyingKey for $name {
            const ALG: &'static str = $alg;

            fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
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
