//! `jwt decode`: show what a token says, loudly unverified.

use std::process::ExitCode;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};

use crate::{Failure, input, output, times};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one line of JSON for scripts.
    #[arg(long)]
    pub json: bool,
    /// Use this UNIX time as now when describing exp, nbf and iat.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,
    /// The token, or `-` (or nothing) to read it from standard input.
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let token = input::arg_or_stdin(args.token.as_deref(), "token")?;
    let text = String::from_utf8_lossy(&token);
    let segments: Vec<&str> = text.split('.').collect();
    if segments.len() < 2 {
        return Err(Failure::Rejected {
            error: jwt_core::Error::MalformedToken,
            message: "not a compact JWS: expected segments separated by '.'".into(),
        });
    }
    let header = segment(segments.first().copied().unwrap_or(""));
    let claims = segment(segments.get(1).copied().unwrap_or(""));
    let now = args.now.unwrap_or_else(times::now);
    let mut shown = Map::new();
    shown.insert("verified".into(), false.into());
    shown.insert("header".into(), header);
    shown.insert("times".into(), describe_times(&claims, now));
    shown.insert("claims".into(), claims);
    if args.json {
        println!("{}", Value::Object(shown));
    } else {
        eprintln!(
            "{}",
            output::paint(
                output::Stream::Stderr,
                "UNVERIFIED: nothing below was checked; anyone can write a token that says this.",
                "1;31"
            )
        );
        println!(
            "{}",
            serde_json::to_string_pretty(&Value::Object(shown)).unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A segment as JSON if it is JSON, else as text, else as hex; leniently decoded (padding and
/// stray bits tolerated) because this is for looking, not for trusting.
pub fn segment(text: &str) -> Value {
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

fn describe_times(claims: &Value, now: u64) -> Value {
    let mut times = Map::new();
    for name in ["iat", "nbf", "exp"] {
        let Some(value) = claims.get(name) else {
            continue;
        };
        let text = value.to_string();
        let described = match jwt_core::check_claims_json(
            format!("{{\"{name}\":{text}}}").as_bytes(),
            &jwt_core::Limits::new(),
        ) {
            Ok(c) => {
                let t = c.exp().or(c.nbf()).or(c.iat()).unwrap_or(0);
                let when = if t > now {
                    format!("in {}", times::span(t.saturating_sub(now)))
                } else {
                    format!("{} ago", times::span(now.saturating_sub(t)))
                };
                format!("{} ({when})", times::rfc3339(t))
            }
            Err(e) => format!("invalid: {}", e.message()),
        };
        times.insert(name.into(), described.into());
    }
    Value::Object(times)
}
