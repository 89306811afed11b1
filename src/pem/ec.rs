//! ECDSA keys from PEM: `PUBLIC KEY` (SPKI), `EC PRIVATE KEY` (SEC1) and `PRIVATE KEY` (PKCS#8).

use super::{MAX_DER, with_der};
#[cfg(feature = "es256")]
use crate::alg::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "es384")]
use crate::alg::{Es384SigningKey, Es384VerifyingKey};
#[cfg(feature = "es512")]
use crate::alg::{Es512SigningKey, Es512VerifyingKey};
use crate::error::Error;

macro_rules! ec_pem {
    ($vk:ident, $sk:ident) => {
        impl $vk {
            /// Reads a PEM `PUBLIC KEY` (SPKI).
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is not such a key.
            pub fn from_public_key_pem(pem: &str) -> Result<Self, Error> {
                with_der(
                    pem,
                    &["PUBLIC KEY"],
                    &mut [0u8; MAX_DER],
                    Self::from_public_key_der,
                )
            }
        }

        impl $sk {
            /// Reads a PEM `EC PRIVATE KEY` (SEC1) or `PRIVATE KEY` (PKCS#8).
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when it is neither.
            pub fn from_pem(pem: &str) -> Result<Self, Error> {
                with_der(
                    pem,
                    &["EC PRIVATE KEY", "PRIVATE KEY"],
                    &mut [0u8; MAX_DER],
                    Self::from_der,
                )
            }
        }
    };
}

#[cfg(feature = "es256")]
ec_pem!(Es256VerifyingKey, Es256SigningKey);
#[cfg(feature = "es384")]
ec_pem!(Es384VerifyingKey, Es384SigningKey);
#[cfg(feature = "es512")]
ec_pem!(Es512VerifyingKey, Es512SigningKey);
