//! A device authenticating to a cloud MQTT broker with a short-lived ES256 token, as brokers
//! that take a JWT in the MQTT password field expect.
//!
//! The private key would live in a secure element; here a software key stands in for it behind
//! the same `SigningKey` trait, wrapped in an `OpaqueSigner` that checks every signature with the
//! public key before the token leaves the device. The token buffer is sized at compile time.
//!
//! Run it with `cargo run --example device_auth`.

// The no-panic lints guard the library; a demo may unwrap to stay short.
#![allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]

use std::time::{SystemTime, UNIX_EPOCH};

use jwt_core::{Es256SigningKey, OpaqueSigner, SignHeader, SigningKey, Time, Validation};
use serde::Serialize;

const ISSUER: &str = "device-fleet-7";
const AUDIENCE: &str = "mqtt.broker.example";
/// Tokens live five minutes: long enough to connect, short enough to be worthless if copied.
const LIFETIME: u64 = 300;

/// What the device claims. Every field has a bounded size, so the token's size has a bound.
#[derive(Serialize)]
struct DeviceClaims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
    jti: &'a str,
}

/// `{"iss":"…","sub":"…","aud":"…","iat":N,"exp":N,"jti":"…"}` with a 16-character device id,
/// 20-digit times and a 32-character jti, at most.
const CLAIMS_MAX: usize = 2 + 6 * 8 + ISSUER.len() + 16 + AUDIENCE.len() + 20 + 20 + 32;
/// `{"alg":"ES256","typ":"JWT","kid":"<43-character thumbprint>"}`.
const HEADER_MAX: usize = 38 + 9 + 43;
/// The whole token, at most: computed by the compiler, not at run time.
const TOKEN_MAX: usize = jwt_core::token_len(HEADER_MAX, CLAIMS_MAX, 64);

/// What the broker accepts.
const BROKER: Validation<'static> = Validation::new()
    .leeway(30)
    .issuers(&[ISSUER])
    .audiences(&[AUDIENCE])
    .require(
        jwt_core::Required::EXP
            .and(jwt_core::Required::IAT)
            .and(jwt_core::Required::JTI),
    )
    .max_age(LIFETIME);

fn main() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let device_id = "sensor-00a1b2c3";

    // Provisioning gave the device a P-256 key; the cloud registered its public key under
    // its RFC 7638 thumbprint.
    let secure_element =
        Es256SigningKey::from_pem(include_str!("../tests/vectors/keys/p256-pkcs8.pem")).unwrap();
    let public = secure_element.verifying_key();
    let mut kid = [0u8; 43];
    let kid = jwt_core::thumbprint_base64url(&public.thumbprint(), &mut kid);
    let signer = OpaqueSigner::new(secure_element, public).unwrap();

    // A fresh jti per connection: 16 random bytes as hex (here from the clock, for the demo).
    let jti = format!("{:032x}", u128::from(now) * 0x9E37_79B9_7F4A_7C15);
    let claims = DeviceClaims {
        iss: ISSUER,
        sub: device_id,
        aud: AUDIENCE,
        iat: now,
        exp: now + LIFETIME,
        jti: &jti,
    };

    let mut password = [0u8; TOKEN_MAX];
    let token =
        jwt_core::sign(&signer, &SignHeader::new().kid(kid), &claims, &mut password).unwrap();
    println!("MQTT username: {device_id}");
    println!("MQTT password: {token}");
    println!(
        "({} of {TOKEN_MAX} bytes, signed with {})",
        token.len(),
        <OpaqueSigner<Es256SigningKey, jwt_core::Es256VerifyingKey> as SigningKey>::ALG
    );

    // What the broker does with it.
    let mut scratch = [0u8; jwt_core::scratch_len_for(TOKEN_MAX)];
    let verified = jwt_core::verify(
        token.as_bytes(),
        &public,
        &BROKER,
        Time::At(now + 1),
        &mut scratch,
    )
    .unwrap();
    println!(
        "broker accepted {} (kid {})",
        verified.claims().sub().unwrap(),
        verified.header().kid().unwrap()
    );
}
