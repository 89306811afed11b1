//! `jwt lint`: an offline audit of a token, without a key.

use std::process::ExitCode;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{Error, Hs256Key, Hs384Key, Hs512Key, Limits, UnverifiedHeader, VerifyingKey};
use serde_json::{Value, json};

use crate::{Failure, input, output, times};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the findings as JSON.
    #[arg(long)]
    pub json: bool,
    /// Use this time as now: a UNIX time, +DURATION or -DURATION from the clock, or RFC 3339.
    #[arg(long, value_name = "TIME", value_parser = crate::times::now_arg, allow_hyphen_values = true)]
    pub now: Option<u64>,
    /// The token, or `-` (or nothing) to read it from standard input.
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    fn name(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

#[derive(Debug)]
struct Finding {
    severity: Severity,
    code: &'static str,
    message: String,
}

/// Secrets that appear in tutorials, samples and default configurations.
const WELL_KNOWN_SECRETS: [&str; 26] = [
    "secret",
    "password",
    "changeme",
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "jwt-secret",
    "jwt_secret",
    "secretkey",
    "secret-key",
    "mysecret",
    "key",
    "123456",
    "test",
    "admin",
    "default",
    "supersecret",
    "s3cr3t",
    "qwerty",
    "letmein",
    "jwt",
    "token",
    "your_jwt_secret",
    "secret123",
    "shhhhh",
    "keyboard cat",
];

/// Lifetimes longer than this are flagged.
const LONG_LIFETIME: u64 = 24 * 3600;

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let token = input::arg_or_stdin(args.token.as_deref(), "token", jwt_core::MAX_TOKEN_LEN)?;
    let now = args.now.unwrap_or_else(times::now);
    let findings = audit(&token, now);
    if args.json {
        let list: Vec<Value> = findings
            .iter()
            .map(|f| json!({"severity": f.severity.name(), "code": f.code, "message": f.message}))
            .collect();
        println!("{}", json!({"findings": list}));
    } else if findings.is_empty() {
        println!("no findings");
    } else {
        for f in &findings {
            let colour = match f.severity {
                Severity::Error => "1;31",
                Severity::Warning => "33",
                Severity::Info => "36",
            };
            println!(
                "{} {}: {}",
                output::paint(output::Stream::Stdout, f.severity.name(), colour),
                f.code,
                f.message
            );
        }
    }
    let serious = findings.iter().any(|f| f.severity >= Severity::Warning);
    Ok(if serious {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn audit(token: &[u8], now: u64) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut say = |severity, code, message: String| {
        found.push(Finding {
            severity,
            code,
            message,
        });
    };
    // The library reads the structure and the header as verification would; its first
    // refusal is the first finding.
    let limits = Limits::new()
        .max_token_len(jwt_core::MAX_TOKEN_LEN)
        .max_header_len(usize::MAX);
    let mut buf = vec![0u8; token.len()];
    let strict = UnverifiedHeader::dangerous_peek(token, &limits, &mut buf).err();
    if let Some(e) = strict {
        say(Severity::Error, e.code(), e.message().to_owned());
        if e == Error::MalformedToken {
            return found;
        }
    }
    let text = String::from_utf8_lossy(token);
    let segments: Vec<&str> = text.split('.').collect();
    header_findings(
        token,
        segments.first().copied().unwrap_or(""),
        strict,
        &mut say,
    );
    claims_findings(segments.get(1).copied().unwrap_or(""), now, &mut say);
    found
}

type Say<'a> = dyn FnMut(Severity, &'static str, String) + 'a;

/// What the header says, read leniently so that a broken header still tells; `strict` is
/// what the library's reading refused, already reported.
fn header_findings(token: &[u8], segment: &str, strict: Option<Error>, say: &mut Say<'_>) {
    // Then a lenient one, to say what the header claims even when it is broken.
    let header = lenient_segment(segment);
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    if alg.eq_ignore_ascii_case("none") && strict != Some(Error::AlgorithmNone) {
        say(
            Severity::Error,
            Error::AlgorithmNone.code(),
            "alg \"none\": an unsecured token, forgeable by anyone".into(),
        );
    }
    if let Some(kid) = header.get("kid").and_then(Value::as_str)
        && kid.contains(['/', '\\', '|', '\'', ';', '`', '$'])
    {
        say(
            Severity::Warning,
            "suspicious-kid",
            format!("kid {kid:?} looks like a path or an injection"),
        );
    }
    if alg.starts_with("HS") {
        weak_secret(token, alg, say);
        say(
            Severity::Info,
            "symmetric",
            format!("{alg}: anyone who can verify this token can also mint one"),
        );
    }
    for member in ["jwk", "jku", "x5u", "x5c"] {
        if header.get(member).is_some() {
            say(
                Severity::Warning,
                "key-in-header",
                format!(
                    "header carries {member:?}: a verifier that trusts it accepts anyone's signature"
                ),
            );
        }
    }
}

fn claims_findings(segment: &str, now: u64, say: &mut Say<'_>) {
    let payload = URL_SAFE_NO_PAD.decode(segment).unwrap_or_default();
    let claims = match jwt_core::check_claims_json(
        &payload,
        &Limits::new().max_depth(jwt_core::MAX_DEPTH),
    ) {
        Ok(claims) => claims,
        Err(e) => {
            return say(
                Severity::Error,
                e.code(),
                format!("claims: {}", e.message()),
            );
        }
    };
    match claims.exp() {
        None => say(
            Severity::Warning,
            "missing-exp",
            "no exp: the token never expires".into(),
        ),
        Some(exp) => {
            let life = exp.saturating_sub(claims.iat().unwrap_or(now));
            if life > LONG_LIFETIME {
                say(
                    Severity::Warning,
                    "long-lifetime",
                    format!(
                        "valid for {} (until {}), more than 24 h",
                        times::span(life),
                        times::rfc3339(exp)
                    ),
                );
            }
            if exp <= now {
                say(
                    Severity::Info,
                    "expired",
                    format!("expired at {}", times::rfc3339(exp)),
                );
            }
        }
    }
    if claims.aud().is_none() {
        say(
            Severity::Info,
            "missing-aud",
            "no aud: any service that trusts the issuer accepts it".into(),
        );
    }
}

/// Tries the well-known secrets against an HS* token.
fn weak_secret(token: &[u8], alg: &str, say: &mut Say<'_>) {
    let hit = WELL_KNOWN_SECRETS.iter().find(|secret| {
        let s = secret.as_bytes();
        let limits = Limits::new()
            .max_token_len(jwt_core::MAX_TOKEN_LEN)
            .max_header_len(usize::MAX);
        let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
        match alg {
            "HS256" => Hs256Key::new_insecure_short_secret(s)
                .is_ok_and(|k| verifies(&k, token, &limits, &mut scratch)),
            "HS384" => Hs384Key::new_insecure_short_secret(s)
                .is_ok_and(|k| verifies(&k, token, &limits, &mut scratch)),
            "HS512" => Hs512Key::new_insecure_short_secret(s)
                .is_ok_and(|k| verifies(&k, token, &limits, &mut scratch)),
            _ => false,
        }
    });
    if let Some(secret) = hit {
        say(
            Severity::Error,
            "weak-secret",
            format!("the signature verifies with the well-known secret {secret:?}"),
        );
    }
}

fn verifies<K: VerifyingKey>(key: &K, token: &[u8], limits: &Limits, scratch: &mut [u8]) -> bool {
    jwt_core::verify_jws(token, key, limits, scratch).is_ok()
}

/// A segment as JSON if it is JSON, else as text, else as hex; leniently decoded (padding and
/// stray bits tolerated) because this is for looking, not for trusting.
fn lenient_segment(text: &str) -> Value {
    let trimmed = text.trim_end_matches('=');
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let Ok(bytes) = URL_SAFE_NO_PAD
        .decode(trimmed)
        .or_else(|_| lenient.decode(trimmed))
    else {
        return json!({"undecodable": text});
    };
    if let Some(value) = output::exact_json(&bytes) {
        return value;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Value::String(s),
        Err(e) => json!({"hex": hex::encode(e.into_bytes())}),
    }
}
