//! The bodies of the asymmetric and signing images, generic over the key type so that each
//! image links only its own algorithm.

use jwt_core::{Error, Required, SignHeader, SigningKey, Time, Validation, VerifyingKey};
use serde::Serialize;

use crate::tokens::{AUDIENCE, ISSUER, NOW};
use crate::{Checks, measure, out};

/// The policy every verify image applies.
pub const POLICY: Validation<'static> = Validation::new()
    .issuers(&[ISSUER])
    .audiences(&[AUDIENCE])
    .require(Required::EXP.and(Required::NBF));

/// The claims every token carries, as a device would hold them.
#[derive(Serialize, Debug)]
pub struct Claims<'a> {
    /// Issuer.
    pub iss: &'a str,
    /// Subject.
    pub sub: &'a str,
    /// Audience.
    pub aud: &'a str,
    /// Expiry.
    pub exp: u64,
    /// Not before.
    pub nbf: u64,
    /// Issued at.
    pub iat: u64,
}

/// The claims of [`crate::tokens`]' valid tokens.
pub const CLAIMS: Claims<'static> = Claims {
    iss: ISSUER,
    sub: "sensor-7",
    aud: AUDIENCE,
    exp: 1_900_000_000,
    nbf: 1_700_000_000,
    iat: 1_700_000_000,
};

/// Verifies and validates `token` into a scratch buffer on the stack (counted in the stack
/// figure).
pub fn verify<K: VerifyingKey>(key: &K, token: &[u8]) -> Result<(), Error> {
    let mut scratch = [0u8; 256];
    jwt_core::verify(token, key, &POLICY, Time::At(NOW), &mut scratch).map(|_| ())
}

/// An asymmetric verify image: `valid` verifies, `tampered` fails its signature, and an HS256
/// token is refused for its algorithm.
pub fn verify_image<K: VerifyingKey>(
    image: &'static str,
    key: Result<K, Error>,
    valid: &[u8],
    tampered: &[u8],
) -> ! {
    let mut checks = Checks::new(image);
    let Ok(key) = key else { out::exit(false) };
    let (result, m) = measure::run(|| verify(&key, valid));
    checks.expect("valid token", result, Ok(()));
    checks.expect(
        "tampered payload",
        verify(&key, tampered),
        Err(Error::InvalidSignature),
    );
    checks.expect(
        "HS256 token",
        verify(&key, &crate::tokens::HS256_VALID),
        Err(Error::AlgorithmMismatch),
    );
    checks.finish(&m)
}

/// A sign image: `sign` writes a token into a 320-byte buffer on the stack, which must be exactly
/// `expected`. (Buffers too small are refused: the host tests check every length.)
pub fn sign_image<K: SigningKey>(
    image: &'static str,
    key: Result<K, Error>,
    sign: fn(&K, &mut [u8]) -> Result<usize, Error>,
    expected: &[u8],
) -> ! {
    let mut checks = Checks::new(image);
    let Ok(key) = key else { out::exit(false) };
    let (result, m) = measure::run(|| {
        let mut out = [0u8; 320];
        let len = sign(&key, &mut out)?;
        match out.get(..len) {
            Some(token) if token == expected => Ok(()),
            _ => Err(Error::SignerFault),
        }
    });
    checks.expect("signs the expected token", result, Ok(()));
    checks.finish(&m)
}

/// Signs [`CLAIMS`] with [`jwt_core::sign`], which scans its own output before signing.
///
/// # Errors
/// Whatever signing returns.
pub fn sign_checked<K: SigningKey>(key: &K, out: &mut [u8]) -> Result<usize, Error> {
    jwt_core::sign(key, &SignHeader::new(), &CLAIMS, out).map(str::len)
}

/// Signs [`CLAIMS`] with [`jwt_core::sign_unchecked`].
///
/// # Errors
/// Whatever signing returns.
pub fn sign_unchecked<K: SigningKey>(key: &K, out: &mut [u8]) -> Result<usize, Error> {
    jwt_core::sign_unchecked(key, &SignHeader::new(), &CLAIMS, out).map(str::len)
}
