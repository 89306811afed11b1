//! `jwt sign`: claims JSON plus flags into a token on stdout.

use std::process::ExitCode;

use jwt_core::{Error, Limits, RegisteredClaims, Required, SignHeader, Validation};
use serde_json::Value;

use crate::keys::{self, KeyArgs};
use crate::{Failure, input, output, times};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The algorithm to sign with (default: the JWK's `alg`).
    #[arg(long, value_name = "ALG")]
    pub alg: Option<String>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Header members to set, as a JSON object: `typ`, `cty` and `kid` (`alg` comes from the key).
    #[arg(long, value_name = "JSON")]
    pub header: Option<String>,
    /// Expiry: `+DURATION` from now (`+90s`, `+30m`, `+1h`, `+7d`), a UNIX time or RFC 3339.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub exp: Option<String>,
    /// Set `iat` to now.
    #[arg(long)]
    pub iat: bool,
    /// Not before: `+DURATION` or `-DURATION` from now, a UNIX time or RFC 3339.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub nbf: Option<String>,
    /// Set `iss`.
    #[arg(long)]
    pub iss: Option<String>,
    /// Set `sub`.
    #[arg(long)]
    pub sub: Option<String>,
    /// Set `aud` (repeatable: several make an array).
    #[arg(long)]
    pub aud: Vec<String>,
    /// Set `jti`.
    #[arg(long)]
    pub jti: Option<String>,
    /// Set the header's `kid` (default: the JWK's `kid`, if any).
    #[arg(long)]
    pub kid: Option<String>,
    /// Leave `typ` out of the header (by default it is `JWT`).
    #[arg(long)]
    pub no_typ: bool,
    /// Use this time as now (for `+DURATION`, `--iat` and describing times): a UNIX time,
    /// +DURATION or -DURATION from the clock, or RFC 3339.
    #[arg(long, value_name = "TIME", value_parser = times::now_arg, allow_hyphen_values = true)]
    pub now: Option<u64>,
    /// Print `{"token":"..."}`, and errors as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// The claims as a JSON object, or `-` to read them from standard input (default: `{}`).
    #[arg(value_name = "CLAIMS-JSON")]
    pub claims: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let material = args.key.load()?;
    let (signer, jwk_kid) = keys::signer(args.alg.as_deref(), &material)?;
    let now = args.now.unwrap_or_else(times::now);

    let text = match args.claims.as_deref() {
        None => b"{}".to_vec(),
        Some(arg) => input::arg_or_stdin(Some(arg), "claims", jwt_core::MAX_TOKEN_LEN)?,
    };
    if text.len() > jwt_core::MAX_TOKEN_LEN {
        return Err(Failure::from_error(
            Error::TokenTooLarge,
            format!(
                "the claims are longer than {} bytes, the most any token can be",
                jwt_core::MAX_TOKEN_LEN
            ),
        ));
    }
    // Checked as a verifier checks them, before anything reads them.
    let claims = jwt_core::check_claims_json(&text, &Limits::new())
        .map_err(|e| Failure::from_error(e, format!("claims: {}", e.message())))?;
    let added = flag_claims(args, now)?;
    if let Some((name, _)) = added.iter().find(|(name, _)| has_claim(&claims, name)) {
        return Err(Failure::Usage(format!(
            "--{name} and the claims' own \"{name}\" would conflict: give one of them"
        )));
    }
    let expires = added
        .iter()
        .find(|(name, _)| *name == "exp")
        .and_then(|(_, value)| value.parse().ok())
        .or_else(|| claims.exp());
    if let Some(exp) = expires.filter(|exp| *exp <= now) {
        eprintln!(
            "warning: the token expires at {}, {} ago: no verifier will accept it",
            times::rfc3339(exp),
            times::span(now.saturating_sub(exp))
        );
    }
    let json = splice(&text, &added);

    let extra = HeaderArgs::parse(args.header.as_deref())?;
    let kid = args.kid.clone().or(extra.kid).or(jwk_kid);
    let mut header = if args.no_typ {
        SignHeader::new().without_typ()
    } else {
        SignHeader::new()
    };
    if let Some(typ) = extra.typ.as_deref() {
        header = header.typ(typ);
    }
    if let Some(cty) = extra.cty.as_deref() {
        header = header.cty(cty);
    }
    if let Some(kid) = kid.as_deref() {
        header = header.kid(kid);
    }

    let token = signer.sign_json(&header, &json)?;
    match output::Format::from_json_flag(args.json) {
        output::Format::Json => println!("{}", serde_json::json!({ "token": token })),
        output::Format::Text => println!("{token}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The claims the flags add, each with its JSON text.
fn flag_claims(args: &Args, now: u64) -> Result<Vec<(&'static str, String)>, Failure> {
    let mut added = Vec::new();
    if let Some(exp) = &args.exp {
        added.push(("exp", times::parse_time(exp, now, "--exp")?.to_string()));
    }
    if let Some(nbf) = &args.nbf {
        added.push(("nbf", times::parse_time(nbf, now, "--nbf")?.to_string()));
    }
    if args.iat {
        added.push(("iat", now.to_string()));
    }
    for (name, value) in [("iss", &args.iss), ("sub", &args.sub), ("jti", &args.jti)] {
        if let Some(value) = value {
            added.push((name, json_string(name, value)?));
        }
    }
    match args.aud.as_slice() {
        [] => {}
        [one] => added.push(("aud", json_string("aud", one)?)),
        many => {
            let items = many
                .iter()
                .map(|a| json_string("aud", a))
                .collect::<Result<Vec<_>, _>>()?;
            added.push(("aud", format!("[{}]", items.join(","))));
        }
    }
    Ok(added)
}

/// A flag's value as a JSON string; an empty one is a usage error.
fn json_string(flag: &str, value: &str) -> Result<String, Failure> {
    if value.is_empty() {
        return Err(Failure::Usage(format!(
            "--{flag} '': an empty value; leave the flag out instead"
        )));
    }
    serde_json::to_string(value).map_err(|e| Failure::Usage(format!("--{flag}: {e}")))
}

/// Whether the claims have the registered claim `name`, as the library reads them.
fn has_claim(claims: &RegisteredClaims<'_>, name: &str) -> bool {
    Required::from_name(name)
        .is_some_and(|claim| Validation::new().require(claim).missing(claims) == Required::NONE)
}

/// The claims text with members added before its closing brace: everything the caller wrote
/// stays exactly as written.
fn splice(text: &[u8], added: &[(&str, String)]) -> Vec<u8> {
    let end = text.trim_ascii_end();
    let (Some(open), Some((b'}', body_and_open))) = (
        end.iter().position(|b| *b == b'{'),
        end.split_last().map(|(last, rest)| (*last, rest)),
    ) else {
        return text.to_vec();
    };
    let mut out = body_and_open.to_vec();
    let mut empty = body_and_open
        .get(open.saturating_add(1)..)
        .is_none_or(|body| body.trim_ascii().is_empty());
    for (name, value) in added {
        if !empty {
            out.push(b',');
        }
        empty = false;
        out.extend_from_slice(format!("\"{name}\":{value}").as_bytes());
    }
    out.push(b'}');
    out
}

/// The header members `--header` may set.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderArgs {
    typ: Option<String>,
    cty: Option<String>,
    kid: Option<String>,
}

impl HeaderArgs {
    fn parse(text: Option<&str>) -> Result<Self, Failure> {
        let Some(text) = text else {
            return Ok(Self::default());
        };
        // Checked as the library checks JSON (duplicate members refused) before serde reads it.
        jwt_core::check_claims_json(text.as_bytes(), &Limits::new())
            .map_err(|e| Failure::from_error(e, format!("--header: {}", e.message())))?;
        let value: Value =
            serde_json::from_str(text).map_err(|e| Failure::Usage(format!("--header: {e}")))?;
        if value.get("alg").is_some() {
            return Err(Failure::Usage(
                "--header: alg comes from --alg or the key, not from --header".into(),
            ));
        }
        serde_json::from_value(value)
            .map_err(|e| Failure::Usage(format!("--header: {e} (typ, cty and kid can be set)")))
    }
}
