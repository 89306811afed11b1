//! `jwt decode`: show what a token says, loudly unverified.

use std::process::ExitCode;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{Error, Limits, RegisteredClaims, UnverifiedHeader};
use serde_json::{Map, Value};

use crate::{Failure, hints, input, output, times};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one line of JSON for scripts.
    #[arg(long)]
    pub json: bool,
    /// Use this time as now (for `+DURATION`, `--iat` and describing times): a UNIX time,
    /// +DURATION or -DURATION from the clock, or RFC 3339.
    #[arg(long, value_name = "TIME", value_parser = times::now_arg, allow_hyphen_values = true)]
    pub now: Option<u64>,
    /// The token, or `-` (or nothing) to read it from standard input.
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let token = input::arg_or_stdin(args.token.as_deref(), "token", jwt_core::MAX_TOKEN_LEN)?;
    let refused = |e: Error, part: &str| {
        let message = format!("{part}: {}", e.message());
        Failure::from_error(e, hints::with_hint(message, e, &token, None))
    };
    // The library reads the token's structure, header and claims as strictly as verification
    // would; only the signature goes unchecked.
    let limits = Limits::new().max_token_len(jwt_core::MAX_TOKEN_LEN);
    let mut buf = vec![0u8; token.len()];
    UnverifiedHeader::dangerous_peek(&token, &limits, &mut buf)
        .map_err(|e| refused(e, "header"))?;
    let mut segments = token.split(|b| *b == b'.');
    let header = segments.next().map(strict_base64).unwrap_or_default();
    let claims_json = segments
        .next()
        .map(strict_base64)
        .ok_or(Error::MalformedToken)
        .map_err(|e| refused(e, "claims"))?;
    let claims =
        jwt_core::check_claims_json(&claims_json, &limits).map_err(|e| refused(e, "claims"))?;
    let now = args.now.unwrap_or_else(times::now);
    let times = describe_times(&claims, now).to_string();
    if args.json {
        // Header and claims exactly as the token carries them.
        return output::raw_json_line(&[
            b"{\"verified\":false,\"header\":",
            &header,
            b",\"times\":",
            times.as_bytes(),
            b",\"claims\":",
            &claims_json,
            b"}",
        ])
        .map(|()| ExitCode::SUCCESS);
    }
    eprintln!(
        "{}",
        output::paint(
            output::Stream::Stderr,
            "UNVERIFIED: nothing below was checked; anyone can write a token that says this.",
            "1;31"
        )
    );
    let mut shown = Map::new();
    shown.insert("verified".into(), false.into());
    shown.insert(
        "header".into(),
        output::exact_json(&header).unwrap_or_default(),
    );
    shown.insert("times".into(), describe_times(&claims, now));
    shown.insert(
        "claims".into(),
        output::exact_json(&claims_json).unwrap_or_default(),
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&Value::Object(shown)).unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

/// A segment the library has already found canonical, decoded for display.
fn strict_base64(segment: &[u8]) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(segment).unwrap_or_default()
}

fn describe_times(claims: &RegisteredClaims<'_>, now: u64) -> Value {
    let mut times = Map::new();
    for (name, value) in [
        ("iat", claims.iat()),
        ("nbf", claims.nbf()),
        ("exp", claims.exp()),
    ] {
        let Some(t) = value else {
            continue;
        };
        let when = if t > now {
            format!("in {}", times::span(t.saturating_sub(now)))
        } else {
            format!("{} ago", times::span(now.saturating_sub(t)))
        };
        times.insert(
            name.into(),
            format!("{} ({when})", times::rfc3339(t)).into(),
        );
    }
    Value::Object(times)
}
