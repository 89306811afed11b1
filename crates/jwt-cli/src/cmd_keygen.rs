//! `jwt keygen`: a fresh key as a JWK whose `kid` is its RFC 7638 thumbprint, and for EC and
//! OKP keys the same key as PEM.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::{EncodePrivateKey, EncodePublicKey};
use serde_json::{Value, json};

use crate::alg::Alg;
use crate::{Failure, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The algorithm the key is for.
    #[arg(long, value_name = "ALG")]
    pub alg: String,
    /// Write the key to files named after NAME (a trailing `.jwk` is dropped): NAME.jwk, the
    /// private JWK (mode 0600); for EC and OKP keys also NAME.pub.jwk, NAME.pem (PKCS#8, 0600)
    /// and NAME.pub.pem.
    #[arg(long, value_name = "NAME")]
    pub out: Option<PathBuf>,
    /// Print the key (or, with --out, the files written) as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// A generated key in every form this command writes.
struct Generated {
    private_jwk: Value,
    public_jwk: Option<Value>,
    private_pem: Option<String>,
    public_pem: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let alg = Alg::parse(&args.alg)?;
    let g = generate(alg)?;
    let kid = g
        .private_jwk
        .get("kid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let pretty = |v: &Value| format!("{}\n", serde_json::to_string_pretty(v).unwrap_or_default());
    let format = output::Format::from_json_flag(args.json);
    let Some(name) = &args.out else {
        match format {
            output::Format::Json => println!(
                "{}",
                json!({"jwk": g.private_jwk, "public_jwk": g.public_jwk, "pem": g.private_pem, "public_pem": g.public_pem})
            ),
            output::Format::Text => {
                print!("{}", pretty(&g.private_jwk));
                if let (Some(private), Some(public)) = (&g.private_pem, &g.public_pem) {
                    print!("{private}{public}");
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let base = name.to_string_lossy();
    let base = base.strip_suffix(".jwk").unwrap_or(&base);
    let path = |suffix: &str| PathBuf::from(format!("{base}{suffix}"));
    let mut files = vec![(path(".jwk"), pretty(&g.private_jwk), Access::OwnerOnly)];
    if let Some(public) = &g.public_jwk {
        files.push((path(".pub.jwk"), pretty(public), Access::Public));
    }
    if let Some(pem) = &g.private_pem {
        files.push((path(".pem"), pem.clone(), Access::OwnerOnly));
    }
    if let Some(pem) = &g.public_pem {
        files.push((path(".pub.pem"), pem.clone(), Access::Public));
    }
    for (file, contents, access) in &files {
        write_file(file, contents.as_bytes(), *access)
            .map_err(|e| Failure::Usage(format!("{}: {e}", file.display())))?;
    }
    let written: Vec<String> = files
        .iter()
        .map(|(f, ..)| f.display().to_string())
        .collect();
    match format {
        output::Format::Json => println!(
            "{}",
            json!({"kid": kid, "alg": alg.name(), "written": written})
        ),
        output::Format::Text => eprintln!("wrote {} key {kid}: {}", alg.name(), written.join(", ")),
    }
    Ok(ExitCode::SUCCESS)
}

fn random<const N: usize>() -> Result<[u8; N], Failure> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| Failure::Usage(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn generate(alg: Alg) -> Result<Generated, Failure> {
    let failed = |e: &dyn std::fmt::Display| Failure::Usage(format!("key generation failed: {e}"));
    let lf = p256::pkcs8::LineEnding::LF;
    match alg {
        Alg::Rsa(_) => Err(Failure::Usage(format!(
            "{} keys are not generated here (slow, and RSA signing has RUSTSEC-2023-0071): \
             use `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072`, or an ES256/EdDSA key",
            alg.name()
        ))),
        Alg::Es512 => Err(Failure::Usage(
            "ES512 keys are not generated here: use `openssl genpkey -algorithm EC -pkeyopt \
             ec_paramgen_curve:P-521`, or an ES256/EdDSA key"
                .into(),
        )),
        Alg::Hs256 | Alg::Hs384 | Alg::Hs512 => {
            let secret = match alg {
                Alg::Hs256 => random::<32>()?.to_vec(),
                Alg::Hs384 => random::<48>()?.to_vec(),
                _ => random::<64>()?.to_vec(),
            };
            let k = b64(&secret);
            let kid = thumbprint(&json!({"kty": "oct", "k": k}));
            Ok(Generated {
                private_jwk: json!({"kty": "oct", "kid": kid, "alg": alg.name(), "use": "sig", "k": k}),
                public_jwk: None,
                private_pem: None,
                public_pem: None,
            })
        }
        Alg::Es256 | Alg::Es384 => generate_ec(alg),
        Alg::EdDsa => {
            let key = ed25519_dalek::SigningKey::from_bytes(&random::<32>()?);
            let x = b64(key.verifying_key().as_bytes());
            let public = json!({"kty": "OKP", "crv": "Ed25519", "x": x});
            let kid = thumbprint(&public);
            Ok(Generated {
                private_jwk: json!({"kty": "OKP", "kid": kid, "alg": "EdDSA", "use": "sig", "crv": "Ed25519", "x": x, "d": b64(&key.to_bytes())}),
                public_jwk: Some(
                    json!({"kty": "OKP", "kid": kid, "alg": "EdDSA", "use": "sig", "crv": "Ed25519", "x": x}),
                ),
                private_pem: Some(key.to_pkcs8_pem(lf).map_err(|e| failed(&e))?.to_string()),
                public_pem: Some(
                    key.verifying_key()
                        .to_public_key_pem(lf)
                        .map_err(|e| failed(&e))?,
                ),
            })
        }
    }
}

/// A P-256 or P-384 key.
fn generate_ec(alg: Alg) -> Result<Generated, Failure> {
    let failed = |e: &dyn std::fmt::Display| Failure::Usage(format!("key generation failed: {e}"));
    let lf = p256::pkcs8::LineEnding::LF;
    let (crv, d, x, y, private_pem, public_pem) = if alg == Alg::Es256 {
        let secret = loop {
            if let Ok(s) = p256::SecretKey::from_slice(&random::<32>()?) {
                break s;
            }
        };
        let point =
            p256::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&secret.public_key(), false);
        (
            "P-256",
            b64(&secret.to_bytes()),
            b64(point.x().map(|x| &x[..]).unwrap_or_default()),
            b64(point.y().map(|y| &y[..]).unwrap_or_default()),
            secret.to_pkcs8_pem(lf).map_err(|e| failed(&e))?.to_string(),
            secret
                .public_key()
                .to_public_key_pem(lf)
                .map_err(|e| failed(&e))?,
        )
    } else {
        let secret = loop {
            if let Ok(s) = p384::SecretKey::from_slice(&random::<48>()?) {
                break s;
            }
        };
        let point =
            p384::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&secret.public_key(), false);
        (
            "P-384",
            b64(&secret.to_bytes()),
            b64(point.x().map(|x| &x[..]).unwrap_or_default()),
            b64(point.y().map(|y| &y[..]).unwrap_or_default()),
            secret.to_pkcs8_pem(lf).map_err(|e| failed(&e))?.to_string(),
            secret
                .public_key()
                .to_public_key_pem(lf)
                .map_err(|e| failed(&e))?,
        )
    };
    let public = json!({"kty": "EC", "crv": crv, "x": x, "y": y});
    let kid = thumbprint(&public);
    Ok(Generated {
        private_jwk: json!({"kty": "EC", "kid": kid, "alg": alg.name(), "use": "sig", "crv": crv, "x": x, "y": y, "d": d}),
        public_jwk: Some(
            json!({"kty": "EC", "kid": kid, "alg": alg.name(), "use": "sig", "crv": crv, "x": x, "y": y}),
        ),
        private_pem: Some(private_pem),
        public_pem: Some(public_pem),
    })
}

/// RFC 7638 §3.2, computed by the library from the JWK's required members.
fn thumbprint(jwk: &Value) -> String {
    let text = serde_json::to_vec(jwk).unwrap_or_default();
    jwt_core::jwk_thumbprint(&text)
        .map(|t| b64(&t))
        .unwrap_or_default()
}

/// Who may read a written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// Mode 0600: a private key.
    OwnerOnly,
    /// Mode 0644: a public key.
    Public,
}

/// Writes a file; a private one only its owner can read, whatever was there before.
fn write_file(path: &Path, bytes: &[u8], access: Access) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = match access {
            Access::OwnerOnly => 0o600,
            Access::Public => 0o644,
        };
        options.mode(mode);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        file.write_all(bytes)
    }
    #[cfg(not(unix))]
    {
        let _ = access;
        options.open(path)?.write_all(bytes)
    }
}
