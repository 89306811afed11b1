//! Owned one-liners for `std` programs, in the spirit of PyJWT's `encode`/`decode`: they size
//! their own buffers and return owned values. The core API they wrap stays allocation-free;
//! this module exists only with the `std` feature.
//!
//! A function that returns *borrowed* claims cannot size its own scratch buffer (the claims
//! would borrow a buffer the function drops), so it takes the buffer as a parameter:
//!
//! ```
//! use jwt_core::{Error, Hs256Key, Time, Validation};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Claims<'a> {
//!     sub: &'a str,
//! }
//!
//! /// The subject of a valid token, borrowed from `scratch`.
//! fn subject<'s>(token: &str, key: &Hs256Key, scratch: &'s mut Vec<u8>) -> Result<&'s str, Error> {
//!     scratch.resize(jwt_core::scratch_len(token.as_bytes()), 0);
//!     let verified = jwt_core::verify(token.as_bytes(), key, &Validation::new(), Time::At(1), scratch)?;
//!     Ok(verified.deserialize_claims::<Claims<'s>>()?.sub)
//! }
//!
//! let key = Hs256Key::new(b"0123456789abcdef0123456789abcdef")?;
//! let token = jwt_core::sign_to_string(&key, &jwt_core::SignHeader::new(), &serde_json::json!({"sub": "ada", "exp": 9}))?;
//! let mut scratch = Vec::new();
//! assert_eq!(subject(&token, &key, &mut scratch)?, "ada");
//! # Ok::<(), Error>(())
//! ```

extern crate std;

use std::string::String;
use std::vec;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::alg::{SigningKey, VerifyingKey};
use crate::error::Error;
use crate::json::JsonStr;
use crate::policy::{Time, Validation};
use crate::sign::{SignHeader, sign, signed_len};
use crate::untrusted::scratch_len;
use crate::verify::verify;

/// The verified header of [`verify_owned`], owned.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OwnedHeader {
    /// The algorithm that verified the token: the key's.
    pub alg: &'static str,
    /// `typ`, unescaped.
    pub typ: Option<String>,
    /// `cty`, unescaped.
    pub cty: Option<String>,
    /// `kid`, unescaped.
    pub kid: Option<String>,
}

/// Verifies `token` with `key` under `policy` at `time`, as [`verify`] does, and returns the
/// header and the claims as owned values. Sizes its own scratch buffer.
///
/// ```
/// use jwt_core::{Hs256Key, SignHeader, Time, Validation};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Claims {
///     sub: String,
///     exp: u64,
/// }
///
/// let key = Hs256Key::new(b"0123456789abcdef0123456789abcdef")?;
/// let claims = Claims { sub: "ada".into(), exp: u64::MAX / 2 };
/// let token = jwt_core::sign_to_string(&key, &SignHeader::new(), &claims)?;
/// let (header, back) = jwt_core::verify_owned::<Claims, _>(&token, &key, &Validation::new(), Time::now())?;
/// assert_eq!((header.alg, back), ("HS256", claims));
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// Every error of [`verify`], and [`Error::ClaimsMismatch`] when the claims do not have the
/// shape of `T`.
pub fn verify_owned<T: DeserializeOwned, K: VerifyingKey + ?Sized>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    time: Time,
) -> Result<(OwnedHeader, T), Error> {
    let mut scratch = vec![0u8; scratch_len(token.as_bytes())];
    let verified = verify(token.as_bytes(), key, policy, time, &mut scratch)?;
    let header = verified.header();
    let owned = |s: Option<JsonStr<'_>>| s.map(|s| s.chars().collect::<String>());
    let header = OwnedHeader {
        alg: verified.algorithm(),
        typ: owned(header.typ()),
        cty: owned(header.cty()),
        kid: owned(header.kid()),
    };
    Ok((header, verified.deserialize_claims::<T>()?))
}

/// Signs `claims` as [`sign`] does, into a `String` of exactly the right length.
///
/// # Errors
/// Every error of [`sign`].
pub fn sign_to_string<K: SigningKey + ?Sized, T: Serialize + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims: &T,
) -> Result<String, Error> {
    let mut out = vec![0u8; signed_len(key, header, claims)?];
    let len = sign(key, header, claims, &mut out)?.len();
    out.truncate(len);
    String::from_utf8(out).map_err(|_| Error::Unserializable)
}
