//! The classic JWT demo, on fixed buffers: mint a token, verify it and read its claims, then
//! watch an expired token and a tampered one fail, each for its own reason.
//!
//! Run it with `cargo run --example quickstart`.

// The no-panic lints guard the library; a demo may index and unwrap to stay short.
#![allow(
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing
)]

use std::time::{SystemTime, UNIX_EPOCH};

use jwt_core::{Error, Hs256Key, NumericDate, SignHeader, Time, Validation};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug)]
struct Claims<'a> {
    user_id: u64,
    username: &'a str,
    roles: [&'a str; 2],
    // Not `u64`: an issuer may write a date as `1.7e9` or `1700000000.5`, which the verifier
    // accepts and a `u64` field would then fail to read (`claims-mismatch`).
    iat: NumericDate,
    exp: NumericDate,
}

/// The policy is a constant: nothing in it depends on the call.
const POLICY: Validation<'static> = Validation::new().leeway(5);

fn main() -> Result<(), Error> {
    // Examples may read the clock; the library never does: time is an argument.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // In real use the secret comes from a secret store; it must be at least 32 bytes for HS256.
    let key = Hs256Key::new(b"quickstart demo secret, 32 bytes")?;

    // 1. Mint a token valid for one hour, into a fixed buffer.
    let claims = Claims {
        user_id: 42,
        username: "zoë \"the admin\"",
        roles: ["admin", "ops"],
        iat: now.into(),
        exp: (now + 3600).into(),
    };
    let mut out = [0u8; 512];
    let token = jwt_core::sign(&key, &SignHeader::new(), &claims, &mut out)?;
    println!("token:    {token}");

    // 2. Verify it and read the claims back, borrowed from a fixed scratch buffer.
    let mut scratch = [0u8; 512];
    let verified = jwt_core::verify(token.as_bytes(), &key, &POLICY, Time::At(now), &mut scratch)?;
    let back: Claims<'_> = verified.deserialize_claims()?;
    println!("verified: {back:?}");
    println!(
        "          alg {}, expires at {:?}",
        verified.algorithm(),
        verified.claims().exp()
    );

    // 3. A token that expired an hour ago fails with the distinct expired error.
    let stale = Claims {
        iat: (now - 7200).into(),
        exp: (now - 3600).into(),
        ..back
    };
    let mut out2 = [0u8; 512];
    let expired = jwt_core::sign(&key, &SignHeader::new(), &stale, &mut out2)?;
    let mut scratch = [0u8; 512];
    let err = jwt_core::verify(
        expired.as_bytes(),
        &key,
        &POLICY,
        Time::At(now),
        &mut scratch,
    )
    .unwrap_err();
    println!("expired:  {} ({err})", err.code());
    assert_eq!(err, Error::Expired);

    // 4. Changing one character of the payload breaks the signature.
    let mut tampered = token.as_bytes().to_vec();
    let at = token.find('.').map_or(0, |dot| dot + 5);
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let mut scratch = [0u8; 512];
    let err = jwt_core::verify(&tampered, &key, &POLICY, Time::At(now), &mut scratch).unwrap_err();
    println!("tampered: {} ({err})", err.code());
    assert_eq!(err, Error::InvalidSignature);
    Ok(())
}
