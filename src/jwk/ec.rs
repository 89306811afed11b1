//! ECDSA keys from `EC` JWKs (RFC 7518 §6.2), their thumbprints (RFC 7638 §3.2) and the
//! `Debug` that shows the thumbprint instead of the point.

use core::fmt;

use super::{Fields, Purpose, canonical_hash, encode_str, member, thumbprint_base64url};
#[cfg(feature = "es256")]
use crate::alg::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "es384")]
use crate::alg::{Es384SigningKey, Es384VerifyingKey};
#[cfg(feature = "es512")]
use crate::alg::{Es512SigningKey, Es512VerifyingKey};
use crate::error::Error;

macro_rules! ec_jwk {
    ($vk:ident, $sk:ident, $alg:literal, $crv:literal, $field:literal) => {
        impl $vk {
            #[doc = concat!("Reads a JWK with `kty` `EC` and `crv` `", $crv, "` (`x`, `y`; a private `d` is ignored).")]
            /// Its `alg`, `use` and `key_ops`, when present, must allow verifying signatures.
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is not such a key, or a JSON error.
            pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
                Self::from_fields(&Fields::parse(jwk)?)
            }

            pub(crate) fn from_fields(f: &Fields<'_>) -> Result<Self, Error> {
                f.expect("EC", Some($crv), $alg)?;
                let x: [u8; $field] = member(f.x)?;
                let y: [u8; $field] = member(f.y)?;
                let mut point = [0u8; 1 + 2 * $field];
                let (tag, rest) = point.split_at_mut(1);
                let (px, py) = rest.split_at_mut($field);
                tag.copy_from_slice(&[4]);
                px.copy_from_slice(&x);
                py.copy_from_slice(&y);
                Self::from_sec1_bytes(&point)
            }

            /// The RFC 7638 thumbprint of this key's JWK, the usual `kid`.
            #[must_use]
            pub fn thumbprint(&self) -> [u8; 32] {
                let (x, y) = self.coordinates();
                let mut xb = [0u8; 2 * $field];
                let mut yb = [0u8; 2 * $field];
                let xs = encode_str(&x, &mut xb);
                let ys = encode_str(&y, &mut yb);
                canonical_hash(&[("crv", $crv), ("kty", "EC"), ("x", xs), ("y", ys)])
            }
        }

        impl fmt::Debug for $vk {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut kid = [0u8; 43];
                f.debug_struct(stringify!($vk))
                    .field("thumbprint", &thumbprint_base64url(&self.thumbprint(), &mut kid))
                    .finish()
            }
        }

        impl $sk {
            #[doc = concat!("Reads a private JWK (`kty` `EC`, `crv` `", $crv, "`, `d`, and `x`, `y`, which must match `d`).")]
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is not such a key, or a JSON error.
            pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
                let f = Fields::parse(jwk)?.for_purpose(Purpose::Sign);
                let public = $vk::from_fields(&f)?;
                let mut d: [u8; $field] = member(f.d)?;
                let key = Self::from_bytes(&d);
                zeroize::Zeroize::zeroize(&mut d);
                let key = key?;
                if key.verifying_key() == public { Ok(key) } else { Err(Error::InvalidKey) }
            }
        }
    };
}

#[cfg(feature = "es256")]
ec_jwk!(Es256VerifyingKey, Es256SigningKey, "ES256", "P-256", 32);
#[cfg(feature = "es384")]
ec_jwk!(Es384VerifyingKey, Es384SigningKey, "ES384", "P-384", 48);
#[cfg(feature = "es512")]
ec_jwk!(Es512VerifyingKey, Es512SigningKey, "ES512", "P-521", 66);
