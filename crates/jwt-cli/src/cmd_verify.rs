//! `jwt verify`: exit 0 and the header and claims as JSON, or exit 1 and the broken rule.

use std::process::ExitCode;

use crate::keys::{self, KeyArgs};
use crate::policy::{Policy, PolicyArgs};
use crate::{Failure, explain, hints, input, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The algorithm to verify with (default: the JWK's `alg`). Never taken from the token.
    #[arg(long, value_name = "ALG")]
    pub alg: Option<String>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Accept an HMAC secret shorter than its hash (RFC 7518 §3.2 forbids it), to verify
    /// legacy tokens such as those of tutorials signed with `secret`. Prints a warning.
    #[arg(long)]
    pub insecure_short_secret: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Print errors as JSON on stdout instead of a line on stderr.
    #[arg(long)]
    pub json: bool,
    /// The token, or `-` (or nothing) to read it from standard input.
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let policy = Policy::new(&args.policy)?;
    let material = args.key.load()?;
    let token = input::arg_or_stdin(args.token.as_deref(), "token", args.policy.max_token_bytes)?;

    let length = if args.insecure_short_secret {
        keys::SecretLength::InsecureShortAllowed
    } else {
        keys::SecretLength::Full
    };
    let source = keys::verifier(args.alg.as_deref(), &material, length)?;
    let key = source.key_for(&token, &policy).map_err(|f| match f {
        Failure::Rejected { error, message } => Failure::Rejected {
            error,
            message: hints::with_hint(message, error, &token, Some(&material)),
        },
        usage @ Failure::Usage(_) => usage,
    })?;

    let mut scratch = vec![0u8; jwt_core::scratch_len(&token)];
    let verified = key
        .verify(&token, &policy.validation(), policy.time(), &mut scratch)
        .map_err(|e| {
            let message = explain::explain(e, &token, key, &policy);
            Failure::from_error(e, hints::with_hint(message, e, &token, Some(&material)))
        })?;

    // The header and claims exactly as the token carries them: every number keeps its
    // spelling and every string its escapes. Both are JSON objects the library has checked, so
    // the line is JSON.
    output::raw_json_line(&[
        b"{\"header\":",
        verified.header_json(),
        b",\"claims\":",
        verified.payload_json(),
        b"}",
    ])?;
    Ok(ExitCode::SUCCESS)
}
