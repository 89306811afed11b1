//! HS256 verify + validate: a valid token, and each way a token must be refused, with its
//! exact error.
#![no_std]
#![no_main]

use jwt_core::{Error, Hs256Key, Required, Time, Validation};
use jwt_firmware::tokens::{self, AUDIENCE, ISSUER, NOW};
use jwt_firmware::{Checks, measure};

const POLICY: Validation<'static> = Validation::new()
    .issuers(&[ISSUER])
    .audiences(&[AUDIENCE])
    .require(Required::EXP.and(Required::NBF));

/// Verifies into a scratch buffer on the stack (counted in the stack figure).
fn verify(key: &Hs256Key, token: &[u8]) -> Result<(), Error> {
    let mut scratch = [0u8; 256];
    jwt_core::verify(token, key, &POLICY, Time::At(NOW), &mut scratch).map(|_| ())
}

#[cortex_m_rt::entry]
fn main() -> ! {
    let mut checks = Checks::new("hs256-verify");
    let key = Hs256Key::new(tokens::HS256_SECRET);
    checks.expect("key", key.as_ref().map(|_| ()).map_err(|e| *e), Ok(()));
    let Ok(key) = key else {
        jwt_firmware::out::exit(false)
    };
    let (valid, m) = measure::run(|| verify(&key, &tokens::HS256_VALID));
    checks.expect("valid token", valid, Ok(()));
    for (what, token, want) in [
        (
            "tampered payload",
            &tokens::HS256_TAMPERED_PAYLOAD[..],
            Error::InvalidSignature,
        ),
        (
            "flipped signature character",
            &tokens::HS256_FLIPPED_SIGNATURE[..],
            Error::InvalidSignature,
        ),
        ("expired", &tokens::HS256_EXPIRED[..], Error::Expired),
        (
            "wrong audience",
            &tokens::HS256_WRONG_AUDIENCE[..],
            Error::InvalidAudience,
        ),
        ("alg none", &tokens::ALG_NONE[..], Error::AlgorithmNone),
        (
            "duplicate header member",
            &tokens::DUPLICATE_HEADER[..],
            Error::DuplicateMember,
        ),
    ] {
        checks.expect(what, verify(&key, token), Err(want));
    }
    checks.finish(&m)
}
