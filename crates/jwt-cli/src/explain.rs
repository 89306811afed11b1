//! Sentences that say which rule a refused token broke, with its numbers.

use jwt_core::{Error, JsonStr, Limits, SetKey, UnverifiedHeader};

use crate::policy::Policy;
use crate::times::{rfc3339, span};

/// Explains why `token` was refused with `error`.
pub fn explain(error: Error, token: &[u8], key: &SetKey, policy: &Policy<'_>) -> String {
    match error.class() {
        jwt_core::ErrorClass::Claims => {
            claims_rule(error, token, key, policy).unwrap_or_else(|| error.message().to_owned())
        }
        _ => structural(error, token, key, policy),
    }
}

fn structural(error: Error, token: &[u8], key: &SetKey, policy: &Policy<'_>) -> String {
    let limits = policy.limits();
    let alg = key.alg();
    match error {
        Error::TokenTooLarge => {
            format!(
                "token is longer than the limit of {} bytes (--max-token-bytes)",
                policy.args.max_token_bytes
            )
        }
        Error::AlgorithmMismatch | Error::AlgorithmNone => {
            let claimed = header_alg(token, &limits).unwrap_or_else(|| "?".into());
            if error == Error::AlgorithmNone {
                "the token is unsecured (alg \"none\"): never accepted, whatever the key".to_owned()
            } else {
                format!(
                    "header says alg {claimed:?} but the key is {alg}; the algorithm comes from --alg or the key, never from the token"
                )
            }
        }
        Error::InvalidSignature => format!("the signature does not verify with this {alg} key"),
        Error::UnexpectedType => {
            let got = UnverifiedHeader::dangerous_peek(token, &limits, &mut [0u8; 4096])
                .ok()
                .and_then(|h| h.typ().map(|t| t.to_string()));
            format!(
                "header typ is {} but --typ requires {:?}",
                got.map_or_else(|| "absent".to_owned(), |t| format!("{t:?}")),
                policy.args.typ.as_deref().unwrap_or("")
            )
        }
        other => other.message().to_owned(),
    }
}

fn header_alg(token: &[u8], limits: &Limits) -> Option<String> {
    let mut buf = [0u8; 4096];
    UnverifiedHeader::dangerous_peek(token, limits, &mut buf)
        .ok()
        .map(|h| h.alg().to_string())
}

/// For claims errors: the signature has verified, so read the claims again without the policy
/// and say what the policy found.
fn claims_rule(error: Error, token: &[u8], key: &SetKey, policy: &Policy<'_>) -> Option<String> {
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let jws = key.verify_jws(token, &policy.limits(), &mut scratch).ok()?;
    let claims = jwt_core::check_claims_json(jws.payload(), &policy.limits()).ok()?;
    let now = policy.now();
    let leeway = policy.args.leeway;
    let l = span(leeway);
    Some(match error {
        Error::Expired => {
            let exp = claims.exp()?;
            format!(
                "token expired at {}, {} before now, leeway {l}",
                rfc3339(exp),
                span(now.saturating_sub(exp))
            )
        }
        Error::NotYetValid => {
            let nbf = claims.nbf()?;
            format!(
                "token is not valid before {}, {} after now, leeway {l}",
                rfc3339(nbf),
                span(nbf.saturating_sub(now))
            )
        }
        Error::IssuedInFuture => {
            let iat = claims.iat()?;
            format!(
                "token was issued at {}, {} after now, leeway {l}",
                rfc3339(iat),
                span(iat.saturating_sub(now))
            )
        }
        Error::TooOld => {
            let iat = claims.iat_rounded_down()?;
            format!(
                "token was issued at {}, {} ago, more than --max-age {} (leeway {l})",
                rfc3339(iat),
                span(now.saturating_sub(iat)),
                span(policy.args.max_age.unwrap_or(0))
            )
        }
        Error::MissingClaim => format!(
            "required claim missing: {}",
            policy
                .validation()
                .missing(&claims)
                .names()
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Error::InvalidIssuer => format!(
            "issuer {} is not one of: {}",
            quoted(claims.iss()),
            policy.args.issuers.join(", ")
        ),
        Error::InvalidAudience => match claims.aud() {
            Some(aud) => {
                let mut names = Vec::new();
                aud.for_each(|a| names.push(format!("{:?}", a.to_string())));
                format!(
                    "audience [{}] names none of: {}",
                    names.join(", "),
                    policy.args.audiences.join(", ")
                )
            }
            None => format!(
                "token has no aud but --aud expects one of: {}",
                policy.args.audiences.join(", ")
            ),
        },
        Error::UnexpectedAudience => {
            let mut names = Vec::new();
            if let Some(aud) = claims.aud() {
                aud.for_each(|a| names.push(format!("{:?}", a.to_string())));
            }
            format!(
                "token is meant for audience [{}] but no --aud was given",
                names.join(", ")
            )
        }
        Error::InvalidSubject => format!(
            "subject {} is not {:?}",
            quoted(claims.sub()),
            policy.args.subject.as_deref().unwrap_or("")
        ),
        other => other.message().to_owned(),
    })
}

fn quoted(s: Option<JsonStr<'_>>) -> String {
    s.map_or_else(|| "(absent)".to_owned(), |s| format!("{:?}", s.to_string()))
}
