//! Algorithm names the command line accepts, and the signing keys chosen at run time.
//!
//! The library fixes a key's algorithm by its type; a command line learns the algorithm from
//! `--alg` or from a JWK, so this is the one place that matches a name to a key type. Verifying
//! keys are the library's [`SetKey`]; this module holds what signs.

use jwt_core::{
    Ed25519SigningKey, Error, Es256SigningKey, Es384SigningKey, Es512SigningKey, Hs256Key,
    Hs384Key, Hs512Key, Ps256SigningKey, Ps256VerifyingKey, Ps384SigningKey, Ps384VerifyingKey,
    Ps512SigningKey, Ps512VerifyingKey, Rs256SigningKey, Rs256VerifyingKey, Rs384SigningKey,
    Rs384VerifyingKey, Rs512SigningKey, Rs512VerifyingKey, RsaAlgorithm, RsaPrivate, RsaPublic,
    SetKey, SignHeader, SigningKey, WithRng,
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
    Es512,
    EdDsa,
    Rsa(RsaAlgorithm),
}

/// Every algorithm, in the order `--help` and error messages list them.
const ALL: [Alg; 13] = [
    Alg::Hs256,
    Alg::Hs384,
    Alg::Hs512,
    Alg::Es256,
    Alg::Es384,
    Alg::Es512,
    Alg::EdDsa,
    Alg::Rsa(RsaAlgorithm::Rs256),
    Alg::Rsa(RsaAlgorithm::Rs384),
    Alg::Rsa(RsaAlgorithm::Rs512),
    Alg::Rsa(RsaAlgorithm::Ps256),
    Alg::Rsa(RsaAlgorithm::Ps384),
    Alg::Rsa(RsaAlgorithm::Ps512),
];

impl Alg {
    /// Parses an `alg` name exactly as JOSE spells it. Anything else is a usage error: the
    /// command line names the algorithm, so a wrong name is the caller's mistake, not a
    /// token's.
    pub fn parse(name: &str) -> Result<Self, Failure> {
        if let Some(alg) = ALL.iter().find(|a| a.name() == name) {
            return Ok(*alg);
        }
        if name.eq_ignore_ascii_case("none") {
            return Err(Failure::Usage(
                "--alg none: an unsecured token is never signed or accepted".into(),
            ));
        }
        let names: Vec<&str> = ALL.iter().map(|a| a.name()).collect();
        Err(Failure::Usage(format!(
            "unknown algorithm {name:?} (supported: {})",
            names.join(", ")
        )))
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Hs384 => "HS384",
            Self::Hs512 => "HS512",
            Self::Es256 => "ES256",
            Self::Es384 => "ES384",
            Self::Es512 => "ES512",
            Self::EdDsa => "EdDSA",
            Self::Rsa(rsa) => rsa.name(),
        }
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

/// A key that signs: a shared secret or a private key.
#[derive(Debug)]
pub enum Signer {
    Hs256(Hs256Key),
    Hs384(Hs384Key),
    Hs512(Hs512Key),
    Es256(Es256SigningKey),
    Es384(Es384SigningKey),
    Es512(Es512SigningKey),
    EdDsa(Ed25519SigningKey),
    Rsa(RsaAlgorithm, RsaPrivate),
}

impl Signer {
    /// An HMAC key from raw secret bytes, refused as the library refuses it (too short, or
    /// shaped like a PEM, JWK or DER key).
    pub fn from_secret(alg: Alg, secret: &[u8]) -> Result<Self, Error> {
        Ok(match alg {
            Alg::Hs256 => Self::Hs256(Hs256Key::new(secret)?),
            Alg::Hs384 => Self::Hs384(Hs384Key::new(secret)?),
            Alg::Hs512 => Self::Hs512(Hs512Key::new(secret)?),
            _ => return Err(Error::InvalidKey),
        })
    }

    /// An HMAC key from a secret shorter than RFC 7518 §3.2 allows, for verifying legacy
    /// tokens only (the library's `new_insecure_short_secret`).
    pub fn from_short_secret(alg: Alg, secret: &[u8]) -> Result<Self, Error> {
        Ok(match alg {
            Alg::Hs256 => Self::Hs256(Hs256Key::new_insecure_short_secret(secret)?),
            Alg::Hs384 => Self::Hs384(Hs384Key::new_insecure_short_secret(secret)?),
            Alg::Hs512 => Self::Hs512(Hs512Key::new_insecure_short_secret(secret)?),
            _ => return Err(Error::InvalidKey),
        })
    }

    /// A signing key from one JWK's JSON text, built by the library's constructor for `alg`
    /// (which checks `kty`, `crv`, `alg`, `use` and `key_ops`).
    pub fn from_jwk(alg: Alg, jwk: &[u8]) -> Result<Self, Error> {
        Ok(match alg {
            Alg::Hs256 => Self::Hs256(Hs256Key::from_jwk(jwk)?),
            Alg::Hs384 => Self::Hs384(Hs384Key::from_jwk(jwk)?),
            Alg::Hs512 => Self::Hs512(Hs512Key::from_jwk(jwk)?),
            Alg::Es256 => Self::Es256(Es256SigningKey::from_jwk(jwk)?),
            Alg::Es384 => Self::Es384(Es384SigningKey::from_jwk(jwk)?),
            Alg::Es512 => Self::Es512(Es512SigningKey::from_jwk(jwk)?),
            Alg::EdDsa => Self::EdDsa(Ed25519SigningKey::from_jwk(jwk)?),
            Alg::Rsa(rsa) => Self::Rsa(rsa, RsaPrivate::from_jwk(jwk, rsa)?),
        })
    }

    /// The key that verifies what this one signs.
    pub fn verifier(&self) -> SetKey {
        match self {
            Self::Hs256(k) => SetKey::Hs256(k.clone()),
            Self::Hs384(k) => SetKey::Hs384(k.clone()),
            Self::Hs512(k) => SetKey::Hs512(k.clone()),
            Self::Es256(k) => SetKey::Es256(k.verifying_key()),
            Self::Es384(k) => SetKey::Es384(k.verifying_key()),
            Self::Es512(k) => SetKey::Es512(k.verifying_key()),
            Self::EdDsa(k) => SetKey::EdDsa(k.verifying_key()),
            Self::Rsa(alg, private) => rsa_verifier(*alg, private.public()),
        }
    }

    /// Signs claims JSON.
    pub fn sign_json(&self, header: &SignHeader<'_>, claims: &[u8]) -> Result<String, Failure> {
        let signed = match self {
            Self::Hs256(k) => sign(k, header, claims),
            Self::Hs384(k) => sign(k, header, claims),
            Self::Hs512(k) => sign(k, header, claims),
            Self::Es256(k) => sign(k, header, claims),
            Self::Es384(k) => sign(k, header, claims),
            Self::Es512(k) => sign(k, header, claims),
            Self::EdDsa(k) => sign(k, header, claims),
            Self::Rsa(alg, private) => {
                let private = private.clone();
                match alg {
                    RsaAlgorithm::Rs256 => sign(&Rs256SigningKey::new(private), header, claims),
                    RsaAlgorithm::Rs384 => sign(&Rs384SigningKey::new(private), header, claims),
                    RsaAlgorithm::Rs512 => sign(&Rs512SigningKey::new(private), header, claims),
                    // PSS salts must be random: the OS supplies them.
                    RsaAlgorithm::Ps256 => sign(
                        &WithRng::new(&Ps256SigningKey::new(private), OsRng),
                        header,
                        claims,
                    ),
                    RsaAlgorithm::Ps384 => sign(
                        &WithRng::new(&Ps384SigningKey::new(private), OsRng),
                        header,
                        claims,
                    ),
                    RsaAlgorithm::Ps512 => sign(
                        &WithRng::new(&Ps512SigningKey::new(private), OsRng),
                        header,
                        claims,
                    ),
                }
            }
        };
        signed.map_err(|e| {
            Failure::from_error(e, format!("cannot sign these claims: {}", e.message()))
        })
    }
}

/// The verifying key of an RSA public key for `alg`.
pub fn rsa_verifier(alg: RsaAlgorithm, public: RsaPublic) -> SetKey {
    match alg {
        RsaAlgorithm::Rs256 => SetKey::Rs256(Rs256VerifyingKey::new(public)),
        RsaAlgorithm::Rs384 => SetKey::Rs384(Rs384VerifyingKey::new(public)),
        RsaAlgorithm::Rs512 => SetKey::Rs512(Rs512VerifyingKey::new(public)),
        RsaAlgorithm::Ps256 => SetKey::Ps256(Ps256VerifyingKey::new(public)),
        RsaAlgorithm::Ps384 => SetKey::Ps384(Ps384VerifyingKey::new(public)),
        RsaAlgorithm::Ps512 => SetKey::Ps512(Ps512VerifyingKey::new(public)),
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
