//! The verification policy from the command line. Defaults are the library's strict ones.

use jwt_core::{Limits, Required, Time, Validation};

use crate::{Failure, times};

/// What a valid token must also satisfy.
#[derive(Debug, clap::Args)]
pub struct PolicyArgs {
    /// Check times at this time instead of the system clock: a UNIX time, +DURATION or
    /// -DURATION from the clock (`-1h`), or RFC 3339 (`2023-11-14T22:13:20Z`).
    #[arg(long, value_name = "TIME", value_parser = times::now_arg, allow_hyphen_values = true)]
    pub now: Option<u64>,
    /// Clock skew tolerated on exp, nbf and iat: seconds (`30`) or a duration (`30s`, `5m`).
    #[arg(long, value_name = "DURATION", default_value = "0", value_parser = times::parse_seconds)]
    pub leeway: u64,
    /// Accept this issuer (repeatable: any of them). Without it, any issuer.
    #[arg(long = "iss", value_name = "ISS")]
    pub issuers: Vec<String>,
    /// Accept tokens for this audience (repeatable: any of them). Without it, a token that
    /// names an audience is refused.
    #[arg(long = "aud", value_name = "AUD")]
    pub audiences: Vec<String>,
    /// Require exactly this subject.
    #[arg(long = "sub", value_name = "SUB")]
    pub subject: Option<String>,
    /// Claims that must be present, comma-separated (exp, nbf, iat, iss, sub, aud, jti), or
    /// `none`. Replaces the default.
    #[arg(long, value_name = "CLAIMS", default_value = "exp")]
    pub require: String,
    /// Require this header `typ` (compared as RFC 7515 §4.1.9 says).
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Refuse tokens issued longer ago than this (requires iat): seconds or a duration (`5m`).
    #[arg(long, value_name = "DURATION", value_parser = times::parse_seconds)]
    pub max_age: Option<u64>,
    /// The largest token accepted, in bytes (N itself is allowed).
    #[arg(long, value_name = "N", default_value_t = jwt_core::DEFAULT_MAX_TOKEN_LEN)]
    pub max_token_bytes: usize,
}

/// The policy's strings, owned, so that a [`Validation`] can borrow them.
#[derive(Debug)]
pub struct Policy<'a> {
    pub args: &'a PolicyArgs,
    issuers: Vec<&'a str>,
    audiences: Vec<&'a str>,
    required: Required,
}

impl<'a> Policy<'a> {
    /// Reads the flags, refusing any that would weaken the policy by accident: an empty
    /// value, an empty `--require` item, a size above the library's hard maximum.
    pub fn new(args: &'a PolicyArgs) -> Result<Self, Failure> {
        let empty = args
            .issuers
            .iter()
            .map(|v| ("--iss", v))
            .chain(args.audiences.iter().map(|v| ("--aud", v)))
            .chain(args.subject.iter().map(|v| ("--sub", v)))
            .find(|(_, v)| v.is_empty());
        if let Some((flag, _)) = empty {
            return Err(Failure::Usage(format!(
                "{flag} '': an empty value matches nothing; leave the flag out instead"
            )));
        }
        if let Some(typ) = &args.typ {
            check_media_type(typ)?;
        }
        if args.max_token_bytes > jwt_core::MAX_TOKEN_LEN {
            return Err(Failure::Usage(format!(
                "--max-token-bytes {}: at most {} (the library's hard maximum)",
                args.max_token_bytes,
                jwt_core::MAX_TOKEN_LEN
            )));
        }
        Ok(Self {
            args,
            issuers: args.issuers.iter().map(String::as_str).collect(),
            audiences: args.audiences.iter().map(String::as_str).collect(),
            required: parse_required(&args.require)?,
        })
    }

    pub fn validation(&self) -> Validation<'_> {
        let mut v = Validation::new()
            .leeway(self.args.leeway)
            .require(self.required)
            .issuers(&self.issuers)
            .audiences(&self.audiences)
            .limits(self.limits());
        if let Some(sub) = &self.args.subject {
            v = v.subject(sub);
        }
        if let Some(typ) = &self.args.typ {
            v = v.typ(typ);
        }
        if let Some(max_age) = self.args.max_age {
            v = v.max_age(max_age);
        }
        v
    }

    pub fn limits(&self) -> Limits {
        Limits::new().max_token_len(self.args.max_token_bytes)
    }

    pub fn now(&self) -> u64 {
        self.args.now.unwrap_or_else(times::now)
    }

    pub fn time(&self) -> Time {
        Time::At(self.now())
    }
}

/// A `--typ` must name a media type: not empty, and with `/` only between a type and a
/// subtype (`JWT`, `at+jwt`, `application/at+jwt`).
fn check_media_type(typ: &str) -> Result<(), Failure> {
    let well_formed = match typ.split_once('/') {
        None => !typ.is_empty(),
        Some((kind, subtype)) => !kind.is_empty() && !subtype.is_empty() && !subtype.contains('/'),
    };
    if well_formed {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "--typ {typ:?}: not a media type (such as JWT, at+jwt or application/at+jwt)"
        )))
    }
}

/// Reads `--require`: registered claim names, comma-separated, or `none` alone. An empty
/// item (`exp,,iat`, a trailing comma, an empty value) is refused rather than read as
/// nothing, so that a typo never weakens the policy.
fn parse_required(list: &str) -> Result<Required, Failure> {
    if list == "none" {
        return Ok(Required::NONE);
    }
    list.split(',').try_fold(Required::NONE, |set, name| {
        Required::from_name(name).map(|claim| set.and(claim)).ok_or_else(|| {
            Failure::Usage(format!(
                "--require: unknown claim {name:?} (exp, nbf, iat, iss, sub, aud, jti, or none alone)"
            ))
        })
    })
}
