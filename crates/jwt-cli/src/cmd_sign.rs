//! `jwt sign`: claims JSON plus flags into a token on stdout.

use std::process::ExitCode;

use jwt_core::{Error, SignHeader};
use serde_json::{Map, Value};

use crate::keys::{self, KeyArgs};
use crate::{Failure, input, times};

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
    /// Expiry: `+DURATION` from now (`+90s`, `+30m`, `+1h`, `+7d`) or a UNIX time.
    #[arg(long, value_name = "DURATION|UNIX")]
    pub exp: Option<String>,
    /// Set `iat` to now.
    #[arg(long)]
    pub iat: bool,
    /// Not before: `+DURATION` from now or a UNIX time.
    #[arg(long, value_name = "DURATION|UNIX")]
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
    /// Use this UNIX time as now for `+DURATION` and `--iat`.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,
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
        Some(arg) => input::arg_or_stdin(Some(arg), "claims")?,
    };
    // Check the text as a verifier would before any parser can fold duplicates away.
    jwt_core::check_claims_json(&text, &jwt_core::Limits::new()).map_err(|e| match e {
        Error::NotAnObject => Failure::Rejected {
            error: Error::InvalidJson,
            message: "the claims must be a JSON object".into(),
        },
        other => Failure::from_error(other, format!("claims: {}", other.message())),
    })?;
    let mut claims: Map<String, Value> =
        serde_json::from_slice(&text).map_err(|e| Failure::Rejected {
            error: Error::InvalidJson,
            message: format!("claims: {e}"),
        })?;

    if let Some(exp) = &args.exp {
        claims.insert("exp".into(), times::parse_time(exp, now, "--exp")?.into());
    }
    if let Some(nbf) = &args.nbf {
        claims.insert("nbf".into(), times::parse_time(nbf, now, "--nbf")?.into());
    }
    if args.iat {
        claims.insert("iat".into(), now.into());
    }
    for (name, value) in [("iss", &args.iss), ("sub", &args.sub), ("jti", &args.jti)] {
        if let Some(value) = value {
            claims.insert(name.into(), value.clone().into());
        }
    }
    match args.aud.as_slice() {
        [] => {}
        [one] => {
            claims.insert("aud".into(), one.clone().into());
        }
        many => {
            claims.insert("aud".into(), many.to_vec().into());
        }
    }

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

    let json = serde_json::to_vec(&claims).map_err(|e| Failure::Usage(format!("claims: {e}")))?;
    let token = signer.sign_json(&header, &json)?;
    println!("{token}");
    Ok(ExitCode::SUCCESS)
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
