//! Algorithm names the command line accepts, and keys chosen at run time.
//!
//! The library fixes a key's algorithm by its type; a command line learns the algorithm from
//! `--alg` or from a JWK, so this is the one place that matches on it.

use jwt_core::{
    Ed25519SigningKey, Ed25519VerifyingKey, Error, Es256SigningKey, Es256VerifyingKey,
    Es384SigningKey, Es384VerifyingKey, Hs256Key, Hs384Key, Hs512Key, Limits, Ps256SigningKey,
    Ps256VerifyingKey, Ps384SigningKey, Ps384VerifyingKey, Ps512SigningKey, Ps512VerifyingKey,
    Rs256SigningKey, Rs256VerifyingKey, Rs384SigningKey, Rs384VerifyingKey, Rs512SigningKey,
    Rs512VerifyingKey, RsaAlgorithm, RsaPrivate, RsaPublic, SignHeader, SigningKey, Time,
    Validation, Verified, VerifiedJws, WithRng,
};

use crate::Failure;

/// An algorithm this tool knows the name of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
    Es256,
    Es384,
    EdDsa,
    Rs256,
    Rs384,
    Rs512,
    Ps256,
    Ps384,
    Ps512,
}

/// Algorithm names that exist in JOSE but that this build cannot use.
const KNOWN_UNSUPPORTED: [&str; 2] = ["ES512", "Ed25519"];

impl Alg {
    /// Parses an `alg` name exactly as JOSE spells it.
    pub fn parse(name: &str) -> Result<Self, Failure> {
        match name {
            "HS256" => Ok(Self::Hs256),
            "HS384" => Ok(Self::Hs384),
            "HS512" => Ok(Self::Hs512),
            "ES256" => Ok(Self::Es256),
            "ES384" => Ok(Self::Es384),
            "EdDSA" => Ok(Self::EdDsa),
            "RS256" => Ok(Self::Rs256),
            "RS384" => Ok(Self::Rs384),
            "RS512" => Ok(Self::Rs512),
            "PS256" => Ok(Self::Ps256),
            "PS384" => Ok(Self::Ps384),
            "PS512" => Ok(Self::Ps512),
            other if KNOWN_UNSUPPORTED.contains(&other) => Err(Failure::Rejected {
                code: "unsupported-algorithm",
                message: format!("{other} is not supported by this build of jwt-core"),
            }),
            other if other.eq_ignore_ascii_case("none") => Err(Failure::Rejected {
                code: "unsupported-algorithm",
                message: "alg \"none\" (an unsecured token) is never supported".into(),
            }),
            other => Err(Failure::Rejected {
                code: "unsupported-algorithm",
                message: format!(
                    "unknown algorithm {other:?} (supported: HS256/384/512, ES256, ES384, EdDSA, RS256/384/512, PS256/384/512)"
                ),
            }),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Hs384 => "HS384",
            Self::Hs512 => "HS512",
            Self::Es256 => "ES256",
            Self::Es384 => "ES384",
            Self::EdDsa => "EdDSA",
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
            Self::Ps256 => "PS256",
            Self::Ps384 => "PS384",
            Self::Ps512 => "PS512",
        }
    }

    /// Whether keys of this algorithm are RSA keys.
    pub fn is_rsa(self) -> bool {
        self.rsa().is_some()
    }

    /// The library's RSA algorithm, for RSA algorithms.
    pub fn rsa(self) -> Option<RsaAlgorithm> {
        Some(match self {
            Self::Rs256 => RsaAlgorithm::Rs256,
            Self::Rs384 => RsaAlgorithm::Rs384,
            Self::Rs512 => RsaAlgorithm::Rs512,
            Self::Ps256 => RsaAlgorithm::Ps256,
            Self::Ps384 => RsaAlgorithm::Ps384,
            Self::Ps512 => RsaAlgorithm::Ps512,
            _ => return None,
        })
    }

    /// Whether keys of this algorithm are shared secrets.
    pub fn is_hmac(self) -> bool {
        matches!(self, Self::Hs256 | Self::Hs384 | Self::Hs512)
    }

    /// The secret length RFC 7518 §3.2 requires, in bytes (HMAC only).
    pub fn min_secret_len(self) -> usize {
        match self {
            Self::Hs384 => Hs384Key::MIN_SECRET_LEN,
            Self::Hs512 => Hs512Key::MIN_SECRET_LEN,
            _ => Hs256Key::MIN_SECRET_LEN,
        }
    }
}

/// A key of one of the supported algorithms: a shared secret, a public key (verify only) or a
/// private key (sign and verify).
#[derive(Debug)]
pub enum AnyKey {
    Hs256(Hs256Key),
    Hs384(Hs384Key),
    Hs512(Hs512Key),
    Es256Public(Es256VerifyingKey),
    Es256Private(Es256SigningKey),
    Es384Public(Es384VerifyingKey),
    Es384Private(Es384SigningKey),
    EdDsaPublic(Ed25519VerifyingKey),
    EdDsaPrivate(Ed25519SigningKey),
    RsaPublic(Alg, RsaPublic),
    RsaPrivate(Alg, RsaPrivate),
}

/// Calls `$body` with a verifying key bound to `$k`.
macro_rules! with_verifier {
    ($key:expr, $k:ident => $body:expr) => {
        match $key {
            AnyKey::Hs256($k) => $body,
            AnyKey::Hs384($k) => $body,
            AnyKey::Hs512($k) => $body,
            AnyKey::Es256Public($k) => $body,
            AnyKey::Es256Private(s) => {
                let $k = &s.verifying_key();
                $body
            }
            AnyKey::Es384Public($k) => $body,
            AnyKey::Es384Private(s) => {
                let $k = &s.verifying_key();
                $body
            }
            AnyKey::EdDsaPublic($k) => $body,
            AnyKey::EdDsaPrivate(s) => {
                let $k = &s.verifying_key();
                $body
            }
            AnyKey::RsaPublic(alg, public) => with_rsa_verifier!(*alg, public.clone(), $k => $body),
            AnyKey::RsaPrivate(alg, private) => with_rsa_verifier!(*alg, private.public(), $k => $body),
        }
    };
}

/// Calls `$body` with the RSA verifying key of `$alg` bound to `$k`.
macro_rules! with_rsa_verifier {
    ($alg:expr, $public:expr, $k:ident => $body:expr) => {
        match $alg {
            Alg::Rs384 => {
                let $k = &Rs384VerifyingKey::new($public);
                $body
            }
            Alg::Rs512 => {
                let $k = &Rs512VerifyingKey::new($public);
                $body
            }
            Alg::Ps256 => {
                let $k = &Ps256VerifyingKey::new($public);
                $body
            }
            Alg::Ps384 => {
                let $k = &Ps384VerifyingKey::new($public);
                $body
            }
            Alg::Ps512 => {
                let $k = &Ps512VerifyingKey::new($public);
                $body
            }
            _ => {
                let $k = &Rs256VerifyingKey::new($public);
                $body
            }
        }
    };
}

impl AnyKey {
    /// Builds an HMAC key from raw secret bytes.
    pub fn from_secret(alg: Alg, secret: &[u8]) -> Result<Self, Error> {
        Ok(match alg {
            Alg::Hs256 => Self::Hs256(Hs256Key::new(secret)?),
            Alg::Hs384 => Self::Hs384(Hs384Key::new(secret)?),
            Alg::Hs512 => Self::Hs512(Hs512Key::new(secret)?),
            _ => return Err(Error::InvalidKey),
        })
    }

    /// Builds a key from one JWK's JSON text: private when it has `d`, else public.
    pub fn from_jwk(alg: Alg, jwk: &[u8], private: bool) -> Result<Self, Error> {
        Ok(match (alg, private) {
            (Alg::Hs256, _) => Self::Hs256(Hs256Key::from_jwk(jwk)?),
            (Alg::Hs384, _) => Self::Hs384(Hs384Key::from_jwk(jwk)?),
            (Alg::Hs512, _) => Self::Hs512(Hs512Key::from_jwk(jwk)?),
            (Alg::Es256, true) => Self::Es256Private(Es256SigningKey::from_jwk(jwk)?),
            (Alg::Es256, false) => Self::Es256Public(Es256VerifyingKey::from_jwk(jwk)?),
            (Alg::Es384, true) => Self::Es384Private(Es384SigningKey::from_jwk(jwk)?),
            (Alg::Es384, false) => Self::Es384Public(Es384VerifyingKey::from_jwk(jwk)?),
            (Alg::EdDsa, true) => Self::EdDsaPrivate(Ed25519SigningKey::from_jwk(jwk)?),
            (Alg::EdDsa, false) => Self::EdDsaPublic(Ed25519VerifyingKey::from_jwk(jwk)?),
            (rsa, true) if rsa.is_rsa() => Self::RsaPrivate(
                alg,
                RsaPrivate::from_jwk(jwk, rsa.rsa().ok_or(Error::InvalidKey)?)?,
            ),
            (Alg::Rs256, _) => {
                Self::RsaPublic(alg, Rs256VerifyingKey::from_jwk(jwk)?.public().clone())
            }
            (Alg::Rs384, _) => {
                Self::RsaPublic(alg, Rs384VerifyingKey::from_jwk(jwk)?.public().clone())
            }
            (Alg::Rs512, _) => {
                Self::RsaPublic(alg, Rs512VerifyingKey::from_jwk(jwk)?.public().clone())
            }
            (Alg::Ps256, _) => {
                Self::RsaPublic(alg, Ps256VerifyingKey::from_jwk(jwk)?.public().clone())
            }
            (Alg::Ps384, _) => {
                Self::RsaPublic(alg, Ps384VerifyingKey::from_jwk(jwk)?.public().clone())
            }
            (Alg::Ps512, _) => {
                Self::RsaPublic(alg, Ps512VerifyingKey::from_jwk(jwk)?.public().clone())
            }
        })
    }

    /// Builds an asymmetric key from a file's bytes: PEM (SEC1, PKCS#8 or SPKI), a JWK, or
    /// DER.
    pub fn from_key_file(alg: Alg, bytes: &[u8]) -> Result<Self, Error> {
        if let Ok(text) = std::str::from_utf8(bytes) {
            let text = text.trim();
            if text.starts_with('{') {
                let private = serde_json::from_str::<serde_json::Value>(text)
                    .is_ok_and(|v| v.get("d").is_some());
                return Self::from_jwk(alg, text.as_bytes(), private);
            }
            if text.starts_with("-----BEGIN") && alg.is_rsa() {
                let public = text.starts_with("-----BEGIN PUBLIC KEY-----")
                    || text.starts_with("-----BEGIN RSA PUBLIC KEY-----");
                return Ok(if public {
                    Self::RsaPublic(alg, RsaPublic::from_public_key_pem(text)?)
                } else {
                    Self::RsaPrivate(alg, RsaPrivate::from_pem(text)?)
                });
            }
            if text.starts_with("-----BEGIN") {
                let public = text.starts_with("-----BEGIN PUBLIC KEY-----");
                return Ok(match (alg, public) {
                    (Alg::Es256, true) => {
                        Self::Es256Public(Es256VerifyingKey::from_public_key_pem(text)?)
                    }
                    (Alg::Es256, false) => Self::Es256Private(Es256SigningKey::from_pem(text)?),
                    (Alg::Es384, true) => {
                        Self::Es384Public(Es384VerifyingKey::from_public_key_pem(text)?)
                    }
                    (Alg::Es384, false) => Self::Es384Private(Es384SigningKey::from_pem(text)?),
                    (Alg::EdDsa, true) => {
                        Self::EdDsaPublic(Ed25519VerifyingKey::from_public_key_pem(text)?)
                    }
                    (Alg::EdDsa, false) => Self::EdDsaPrivate(Ed25519SigningKey::from_pem(text)?),
                    _ => return Err(Error::InvalidKey),
                });
            }
        }
        Ok(match alg {
            Alg::Es256 => Es256VerifyingKey::from_public_key_der(bytes)
                .map(Self::Es256Public)
                .or_else(|_| Es256SigningKey::from_der(bytes).map(Self::Es256Private))?,
            Alg::Es384 => Es384VerifyingKey::from_public_key_der(bytes)
                .map(Self::Es384Public)
                .or_else(|_| Es384SigningKey::from_der(bytes).map(Self::Es384Private))?,
            Alg::EdDsa => Ed25519VerifyingKey::from_public_key_der(bytes)
                .map(Self::EdDsaPublic)
                .or_else(|_| Ed25519SigningKey::from_pkcs8_der(bytes).map(Self::EdDsaPrivate))?,
            a if a.is_rsa() => RsaPublic::from_public_key_der(bytes)
                .map(|k| Self::RsaPublic(a, k))
                .or_else(|_| RsaPrivate::from_der(bytes).map(|k| Self::RsaPrivate(a, k)))?,
            _ => return Err(Error::InvalidKey),
        })
    }

    pub fn alg(&self) -> Alg {
        match self {
            Self::Hs256(_) => Alg::Hs256,
            Self::Hs384(_) => Alg::Hs384,
            Self::Hs512(_) => Alg::Hs512,
            Self::Es256Public(_) | Self::Es256Private(_) => Alg::Es256,
            Self::Es384Public(_) | Self::Es384Private(_) => Alg::Es384,
            Self::EdDsaPublic(_) | Self::EdDsaPrivate(_) => Alg::EdDsa,
            Self::RsaPublic(alg, _) | Self::RsaPrivate(alg, _) => *alg,
        }
    }

    pub fn verify<'buf>(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        time: Time,
        scratch: &'buf mut [u8],
    ) -> Result<Verified<'buf>, Error> {
        with_verifier!(self, k => jwt_core::verify(token, k, policy, time, scratch))
    }

    pub fn verify_jws<'buf>(
        &self,
        token: &[u8],
        limits: &Limits,
        scratch: &'buf mut [u8],
    ) -> Result<VerifiedJws<'buf>, Error> {
        with_verifier!(self, k => jwt_core::verify_jws(token, k, limits, scratch))
    }

    /// Signs claims JSON; a public key cannot.
    pub fn sign_json(&self, header: &SignHeader<'_>, claims: &[u8]) -> Result<String, Failure> {
        let signed = match self {
            Self::Hs256(k) => sign(k, header, claims),
            Self::Hs384(k) => sign(k, header, claims),
            Self::Hs512(k) => sign(k, header, claims),
            Self::Es256Private(k) => sign(k, header, claims),
            Self::Es384Private(k) => sign(k, header, claims),
            Self::EdDsaPrivate(k) => sign(k, header, claims),
            Self::RsaPrivate(alg, private) => {
                let private = private.clone();
                match alg {
                    Alg::Rs384 => sign(&Rs384SigningKey::new(private), header, claims),
                    Alg::Rs512 => sign(&Rs512SigningKey::new(private), header, claims),
                    // PSS salts must be random: the OS supplies them.
                    Alg::Ps256 => sign(
                        &WithRng::new(&Ps256SigningKey::new(private), OsRng),
                        header,
                        claims,
                    ),
                    Alg::Ps384 => sign(
                        &WithRng::new(&Ps384SigningKey::new(private), OsRng),
                        header,
                        claims,
                    ),
                    Alg::Ps512 => sign(
                        &WithRng::new(&Ps512SigningKey::new(private), OsRng),
                        header,
                        claims,
                    ),
                    _ => sign(&Rs256SigningKey::new(private), header, claims),
                }
            }
            Self::Es256Public(_)
            | Self::Es384Public(_)
            | Self::EdDsaPublic(_)
            | Self::RsaPublic(..) => {
                return Err(Failure::Usage(
                    "a public key cannot sign: give the private key".into(),
                ));
            }
        };
        signed.map_err(|e| {
            Failure::from_error(e, format!("cannot sign these claims: {}", e.message()))
        })
    }
}

fn sign<K: SigningKey>(key: &K, header: &SignHeader<'_>, claims: &[u8]) -> Result<String, Error> {
    let mut out = vec![0u8; jwt_core::signed_json_len(key, header, claims)];
    jwt_core::sign_json(key, header, claims, &mut out).map(str::to_owned)
}

/// The operating system's randomness, for the library's RNG-taking signers.
#[derive(Debug, Clone, Copy)]
struct OsRng;

/// The OS had no randomness to give.
#[derive(Debug)]
struct NoRandomness;

impl std::fmt::Display for NoRandomness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the operating system has no randomness to give")
    }
}

impl std::error::Error for NoRandomness {}

impl rand_core::TryRng for OsRng {
    type Error = NoRandomness;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(dst).map_err(|_| NoRandomness)
    }
}

impl rand_core::TryCryptoRng for OsRng {}
