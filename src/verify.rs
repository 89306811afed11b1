//! The one place that orders the steps of verification.
//!
//! The order is the security argument: nothing from the payload is decoded, let alone parsed,
//! before the signature has verified over the exact bytes received, and the algorithm is the
//! key's, never the token's.

use serde::Deserialize;

use crate::claims::{self, RegisteredClaims};
use crate::header::{self, Header};
use crate::json::{self, Arena};
use crate::untrusted::Segments;
use crate::{Error, Time, Validation, VerifyingKey, b64};

/// Verifies a compact JWS/JWT with `key`, validates it against `policy` at `time`, and returns a
/// [`Verified`] token whose header and claims borrow `scratch`.
///
/// Steps, in this order: size limits and exactly three non-empty segments; strict base64url
/// decoding of the header; a bounded pre-scan of the header JSON (depth, duplicates, escapes);
/// `alg` must be present and equal the key's algorithm (`none` is always refused); `crit` is
/// refused; the signature is decoded and checked over the received `header.payload` bytes;
/// only then is the payload decoded, pre-scanned and its registered claims type-checked; last,
/// the policy.
///
/// ```
/// use jwt_core::{Hs256Key, Time, Validation};
///
/// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
/// let token = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJleHAiOjE3MDAwMDAwMDB9.gYBNIjRZ7Nat2tTFrsuu-pgCpWNzVCb2w8ndyXJAUTA";
/// let mut scratch = [0u8; 256];
/// let verified = jwt_core::verify(token, &key, &Validation::new(), Time::At(1_600_000_000), &mut scratch)?;
/// assert!(verified.claims().sub().is_some_and(|sub| sub == "ada"));
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// The first rule the token breaks, as a distinct [`Error`]. [`Error::BufferTooSmall`] when
/// `scratch` is shorter than the decoded header and payload need (see
/// [`scratch_len`](crate::scratch_len)).
pub fn verify<'buf, K: VerifyingKey + ?Sized>(
    token: &[u8],
    key: &K,
    policy: &Validation<'_>,
    time: Time,
    scratch: &'buf mut [u8],
) -> Result<Verified<'buf>, Error> {
    let (max_token, max_header, max_depth) = policy.limits();
    let segments = Segments::split(token, max_token, max_header)?;

    let header_len = b64::decoded_len(segments.header.len()).ok_or(Error::InvalidBase64)?;
    let (header_buf, rest) = scratch
        .split_at_mut_checked(header_len)
        .ok_or(Error::BufferTooSmall)?;
    let header_json: &'buf [u8] = b64::decode(segments.header, header_buf)?;
    let parsed = header::parse(header_json, max_depth)?;
    header::check_alg(parsed.alg, K::ALG)?;

    // The signature borrows the space the payload will take, and is gone before it arrives.
    let signature = b64::decode(segments.signature, rest)?;
    key.verify_signature(segments.signing_input, signature)?;

    let payload_len = b64::decoded_len(segments.payload.len()).ok_or(Error::InvalidBase64)?;
    let (payload_buf, arena) = rest
        .split_at_mut_checked(payload_len)
        .ok_or(Error::BufferTooSmall)?;
    let payload: &'buf [u8] = b64::decode(segments.payload, payload_buf)?;
    let claims = claims::parse(payload, max_depth)?;
    policy.check(&parsed.header, &claims, time)?;

    Ok(Verified {
        alg: K::ALG,
        header: parsed.header,
        claims,
        payload,
        arena: Arena::new(arena),
    })
}

/// A token whose signature has verified and whose claims have passed the policy.
///
/// Only [`verify`] creates one. Everything in it borrows the scratch buffer given to
/// [`verify`].
pub struct Verified<'buf> {
    alg: &'static str,
    header: Header<'buf>,
    claims: RegisteredClaims<'buf>,
    payload: &'buf [u8],
    arena: Arena<'buf>,
}

impl<'buf> Verified<'buf> {
    /// The algorithm that verified the token: the key's.
    #[must_use]
    pub const fn algorithm(&self) -> &'static str {
        self.alg
    }

    /// The header's `typ`, `cty` and `kid`.
    #[must_use]
    pub const fn header(&self) -> &Header<'buf> {
        &self.header
    }

    /// The registered claims, type-checked and validated.
    #[must_use]
    pub const fn claims(&self) -> &RegisteredClaims<'buf> {
        &self.claims
    }

    /// The verified claims set, as JSON text exactly as the token carried it.
    #[must_use]
    pub const fn payload_json(&self) -> &'buf [u8] {
        self.payload
    }

    /// Deserializes the claims into your own type.
    ///
    /// Borrowed `&str` fields receive the *unescaped* text: a string written with JSON escapes
    /// is unescaped into the unused part of the scratch buffer (which is why
    /// [`scratch_len`](crate::scratch_len) leaves room for it). Owned `heapless::String<N>`
    /// fields work too, and `serde_json_core::str::EscapedStr` receives the raw escaped text.
    ///
    /// # Errors
    /// [`Error::ClaimsMismatch`] when the claims do not have the shape of `T`;
    /// [`Error::BufferTooSmall`] when the scratch buffer has no room left to unescape a
    /// borrowed string.
    pub fn deserialize_claims<T: Deserialize<'buf>>(&self) -> Result<T, Error> {
        json::from_slice(self.payload, &self.arena)
    }
}

impl core::fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Verified")
            .field("alg", &self.alg)
            .field("header", &self.header)
            .field("claims", &self.claims)
            .finish_non_exhaustive()
    }
}
