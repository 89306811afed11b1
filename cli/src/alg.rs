//! Algorithm names the command line accepts, and keys chosen at run time.
//!
//! The library fixes a key's algorithm by its type; a command line learns the algorithm from
//! `--alg` or from a JWK, so this is the one place that matches on it.

use jwt_core::{
    Error, Hs256Key, Hs384Key, Hs512Key, Limits, SignHeader, Time, Validation, Verified,
    VerifiedJws,
};

use crate::Failure;

/// An algorithm this tool knows the name of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
}

/// Algorithm names that exist in JOSE but that this build cannot use yet.
const KNOWN_UNSUPPORTED: [&str; 11] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
    "Ed25519",
];

impl Alg {
    /// Parses an `alg` name exactly as JOSE spells it.
    pub fn parse(name: &str) -> Result<Self, Failure> {
        match name {
            "HS256" => Ok(Self::Hs256),
            "HS384" => Ok(Self::Hs384),
            "HS512" => Ok(Self::Hs512),
            other if KNOWN_UNSUPPORTED.contains(&other) => Err(Failure::Rejected {
                code: "unsupported-algorithm",
                message: format!("{other} is not supported by this build of jwt-core yet"),
            }),
            "none" | "None" | "NONE" => Err(Failure::Rejected {
                code: "unsupported-algorithm",
                message: "alg \"none\" (an unsecured token) is never supported".into(),
            }),
            other => Err(Failure::Rejected {
                code: "unsupported-algorithm",
                message: format!("unknown algorithm {other:?} (supported: HS256, HS384, HS512)"),
            }),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Hs384 => "HS384",
            Self::Hs512 => "HS512",
        }
    }

    /// The secret length RFC 7518 §3.2 requires, in bytes.
    pub fn min_secret_len(self) -> usize {
        match self {
            Self::Hs256 => Hs256Key::MIN_SECRET_LEN,
            Self::Hs384 => Hs384Key::MIN_SECRET_LEN,
            Self::Hs512 => Hs512Key::MIN_SECRET_LEN,
        }
    }
}

/// A key of one of the supported algorithms.
#[derive(Debug)]
pub enum AnyKey {
    Hs256(Hs256Key),
    Hs384(Hs384Key),
    Hs512(Hs512Key),
}

/// Calls `$body` with the concrete key bound to `$k`.
macro_rules! with_key {
    ($key:expr, $k:ident => $body:expr) => {
        match $key {
            AnyKey::Hs256($k) => $body,
            AnyKey::Hs384($k) => $body,
            AnyKey::Hs512($k) => $body,
        }
    };
}

impl AnyKey {
    /// Builds a key from raw secret bytes.
    pub fn from_secret(alg: Alg, secret: &[u8]) -> Result<Self, Error> {
        Ok(match alg {
            Alg::Hs256 => Self::Hs256(Hs256Key::new(secret)?),
            Alg::Hs384 => Self::Hs384(Hs384Key::new(secret)?),
            Alg::Hs512 => Self::Hs512(Hs512Key::new(secret)?),
        })
    }

    /// Builds a key from one JWK's JSON text.
    pub fn from_jwk(alg: Alg, jwk: &[u8]) -> Result<Self, Error> {
        Ok(match alg {
            Alg::Hs256 => Self::Hs256(Hs256Key::from_jwk(jwk)?),
            Alg::Hs384 => Self::Hs384(Hs384Key::from_jwk(jwk)?),
            Alg::Hs512 => Self::Hs512(Hs512Key::from_jwk(jwk)?),
        })
    }

    pub fn alg(&self) -> Alg {
        match self {
            Self::Hs256(_) => Alg::Hs256,
            Self::Hs384(_) => Alg::Hs384,
            Self::Hs512(_) => Alg::Hs512,
        }
    }

    pub fn verify<'buf>(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        time: Time,
        scratch: &'buf mut [u8],
    ) -> Result<Verified<'buf>, Error> {
        with_key!(self, k => jwt_core::verify(token, k, policy, time, scratch))
    }

    pub fn verify_jws<'buf>(
        &self,
        token: &[u8],
        limits: &Limits,
        scratch: &'buf mut [u8],
    ) -> Result<VerifiedJws<'buf>, Error> {
        with_key!(self, k => jwt_core::verify_jws(token, k, limits, scratch))
    }

    pub fn sign_json(&self, header: &SignHeader<'_>, claims: &[u8]) -> Result<String, Error> {
        with_key!(self, k => {
            let mut out = vec![0u8; jwt_core::signed_json_len(k, header, claims)];
            jwt_core::sign_json(k, header, claims, &mut out).map(str::to_owned)
        })
    }
}
