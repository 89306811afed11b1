//! Where a key comes from (exactly one source), and which key of a set to use.

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{
    Ed25519SigningKey, Ed25519VerifyingKey, Error, Es256SigningKey, Es256VerifyingKey,
    Es384SigningKey, Es384VerifyingKey, Es512SigningKey, Es512VerifyingKey, JwksError, KeySet,
    RsaPrivate, RsaPublic, SetKey, UnverifiedHeader,
};

use crate::Failure;
use crate::alg::{Alg, Signer, rsa_verifier};
use crate::policy::Policy;

/// The key, from exactly one source.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct KeyArgs {
    /// Read the key from a file: the raw secret bytes for HS* (nothing is trimmed); for every
    /// other algorithm a PEM (SEC1, PKCS#1, PKCS#8 or SPKI), DER or JWK file.
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
    /// Read a JWK or a JWK Set; with a set, the token's `kid` picks the key. Keys the set
    /// leaves out are noted on stderr, with why.
    #[arg(long, value_name = "PATH")]
    pub jwk: Option<PathBuf>,
    /// Read the secret from an environment variable (its UTF-8 bytes).
    #[arg(long, value_name = "VAR")]
    pub key_env: Option<String>,
    /// The secret in hex. Puts the key on the command line (shell history, process list).
    #[arg(long, value_name = "HEX")]
    pub key_hex: Option<String>,
    /// The secret in base64url. Puts the key on the command line (shell history, process list).
    #[arg(long, value_name = "B64")]
    pub key_b64url: Option<String>,
    /// The secret as text (its UTF-8 bytes). Puts the key on the command line (shell history,
    /// process list).
    #[arg(long, value_name = "TEXT")]
    pub secret: Option<String>,
}

/// What a key source held, as bytes: every key in it is parsed by the library.
#[derive(Debug)]
pub enum Material {
    /// A shared secret (from the environment, hex, base64url or text).
    Secret(Vec<u8>),
    /// A `--key-file`: the secret itself for HS*, else a PEM, DER or JWK key.
    KeyFile(Vec<u8>),
    /// A `--jwk` file: one JWK or a JWK Set.
    Jwk(Vec<u8>),
}

/// The most keys a JWK Set may hold for the command line.
pub const MAX_KEYS: usize = 64;

/// What verifies: one key, or a JWK Set whose `kid` the token's header points into.
#[derive(Debug)]
pub enum Verifier {
    One(Box<SetKey>),
    Set(Box<KeySet<MAX_KEYS>>),
}

impl KeyArgs {
    /// Reads the key material's bytes; the library reads the key in them later. A file that
    /// cannot be read, or a value that is not hex or base64url, is a usage error (exit 2).
    pub fn load(&self) -> Result<Material, Failure> {
        let unreadable = |what: String| Failure::Usage(format!("unreadable key source: {what}"));
        if let Some(path) = &self.key_file {
            let bytes =
                std::fs::read(path).map_err(|e| unreadable(format!("{}: {e}", path.display())))?;
            return Ok(Material::KeyFile(bytes));
        }
        if let Some(path) = &self.jwk {
            let bytes =
                std::fs::read(path).map_err(|e| unreadable(format!("{}: {e}", path.display())))?;
            return Ok(Material::Jwk(bytes));
        }
        if let Some(var) = &self.key_env {
            let value =
                std::env::var_os(var).ok_or_else(|| unreadable(format!("${var} is not set")))?;
            let text = value
                .into_string()
                .map_err(|_| unreadable(format!("${var} is not UTF-8")))?;
            return Ok(Material::Secret(text.into_bytes()));
        }
        if let Some(hex) = &self.key_hex {
            return hex::decode(hex.trim())
                .map(Material::Secret)
                .map_err(|e| unreadable(format!("--key-hex: {e}")));
        }
        if let Some(b64) = &self.key_b64url {
            return URL_SAFE_NO_PAD
                .decode(b64.trim())
                .map(Material::Secret)
                .map_err(|e| unreadable(format!("--key-b64url: {e}")));
        }
        if let Some(text) = &self.secret {
            return Ok(Material::Secret(text.clone().into_bytes()));
        }
        Err(Failure::Usage("a key is required".into()))
    }
}

/// Whether a short HMAC secret may verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretLength {
    /// At least the hash length (RFC 7518 §3.2): the default, and always for signing.
    Full,
    /// Shorter, named by `--insecure-short-secret`, with a warning.
    InsecureShortAllowed,
}

/// Builds the verifying key from `--alg` (if given) and the material. The token never chooses
/// the algorithm: a key set is searched by `kid` by the library, which also refuses a key of
/// the wrong algorithm.
pub fn verifier(
    alg_flag: Option<&str>,
    material: &Material,
    length: SecretLength,
) -> Result<Verifier, Failure> {
    let flag = alg_flag.map(Alg::parse).transpose()?;
    let verifying_secret = |alg: Alg, secret: &[u8]| match length {
        SecretLength::Full => secret_key(alg, secret),
        SecretLength::InsecureShortAllowed => short_secret_key(alg, secret),
    };
    match material {
        Material::Secret(secret) => {
            let alg = alg_for_raw_key(flag)?;
            verifying_secret(alg, secret).map(|s| Verifier::One(Box::new(s.verifier())))
        }
        Material::KeyFile(bytes) => {
            let alg = alg_for_raw_key(flag)?;
            if alg.is_hmac() {
                verifying_secret(alg, bytes).map(|s| Verifier::One(Box::new(s.verifier())))
            } else if is_json(bytes) {
                jwk_verifier(Some(alg), bytes).map(|k| Verifier::One(Box::new(k)))
            } else {
                file_key(alg, bytes).map(|k| Verifier::One(Box::new(k.verifier())))
            }
        }
        Material::Jwk(bytes) => match key_set(flag, bytes)? {
            Some(set) => Ok(Verifier::Set(set)),
            None => jwk_verifier(flag, bytes).map(|k| Verifier::One(Box::new(k))),
        },
    }
}

impl Verifier {
    /// The key that verifies `token`: the one key, or the one the library's key set picks by
    /// the token's `kid` (or, without one, the only key for its `alg`).
    pub fn key_for(&self, token: &[u8], policy: &Policy<'_>) -> Result<&SetKey, Failure> {
        let set = match self {
            Self::One(key) => return Ok(key),
            Self::Set(set) => set,
        };
        let mut scratch = vec![0u8; token.len()];
        set.key_for(token, &policy.validation(), &mut scratch)
            .map_err(|e| {
                let mut buf = vec![0u8; token.len()];
                let header = UnverifiedHeader::dangerous_peek(token, &policy.limits(), &mut buf);
                let message = match (e, header) {
                    (Error::UnknownKey, Ok(h)) => match h.kid() {
                        Some(kid) => format!("no key in the set has kid {:?}", kid.to_string()),
                        None => format!(
                            "the token names no kid and no key in the set is for {}",
                            h.alg()
                        ),
                    },
                    (Error::AmbiguousKey, Ok(h)) => format!(
                        "{} keys in the set are for {} and the token names no kid to choose one",
                        set.iter().filter(|(_, k)| h.alg() == k.alg()).count(),
                        h.alg()
                    ),
                    (other, _) => other.message().to_owned(),
                };
                Failure::from_error(e, message)
            })
    }
}

/// Builds the signing key from `--alg` (if given) and the material, with the `kid` its JWK
/// carries. A JWK Set is refused: signing takes one key.
pub fn signer(
    alg_flag: Option<&str>,
    material: &Material,
) -> Result<(Signer, Option<String>), Failure> {
    let flag = alg_flag.map(Alg::parse).transpose()?;
    match material {
        Material::Secret(secret) => secret_key(alg_for_raw_key(flag)?, secret).map(|s| (s, None)),
        Material::KeyFile(bytes) => {
            let alg = alg_for_raw_key(flag)?;
            if alg.is_hmac() {
                secret_key(alg, bytes).map(|s| (s, None))
            } else if is_json(bytes) {
                jwk_signer(Some(alg), bytes)
            } else {
                match file_key(alg, bytes)? {
                    FileKey::Private(signer) => Ok((signer, None)),
                    FileKey::Public(_) => Err(public_cannot_sign()),
                }
            }
        }
        Material::Jwk(bytes) => {
            if key_set(flag, bytes)?.is_some() {
                return Err(Failure::Usage(
                    "sign with one JWK, not a JWK Set: --jwk names the key that signs".into(),
                ));
            }
            jwk_signer(flag, bytes)
        }
    }
}

/// A raw secret or a key file says nothing of its algorithm.
fn alg_for_raw_key(flag: Option<Alg>) -> Result<Alg, Failure> {
    flag.ok_or_else(|| Failure::Usage("--alg is required with a raw secret or a key file".into()))
}

/// The HMAC key of a raw secret.
fn secret_key(alg: Alg, secret: &[u8]) -> Result<Signer, Failure> {
    if !alg.is_hmac() {
        return Err(Failure::Usage(format!(
            "{} needs a key file or a JWK, not a secret",
            alg.name()
        )));
    }
    Signer::from_secret(alg, secret).map_err(|e| key_error(e, alg, None))
}

/// The HMAC key of a secret that may be shorter than the hash, with a warning when it is.
fn short_secret_key(alg: Alg, secret: &[u8]) -> Result<Signer, Failure> {
    if !alg.is_hmac() {
        return secret_key(alg, secret);
    }
    if secret.len() < alg.min_secret_len() {
        eprintln!(
            "warning: --insecure-short-secret: a {}-byte secret for {} (RFC 7518 §3.2 requires {}); \
             anyone holding one token can guess it offline",
            secret.len(),
            alg.name(),
            alg.min_secret_len()
        );
    }
    Signer::from_short_secret(alg, secret).map_err(|e| key_error(e, alg, None))
}

/// Whether a key file holds JSON (a JWK) rather than PEM or DER.
fn is_json(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"{")
}

/// The algorithm of one JWK: `--alg`, or what the library reads from the JWK.
fn jwk_alg(flag: Option<Alg>, jwk: &[u8]) -> Result<Alg, Failure> {
    if let Some(alg) = flag {
        return Ok(alg);
    }
    match jwt_core::jwk_algorithm(jwk) {
        Ok(Some(named)) => Alg::parse(named),
        Ok(None) => Err(Failure::Usage(
            "--alg is required: the JWK has no \"alg\" and its key type does not imply one".into(),
        )),
        Err(e) => Err(Failure::from_error(e, format!("the JWK: {}", e.message()))),
    }
}

/// The verifying key of one JWK, public or private.
fn jwk_verifier(flag: Option<Alg>, jwk: &[u8]) -> Result<SetKey, Failure> {
    let alg = jwk_alg(flag, jwk)?;
    SetKey::from_jwk_for(jwk, alg.name()).map_err(|e| key_error(e, alg, Some(jwk)))
}

/// The signing key of one private JWK, and its `kid`.
fn jwk_signer(flag: Option<Alg>, jwk: &[u8]) -> Result<(Signer, Option<String>), Failure> {
    let alg = jwk_alg(flag, jwk)?;
    if !jwt_core::jwk_is_private(jwk).map_err(|e| key_error(e, alg, Some(jwk)))? {
        return Err(public_cannot_sign());
    }
    let signer = Signer::from_jwk(alg, jwk).map_err(|e| key_error(e, alg, Some(jwk)))?;
    // The library has accepted the JWK (no duplicate members), so one plain read of its kid
    // sees the member the library saw.
    let kid = serde_json::from_slice::<Kid>(jwk).ok().and_then(|k| k.kid);
    Ok((signer, kid))
}

/// Reads a JWK Set with the library, noting on stderr each key it leaves out and why; `None`
/// when the JSON is one JWK rather than a set. With `--alg`, only the keys for it stay.
fn key_set(flag: Option<Alg>, jwks: &[u8]) -> Result<Option<Box<KeySet<MAX_KEYS>>>, Failure> {
    let mut set = Box::new(match flag {
        Some(Alg::Rsa(rsa)) => KeySet::new().rsa_keys_without_alg_as(rsa),
        _ => KeySet::new(),
    });
    let noted = set.extend_from_jwks_noting(jwks, |skipped| {
        let kid = skipped
            .kid
            .map(|k| format!(" (kid {:?})", k.to_string()))
            .unwrap_or_default();
        eprintln!(
            "note: key {}{kid} of the JWK Set left out: {}",
            skipped.index, skipped.reason
        );
    });
    match noted {
        Ok(_) => {}
        Err(JwksError::NoKeys) => return Ok(None),
        Err(JwksError::Json(e)) => {
            return Err(Failure::from_error(
                e,
                format!("the JWK Set: {}", e.message()),
            ));
        }
        Err(JwksError::Full(_)) => {
            return Err(Failure::Usage(format!(
                "the JWK Set has more than {MAX_KEYS} usable keys"
            )));
        }
    }
    let Some(alg) = flag else {
        return Ok(Some(set));
    };
    let mut only = Box::new(KeySet::new());
    for (kid, key) in set.iter().filter(|(_, k)| k.alg() == alg.name()) {
        only.insert(kid, key.clone())
            .map_err(|(_, e)| Failure::from_error(e, e.message().to_owned()))?;
    }
    Ok(Some(only))
}

/// The one JWK member read outside the library, once the library has accepted the JWK.
#[derive(serde::Deserialize)]
struct Kid {
    kid: Option<String>,
}

/// A key from a PEM or DER file.
#[derive(Debug)]
enum FileKey {
    Public(SetKey),
    Private(Signer),
}

impl FileKey {
    fn verifier(&self) -> SetKey {
        match self {
            Self::Public(key) => key.clone(),
            Self::Private(signer) => signer.verifier(),
        }
    }
}

/// Reads an asymmetric key from PEM (SEC1, PKCS#1, PKCS#8 or SPKI) or DER, with the library's
/// constructors for `alg`.
fn file_key(alg: Alg, bytes: &[u8]) -> Result<FileKey, Failure> {
    let parsed = match std::str::from_utf8(bytes).map(str::trim) {
        Ok(text) if text.starts_with("-----BEGIN") => pem_key(alg, text),
        _ => der_key(alg, bytes),
    };
    parsed.map_err(|e| key_error(e, alg, None))
}

fn pem_key(alg: Alg, text: &str) -> Result<FileKey, Error> {
    let public = text.starts_with("-----BEGIN PUBLIC KEY-----")
        || text.starts_with("-----BEGIN RSA PUBLIC KEY-----");
    Ok(match (alg, public) {
        (Alg::Es256, true) => {
            FileKey::Public(SetKey::Es256(Es256VerifyingKey::from_public_key_pem(text)?))
        }
        (Alg::Es256, false) => FileKey::Private(Signer::Es256(Es256SigningKey::from_pem(text)?)),
        (Alg::Es384, true) => {
            FileKey::Public(SetKey::Es384(Es384VerifyingKey::from_public_key_pem(text)?))
        }
        (Alg::Es384, false) => FileKey::Private(Signer::Es384(Es384SigningKey::from_pem(text)?)),
        (Alg::Es512, true) => {
            FileKey::Public(SetKey::Es512(Es512VerifyingKey::from_public_key_pem(text)?))
        }
        (Alg::Es512, false) => FileKey::Private(Signer::Es512(Es512SigningKey::from_pem(text)?)),
        (Alg::EdDsa, true) => FileKey::Public(SetKey::EdDsa(
            Ed25519VerifyingKey::from_public_key_pem(text)?,
        )),
        (Alg::EdDsa, false) => FileKey::Private(Signer::EdDsa(Ed25519SigningKey::from_pem(text)?)),
        (Alg::Rsa(rsa), true) => {
            FileKey::Public(rsa_verifier(rsa, RsaPublic::from_public_key_pem(text)?))
        }
        (Alg::Rsa(rsa), false) => FileKey::Private(Signer::Rsa(rsa, RsaPrivate::from_pem(text)?)),
        (Alg::Hs256 | Alg::Hs384 | Alg::Hs512, _) => return Err(Error::InvalidKey),
    })
}

fn der_key(alg: Alg, der: &[u8]) -> Result<FileKey, Error> {
    let public = |key| FileKey::Public(key);
    let private = |key| FileKey::Private(key);
    Ok(match alg {
        Alg::Es256 => Es256VerifyingKey::from_public_key_der(der)
            .map(|k| public(SetKey::Es256(k)))
            .or_else(|_| Es256SigningKey::from_der(der).map(|k| private(Signer::Es256(k))))?,
        Alg::Es384 => Es384VerifyingKey::from_public_key_der(der)
            .map(|k| public(SetKey::Es384(k)))
            .or_else(|_| Es384SigningKey::from_der(der).map(|k| private(Signer::Es384(k))))?,
        Alg::Es512 => Es512VerifyingKey::from_public_key_der(der)
            .map(|k| public(SetKey::Es512(k)))
            .or_else(|_| Es512SigningKey::from_der(der).map(|k| private(Signer::Es512(k))))?,
        Alg::EdDsa => Ed25519VerifyingKey::from_public_key_der(der)
            .map(|k| public(SetKey::EdDsa(k)))
            .or_else(|_| {
                Ed25519SigningKey::from_pkcs8_der(der).map(|k| private(Signer::EdDsa(k)))
            })?,
        Alg::Rsa(rsa) => RsaPublic::from_public_key_der(der)
            .map(|k| public(rsa_verifier(rsa, k)))
            .or_else(|_| RsaPrivate::from_der(der).map(|k| private(Signer::Rsa(rsa, k))))?,
        Alg::Hs256 | Alg::Hs384 | Alg::Hs512 => return Err(Error::InvalidKey),
    })
}

fn public_cannot_sign() -> Failure {
    Failure::Usage("a public key cannot sign: give the private key".into())
}

/// The library refused a key: its code, and a sentence naming the likely reason.
fn key_error(error: Error, alg: Alg, jwk: Option<&[u8]>) -> Failure {
    let named = jwk.and_then(|j| jwt_core::jwk_algorithm(j).ok().flatten());
    let message = match (error, named) {
        (Error::WeakKey, _) => format!(
            "{} needs a secret of at least {} bytes (RFC 7518 §3.2); to verify a legacy token \
             signed with a shorter one, name the risk: --insecure-short-secret",
            alg.name(),
            alg.min_secret_len()
        ),
        (Error::KeyAsSecret, _) => "the secret is shaped like a PEM, JWK or DER key: an HMAC \
            secret must be random bytes (pass a key with --key-file and its --alg, or --jwk)"
            .to_owned(),
        (Error::InvalidKey, Some(named)) if named != alg.name() => {
            format!("the JWK is for {named} but --alg says {}", alg.name())
        }
        (Error::InvalidKey, _) => format!(
            "the key is not a usable {} key (kty, crv, use, key_ops or alg)",
            alg.name()
        ),
        (other, _) => other.message().to_owned(),
    };
    Failure::from_error(error, message)
}
