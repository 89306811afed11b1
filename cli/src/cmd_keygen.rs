//! `jwt keygen`: a fresh key as a JWK whose `kid` is its RFC 7638 thumbprint.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::Failure;
use crate::alg::Alg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The algorithm the key is for.
    #[arg(long, value_name = "ALG")]
    pub alg: String,
    /// Write the key to this file (mode 0600) instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let alg = Alg::parse(&args.alg)?;
    let mut secret = vec![0u8; alg.min_secret_len()];
    getrandom::fill(&mut secret)
        .map_err(|e| Failure::Usage(format!("no randomness available: {e}")))?;
    let k = URL_SAFE_NO_PAD.encode(&secret);
    let kid = thumbprint_oct(&k);
    let jwk = json!({"kty": "oct", "kid": kid, "alg": alg.name(), "use": "sig", "k": k});
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&jwk).unwrap_or_default()
    );
    match &args.out {
        None => print!("{text}"),
        Some(path) => {
            write_private(path, text.as_bytes())
                .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
            eprintln!("wrote {} key {kid} to {}", alg.name(), path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// RFC 7638 §3.2: the SHA-256 of the required members in lexicographic order, no whitespace.
pub fn thumbprint_oct(k: &str) -> String {
    let canonical = format!(r#"{{"k":"{k}","kty":"oct"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// Writes a file that only its owner can read, whatever was there before.
fn write_private(path: &PathBuf, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(bytes)
    }
    #[cfg(not(unix))]
    {
        options.open(path)?.write_all(bytes)
    }
}
