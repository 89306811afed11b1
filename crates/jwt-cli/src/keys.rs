//! Where a key comes from (exactly one source), and which key of a set to use.

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::Error;
use serde_json::Value;

use crate::Failure;
use crate::alg::{Alg, AnyKey};

/// The key, from exactly one source.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct KeyArgs {
    /// Read the key from a file: the raw secret bytes for HS* (nothing is trimmed); for ES*
    /// and EdDSA a PEM (SEC1, PKCS#8 or SPKI), DER or JWK file.
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
    /// Read a JWK or a JWK Set; with a set, the token's `kid` picks the key.
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

/// What a key source held.
#[derive(Debug)]
pub enum Material {
    Secret(Vec<u8>),
    Jwk(Value),
    Jwks(Vec<Value>),
}

/// A key ready to use, with the `kid` its JWK carried.
#[derive(Debug)]
pub struct Chosen {
    pub key: AnyKey,
    pub kid: Option<String>,
}

impl KeyArgs {
    /// Reads the key material. Anything unreadable is a usage error (exit 2).
    pub fn load(&self) -> Result<Material, Failure> {
        let unreadable = |what: String| Failure::Usage(format!("unreadable key: {what}"));
        if let Some(path) = &self.key_file {
            let bytes =
                std::fs::read(path).map_err(|e| unreadable(format!("{}: {e}", path.display())))?;
            return Ok(Material::Secret(bytes));
        }
        if let Some(path) = &self.jwk {
            let text =
                std::fs::read(path).map_err(|e| unreadable(format!("{}: {e}", path.display())))?;
            let value: Value = serde_json::from_slice(&text)
                .map_err(|e| unreadable(format!("{}: not JSON: {e}", path.display())))?;
            return match value.get("keys") {
                Some(Value::Array(keys)) => Ok(Material::Jwks(keys.clone())),
                Some(_) => Err(unreadable(format!(
                    "{}: \"keys\" is not an array",
                    path.display()
                ))),
                None if value.is_object() => Ok(Material::Jwk(value)),
                None => Err(unreadable(format!("{}: not a JWK object", path.display()))),
            };
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

/// Builds the key to use from `--alg` (if given), the material, and the token's `kid` (if any).
/// The token never chooses the algorithm: only which key of a set, by `kid`.
pub fn choose(
    alg_flag: Option<&str>,
    material: Material,
    kid: Option<&str>,
) -> Result<Chosen, Failure> {
    let flag = alg_flag.map(Alg::parse).transpose()?;
    match material {
        Material::Secret(bytes) => {
            let alg = flag.ok_or_else(|| {
                Failure::Usage("--alg is required with a raw secret or a key file".into())
            })?;
            let key = if alg.is_hmac() {
                AnyKey::from_secret(alg, &bytes)
            } else {
                AnyKey::from_key_file(alg, &bytes)
            };
            Ok(Chosen {
                key: key.map_err(|e| key_error(e, alg))?,
                kid: None,
            })
        }
        Material::Jwk(jwk) => from_jwk(flag, &jwk),
        Material::Jwks(keys) => {
            let usable: Vec<&Value> = keys
                .iter()
                .filter(|k| k["use"] != "enc")
                .filter(|k| match (implied_alg(k), flag) {
                    (Some(a), Some(f)) => a == f.name(),
                    (Some(_), None) => true,
                    (None, Some(f)) => k["kty"] == "oct" && f.is_hmac(),
                    (None, None) => false,
                })
                .collect();
            let picked: Vec<&Value> = match kid {
                Some(kid) => usable.into_iter().filter(|k| k["kid"] == kid).collect(),
                None => usable,
            };
            match (picked.as_slice(), kid) {
                ([one], _) => from_jwk(flag, one),
                ([], Some(kid)) => Err(Failure::Rejected {
                    code: "unknown-kid",
                    message: format!("no key in the set has kid {kid:?} and a usable algorithm"),
                }),
                ([], None) => Err(Failure::Rejected {
                    code: "unknown-kid",
                    message: "the key set has no key for this algorithm".into(),
                }),
                (_, _) => Err(Failure::Rejected {
                    code: "ambiguous-key",
                    message: format!(
                        "{} keys in the set could verify this token and it names no single one by kid",
                        picked.len()
                    ),
                }),
            }
        }
    }
}

/// The algorithm a JWK is for: its `alg`, or what its curve implies.
fn implied_alg(jwk: &Value) -> Option<&str> {
    if let Some(alg) = jwk.get("alg").and_then(Value::as_str) {
        return Some(alg);
    }
    match (jwk["kty"].as_str(), jwk["crv"].as_str()) {
        (Some("EC"), Some("P-256")) => Some("ES256"),
        (Some("EC"), Some("P-384")) => Some("ES384"),
        (Some("OKP"), Some("Ed25519")) => Some("EdDSA"),
        _ => None,
    }
}

fn from_jwk(flag: Option<Alg>, jwk: &Value) -> Result<Chosen, Failure> {
    let jwk_alg = implied_alg(jwk);
    let alg = match (flag, jwk_alg) {
        (Some(a), Some(j)) if a.name() != j => {
            return Err(Failure::Rejected {
                code: Error::InvalidKey.code(),
                message: format!("the JWK is for {j} but --alg says {}", a.name()),
            });
        }
        (Some(a), _) => a,
        (None, Some(j)) => Alg::parse(j)?,
        (None, None) => {
            return Err(Failure::Usage(
                "--alg is required: the JWK has no \"alg\"".into(),
            ));
        }
    };
    let text =
        serde_json::to_vec(jwk).map_err(|e| Failure::Usage(format!("unreadable key: {e}")))?;
    let private = jwk.get("d").is_some();
    let key = AnyKey::from_jwk(alg, &text, private).map_err(|e| key_error(e, alg))?;
    let kid = jwk.get("kid").and_then(Value::as_str).map(str::to_owned);
    Ok(Chosen { key, kid })
}

fn key_error(error: Error, alg: Alg) -> Failure {
    let message = match error {
        Error::WeakKey => format!(
            "{} needs a secret of at least {} bytes (RFC 7518 §3.2)",
            alg.name(),
            alg.min_secret_len()
        ),
        Error::InvalidKey => format!(
            "the key is not a usable {} key (kty, use, key_ops or alg)",
            alg.name()
        ),
        other => other.message().to_owned(),
    };
    Failure::from_error(error, message)
}
