//! Differential target: the same signed header and payload through jwt-core and jsonwebtoken 12
//! with an equivalent policy. Every disagreement must be one of jwt-core's documented
//! strictness rules (`STRICTER`); anything else is a bug in one of the two.
#![no_main]

#[path = "../targets.rs"]
mod targets;

use jwt_core::Error;

/// Refusals where jwt-core is stricter than jsonwebtoken by design (README, "What strict means").
const STRICTER: &[Error] = &[
    Error::DuplicateMember, // jsonwebtoken's serde_json keeps the last duplicate
    Error::NestingTooDeep,  // serde_json allows 128 levels
    Error::TooManyMembers,  // no member bound there
    Error::UnsupportedCritical, // jsonwebtoken ignores crit
    Error::InvalidHeader,   // crit, typ/cty/kid of the wrong type
    Error::InvalidNumericDate, // fractional/negative/huge dates, dates that are not numbers
    Error::InvalidClaim,    // iss/sub/jti not strings, aud empty or with non-strings
    Error::UnexpectedAudience, // a token with aud when none is expected
    Error::HeaderTooLarge,  // size limits
    Error::TokenTooLarge,
    Error::InvalidJson, // lone surrogates and other texts serde_json may accept
    Error::AlgorithmMismatch, // escaped or odd alg spellings read by meaning
    Error::AlgorithmNone,
    Error::EmptySegment,
    Error::NotAnObject,
];

/// Refusals where jsonwebtoken is stricter, each for a documented reason of ours.
fn theirs_stricter(e: &jsonwebtoken::errors::Error, header: &[u8]) -> bool {
    // jsonwebtoken 12 refuses a `b64` member that is not `true`, critical or not. jwt-core does
    // not implement RFC 7797: it refuses `b64` when `crit` names it (unsupported-critical), and
    // otherwise ignores it as it ignores every header member it does not use (RFC 7515 §4;
    // RFC 7797 §6 makes `b64` meaningful only when critical), so the payload is still read as
    // base64url and nothing is read two ways.
    if matches!(e.kind(), jsonwebtoken::errors::ErrorKind::InvalidToken)
        && serde_json::from_slice::<serde_json::Value>(header)
            .ok()
            .and_then(|h| h.get("b64").cloned())
            .is_some_and(|b64| b64 != serde_json::Value::Bool(true))
    {
        return true;
    }
    // jsonwebtoken types the registered header members it models (`x5c` a list of strings,
    // `jwk` a key, ...); jwt-core never reads `jku`, `jwk`, `x5u`, `x5c`, `x5t` (RFC 7515 §4:
    // it uses none of them), so it does not type-check them. Well-formed JSON of the wrong
    // shape can only come from that header: the claims are read into a `serde_json::Value`.
    if let jsonwebtoken::errors::ErrorKind::Json(json) = e.kind()
        && json.classify() == serde_json::error::Category::Data
    {
        return true;
    }
    let text = e.to_string();
    // jwt-core does not interpret private claims: a number beyond an f64's range is valid JSON
    // (RFC 8259 §6 lets implementations limit precision, not validity), which serde_json's
    // `Value` cannot hold.
    text.contains("number out of range")
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((token, ours)) = targets::differential_ours(data) else {
        return;
    };

    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let theirs = jsonwebtoken::decode::<serde_json::Value>(
        &token,
        &jsonwebtoken::DecodingKey::from_secret(targets::SECRET).expect("a 32-byte secret"),
        &validation,
    );

    match (&ours, &theirs) {
        (Ok(()), Ok(_)) | (Err(_), Err(_)) => {}
        (Err(e), Ok(_)) => assert!(
            STRICTER.contains(e),
            "jwt-core refuses with {e:?} what jsonwebtoken accepts: {token}"
        ),
        (Ok(()), Err(e)) => assert!(
            theirs_stricter(e, data.split(|&b| b == 0xFF).next().unwrap_or(&[])),
            "jsonwebtoken refuses ({e:?}) what jwt-core accepts: {token}"
        ),
    }
});
