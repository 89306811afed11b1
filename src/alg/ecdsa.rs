//! ES256, ES384 and ES512: ECDSA over P-256 / SHA-256, P-384 / SHA-384 and P-521 / SHA-512
//! (RFC 7518 §3.4).
//!
//! Signatures are the raw `r ‖ s` of RFC 7518 §3.4 (64, 96 or 132 bytes); DER is refused, and so is
//! an `r` or `s` of zero or not below the group order. High-S signatures are accepted: JOSE does
//! not require low-S, so a signature is not a unique token identifier (use `jti`). Signing is
//! deterministic (RFC 6979), or randomized through [`WithRng`](crate::WithRng).

use core::fmt;

use signature::rand_core::TryCryptoRng;
use signature::{RandomizedSigner, Signer, Verifier};

use super::{SigningKey, VerifyingKey};
use crate::error::Error;

macro_rules! ecdsa_keys {
    (
        $curve:ident, $vk:ident, $sk:ident, $alg:literal, $crv:literal, $field:literal, $sig:literal) => {
        #[doc = concat!("A public key that verifies `", $alg, "` (ECDSA over ", $crv, ") signatures.")]
        #[derive(Clone, Copy, PartialEq, Eq)]
        pub struct $vk {
            key: $curve::ecdsa::VerifyingKey,
        }

        impl $vk {
            /// Reads a SEC1 point: `04 ‖ x ‖ y`, or the compressed form.
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when the bytes are not a point on the curve.
            pub fn from_sec1_bytes(bytes: &[u8]) -> Result<Self, Error> {
                $curve::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
                    .map(|key| Self { key })
                    .map_err(|_| Error::InvalidKey)
            }

            /// Reads a DER `SubjectPublicKeyInfo` (RFC 5480).
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is not a key on this curve.
            pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
                <$curve::PublicKey as $curve::pkcs8::DecodePublicKey>::from_public_key_der(der)
                    .map(|p| Self { key: p.into() })
                    .map_err(|_| Error::InvalidKey)
            }

            /// The affine coordinates `x` and `y`, big-endian.
            #[must_use]
            pub fn coordinates(&self) -> ([u8; $field], [u8; $field]) {
                let public = $curve::PublicKey::from(self.key);
                let point = $curve::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&public, false);
                let mut x = [0u8; $field];
                let mut y = [0u8; $field];
                if let (Some(px), Some(py)) = (point.x(), point.y()) {
                    x.copy_from_slice(px);
                    y.copy_from_slice(py);
                }
                (x, y)
            }
        }

        impl VerifyingKey for $vk {
            const ALG: &'static str = $alg;

            fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
                // Exactly r ‖ s: DER or any other length is refused, and so are r, s = 0 or ≥ n.
                if signature.len() != $sig {
                    return Err(Error::InvalidSignature);
                }
                let sig = $curve::ecdsa::Signature::from_slice(signature).map_err(|_| Error::InvalidSignature)?;
                self.key.verify(signing_input, &sig).map_err(|_| Error::InvalidSignature)
            }
        }

        #[doc = concat!("A private key that signs `", $alg, "` tokens (deterministic RFC 6979 ECDSA over ", $crv, ").")]
        ///
        /// The scalar is wiped on drop and never printed.
        #[derive(Clone)]
        pub struct $sk {
            key: $curve::ecdsa::SigningKey,
        }

        impl $sk {
            /// Builds a key from its big-endian scalar.
            ///
            /// # Errors
            /// [`Error::InvalidKey`] for zero or a value not below the group order.
            pub fn from_bytes(scalar: &[u8]) -> Result<Self, Error> {
                $curve::ecdsa::SigningKey::from_slice(scalar)
                    .map(|key| Self { key })
                    .map_err(|_| Error::InvalidKey)
            }

            /// Reads a DER private key: SEC1 `ECPrivateKey` (RFC 5915) or PKCS#8 (RFC 5208).
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is neither, or not on this curve.
            pub fn from_der(der: &[u8]) -> Result<Self, Error> {
                $curve::SecretKey::from_der(der)
                    .map(|s| Self { key: s.into() })
                    .map_err(|_| Error::InvalidKey)
            }

            /// The matching public key.
            #[must_use]
            pub fn verifying_key(&self) -> $vk {
                $vk { key: *self.key.verifying_key() }
            }
        }

        impl SigningKey for $sk {
            const ALG: &'static str = $alg;

            fn signature_len(&self) -> usize {
                $sig
            }

            fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
                let out = out.get_mut(..$sig).ok_or(Error::BufferTooSmall)?;
                let sig: $curve::ecdsa::Signature = self.key.try_sign(signing_input).map_err(|_| Error::SignerFault)?;
                out.copy_from_slice(&sig.to_bytes());
                Ok(())
            }
        }

        impl super::opaque::RandomizedSigningKey for $sk {
            const ALG: &'static str = $alg;

            fn signature_len(&self) -> usize {
                $sig
            }

            fn sign_with_rng<R: TryCryptoRng + ?Sized>(
                &self,
                rng: &mut R,
                signing_input: &[u8],
                out: &mut [u8],
            ) -> Result<(), Error> {
                let out = out.get_mut(..$sig).ok_or(Error::BufferTooSmall)?;
                let sig: $curve::ecdsa::Signature = RandomizedSigner::try_sign_with_rng(&self.key, rng, signing_input)
                    .map_err(|_| Error::SignerFault)?;
                out.copy_from_slice(&sig.to_bytes());
                Ok(())
            }
        }

        impl fmt::Debug for $sk {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($sk), " { .. }"))
            }
        }
    };
}

#[cfg(feature = "es256")]
ecdsa_keys!(
    p256,
    Es256VerifyingKey,
    Es256SigningKey,
    "ES256",
    "P-256",
    32,
    64
);
#[cfg(feature = "es384")]
ecdsa_keys!(
    p384,
    Es384VerifyingKey,
    Es384SigningKey,
    "ES384",
    "P-384",
    48,
    96
);
#[cfg(feature = "es512")]
ecdsa_keys!(
    p521,
    Es512VerifyingKey,
    Es512SigningKey,
    "ES512",
    "P-521",
    66,
    132
);
