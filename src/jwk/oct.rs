//! HMAC keys from `oct` JWKs (RFC 7518 §6.4).

use super::with_oct_secret;
use crate::alg::{Hs256Key, Hs384Key, Hs512Key};
use crate::error::Error;

macro_rules! oct_jwk {
    ($($key:ident),*) => {$(
        impl $key {
            /// Builds a key from a JWK of type `oct` (RFC 7517 §4, RFC 7518 §6.4).
            ///
            /// An `alg` member must equal this key's algorithm, a `use` member must be `sig`,
            /// and a `key_ops` member must allow `sign` or `verify`: the key then does only
            /// what it allows (a key for `verify` alone refuses to sign with
            /// [`Error::InvalidKey`], RFC 7517 §4.3).
            ///
            /// # Errors
            /// [`Error::InvalidKey`] when the JWK is not such a key, [`Error::WeakKey`] when
            /// its secret is too short, or a JSON error when it is not a JSON object.
            pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
                with_oct_secret(jwk, <Self as crate::alg::VerifyingKey>::ALG, Self::with_ops)
            }
        }
    )*};
}

oct_jwk!(Hs256Key, Hs384Key, Hs512Key);
