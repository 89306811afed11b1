//! Proof that jwt-core needs neither `std` nor `alloc`: this crate is `no_std`, has no global
//! allocator, and is built by `.ci/run` for a bare-metal target (or, failing that, as a host
//! staticlib with its own panic handler, which fails to link if `std` sneaks in).
#![no_std]

use jwt_core::{Ed25519SigningKey, Es256SigningKey, Hs256Key, SignHeader, Time, Validation};
use serde::{Deserialize, Serialize};

#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

#[derive(Serialize, Deserialize)]
struct Claims<'a> {
    sub: &'a str,
    exp: u64,
}

/// Signs a token and verifies it again; returns 0 on success. Public, so the static library
/// keeps the whole sign and verify path.
#[must_use]
pub fn round_trip(now: u64) -> i32 {
    let Ok(key) = Hs256Key::new(b"a 32-byte secret for the check!!") else {
        return 1;
    };
    let mut out = [0u8; 256];
    let Ok(token) = jwt_core::sign(
        &key,
        &SignHeader::new(),
        &Claims {
            sub: "device",
            exp: now.saturating_add(60),
        },
        &mut out,
    ) else {
        return 2;
    };
    let mut scratch = [0u8; 256];
    let Ok(verified) = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(now),
        &mut scratch,
    ) else {
        return 3;
    };
    match verified.deserialize_claims::<Claims<'_>>() {
        Ok(claims) if claims.sub == "device" => 0,
        _ => 4,
    }
}

/// Signs with ES256 and EdDSA and verifies with their public keys; returns 0 on success.
#[must_use]
pub fn asymmetric_round_trip(now: u64) -> i32 {
    let (Ok(es), Ok(ed)) = (
        Es256SigningKey::from_bytes(&[7u8; 32]),
        Ed25519SigningKey::from_bytes(&[7u8; 32]),
    ) else {
        return 1;
    };
    let claims = Claims {
        sub: "device",
        exp: now.saturating_add(60),
    };
    let mut out = [0u8; 512];
    let mut scratch = [0u8; 512];
    let Ok(token) = jwt_core::sign(&es, &SignHeader::new(), &claims, &mut out) else {
        return 2;
    };
    if jwt_core::verify(
        token.as_bytes(),
        &es.verifying_key(),
        &Validation::new(),
        Time::At(now),
        &mut scratch,
    )
    .is_err()
    {
        return 3;
    }
    let mut out = [0u8; 512];
    let Ok(token) = jwt_core::sign(&ed, &SignHeader::new(), &claims, &mut out) else {
        return 4;
    };
    match jwt_core::verify(
        token.as_bytes(),
        &ed.verifying_key(),
        &Validation::new(),
        Time::At(now),
        &mut scratch,
    ) {
        Ok(_) => 0,
        Err(_) => 5,
    }
}
