//! The one place that orders the steps of verification.
//!
//! The order is the security argument: nothing from the payload is decoded, let alone parsed,
//! before the signature has verified over the exact bytes received, and the algorithm is the
//! key's, never the token's.

use serde::Deserialize;

use crate::alg::VerifyingKey;
use crate::b64;
use crate::claims::{self, RegisteredClaims};
use crate::error::Error;
use crate::header::{self, Header};
use crate::json::{self, Arena, JsonStr, JsonValue, Members};
use crate::limits::Limits;
use crate::limits::MAX_DEPTH;
use crate::policy::{Time, Validation};
use crate::untrusted::{Payload, Segments, UnverifiedHeader};

/// Verifies a compact JWT with `key`, validates it against `policy` at `time`, and returns a
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
/// let token = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJleHAiOjE3MDAwMDAwMDB9.HiMGAv148VBSOv2WnUYzVVOAp2TtPNgJtVO6h-vXLCw";
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
    let (jws, arena) = authenticate(token, key, policy.bounds(), scratch, Payload::Required)?;
    validate(jws, arena, policy, time)
}

/// [`verify`], and the claims deserialized into your own type `T` in the same walk of the
/// payload that checks it.
///
/// The token is verified exactly as [`verify`] verifies it, in the same order, with the same
/// errors for the same tokens; `T` is what [`Verified::deserialize_claims`] would return. What
/// differs is the cost: the strict reading of the claims set (grammar, depth, duplicates, the
/// registered claims' types) and the deserialization into `T` are one pass over the bytes
/// instead of two. Prefer it whenever you read the claims into a type of your own.
///
/// ```
/// use jwt_core::{Hs256Key, Time, Validation};
///
/// #[derive(serde::Deserialize)]
/// struct Claims<'a> {
///     sub: &'a str,
///     exp: u64,
/// }
///
/// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
/// let token = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJleHAiOjE3MDAwMDAwMDB9.HiMGAv148VBSOv2WnUYzVVOAp2TtPNgJtVO6h-vXLCw";
/// let mut scratch = [0u8; 256];
/// let (verified, claims) = jwt_core::verify_into::<Claims<'_>, _>(
///     token, &key, &Validation::new(), Time::At(1_600_000_000), &mut scratch,
/// )?;
/// assert_eq!((claims.sub, claims.exp), ("ada", 1_700_000_000));
/// assert_eq!(verified.claims().exp(), Some(1_700_000_000));
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// As [`verify`], then as [`Verified::deserialize_claims`].
// Inlined where the caller's `T` is known, so that `T` (a fixed-capacity array of claims, say,
// hundreds of bytes) is built where the caller keeps it instead of copied there twice.
#[inline]
pub fn verify_into<'buf, T: Deserialize<'buf>, K: VerifyingKey + ?Sized>(
    token: &[u8],
    key: &K,
    policy: &Validation<'_>,
    time: Time,
    scratch: &'buf mut [u8],
) -> Result<(Verified<'buf>, T), Error> {
    let (jws, space) = authenticate(token, key, policy.bounds(), scratch, Payload::Required)?;
    let arena = Arena::new(jws.payload, space);
    let mut claims = RegisteredClaims::default();
    let mut members = Members::NotReported;
    let read = json::read_object::<T, _>(
        jws.payload,
        &arena,
        policy.bounds().depth,
        &mut claims,
        &mut members,
    );
    // The success arm builds the result straight from `read`: `T` can be large (a
    // fixed-capacity array of claims, say), and a value taken out of `read` first is copied
    // once more on its way to the caller.
    match read {
        Ok(value) => {
            if members == Members::NotReported {
                // `T` read the claims set without visiting its members (as one ignored value,
                // say): the pre-scan reads the registered claims.
                claims = claims::parse(jws.payload, policy.bounds().depth)?;
            }
            policy.check(&jws.header, &claims, time)?;
            Ok((Verified { jws, claims, arena }, value))
        }
        // The text, a registered claim or `T` refused. The two-pass order names the reason:
        // the pre-scan's, then the policy's, and only then `T`'s.
        Err(shape) => {
            let claims = claims::parse(jws.payload, policy.bounds().depth)?;
            policy.check(&jws.header, &claims, time)?;
            Err(shape)
        }
    }
}

/// [`verify`] for a token whose header a key set has already read, as strictly, to choose
/// `key`: `header` and its `json` are at the front of the scratch buffer, `rest` is the rest.
/// Every step after the header's reading runs as in [`verify`], starting with `alg`.
pub(crate) fn verify_read<'buf, K: VerifyingKey + ?Sized>(
    token: &[u8],
    key: &K,
    policy: &Validation<'_>,
    time: Time,
    (header, json): (UnverifiedHeader<'buf>, &'buf [u8]),
    rest: &'buf mut [u8],
) -> Result<Verified<'buf>, Error> {
    let segments = Segments::split(token, policy.bounds(), Payload::Required)?;
    header::check_alg_text(header.alg(), K::ALG)?;
    let (jws, arena) = signature_then_payload(segments, key, header.members(), json, rest)?;
    validate(jws, arena, policy, time)
}

/// The claims' reading and the policy, after the signature.
fn validate<'buf>(
    jws: VerifiedJws<'buf>,
    arena: &'buf mut [u8],
    policy: &Validation<'_>,
    time: Time,
) -> Result<Verified<'buf>, Error> {
    let claims = claims::parse(jws.payload, policy.bounds().depth)?;
    policy.check(&jws.header, &claims, time)?;
    Ok(Verified {
        jws,
        claims,
        arena: Arena::new(jws.payload, arena),
    })
}

/// Verifies a compact JWS whose payload is not (necessarily) a JWT claims set, such as the
/// plain-text examples of RFC 7520, and returns its header and raw payload.
///
/// Everything [`verify`] checks up to and including the signature is checked; the payload is
/// decoded only after the signature has verified, and is not interpreted at all (it may be
/// empty, as RFC 7515 allows). Use [`verify`] for JWTs: this function checks no expiry.
///
/// # Errors
/// As [`verify`], without the claims and policy errors.
pub fn verify_jws<'buf, K: VerifyingKey + ?Sized>(
    token: &[u8],
    key: &K,
    limits: &Limits,
    scratch: &'buf mut [u8],
) -> Result<VerifiedJws<'buf>, Error> {
    authenticate(token, key, limits, scratch, Payload::MayBeEmpty).map(|(jws, _)| jws)
}

/// The steps up to and including the signature, then the payload's decoding; returns the
/// unused rest of `scratch`.
fn authenticate<'buf, K: VerifyingKey + ?Sized>(
    token: &[u8],
    key: &K,
    limits: &Limits,
    scratch: &'buf mut [u8],
    payload_rule: Payload,
) -> Result<(VerifiedJws<'buf>, &'buf mut [u8]), Error> {
    // An empty signature is refused after the header: an unsecured token then fails for its
    // `alg` ("none"), the reason that names it.
    let segments = Segments::split_maybe_unsecured(token, limits, payload_rule)?;

    let header_len = b64::decoded_len(segments.header.len()).ok_or(Error::InvalidBase64)?;
    let (header_buf, rest) = scratch
        .split_at_mut_checked(header_len)
        .ok_or(Error::BufferTooSmall)?;
    let (header, header_json) = header::read_for::<K>(segments.header, header_buf, limits.depth)?;
    segments.require_signature()?;
    signature_then_payload(segments, key, header, header_json, rest)
}

/// The signature over the received bytes, then the payload's decoding.
fn signature_then_payload<'buf, K: VerifyingKey + ?Sized>(
    segments: Segments<'_>,
    key: &K,
    header: Header<'buf>,
    header_json: &'buf [u8],
    rest: &'buf mut [u8],
) -> Result<(VerifiedJws<'buf>, &'buf mut [u8]), Error> {
    // The signature borrows the space the payload will take, and is gone before it arrives.
    let signature = b64::decode_public(segments.signature, rest)?;
    key.verify_signature(segments.signing_input, signature)?;

    let payload_len = b64::decoded_len(segments.payload.len()).ok_or(Error::InvalidBase64)?;
    let (payload_buf, rest) = rest
        .split_at_mut_checked(payload_len)
        .ok_or(Error::BufferTooSmall)?;
    let payload: &'buf [u8] = b64::decode_public(segments.payload, payload_buf)?;
    let jws = VerifiedJws {
        alg: K::ALG,
        header,
        header_json,
        payload,
    };
    Ok((jws, rest))
}

/// A JWS whose signature has verified. Only [`verify_jws`] (and [`verify`], inside a
/// [`Verified`]) create one.
#[derive(Clone, Copy, Debug)]
pub struct VerifiedJws<'buf> {
    alg: &'static str,
    header: Header<'buf>,
    header_json: &'buf [u8],
    payload: &'buf [u8],
}

impl<'buf> VerifiedJws<'buf> {
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

    /// The verified header as JSON text, exactly as the token carried it.
    #[must_use]
    pub const fn header_json(&self) -> &'buf [u8] {
        self.header_json
    }

    /// The verified payload bytes.
    #[must_use]
    pub const fn payload(&self) -> &'buf [u8] {
        self.payload
    }
}

/// A JWT whose signature has verified and whose claims have passed the policy.
///
/// Only [`verify`] creates one. Everything in it borrows the scratch buffer given to
/// [`verify`].
pub struct Verified<'buf> {
    jws: VerifiedJws<'buf>,
    claims: RegisteredClaims<'buf>,
    arena: Arena<'buf>,
}

impl<'buf> Verified<'buf> {
    /// The algorithm that verified the token: the key's.
    #[must_use]
    pub const fn algorithm(&self) -> &'static str {
        self.jws.alg
    }

    /// The header's `typ`, `cty` and `kid`.
    #[must_use]
    pub const fn header(&self) -> &Header<'buf> {
        &self.jws.header
    }

    /// The registered claims, type-checked and validated.
    #[must_use]
    pub const fn claims(&self) -> &RegisteredClaims<'buf> {
        &self.claims
    }

    /// The verified header as JSON text, exactly as the token carried it.
    #[must_use]
    pub const fn header_json(&self) -> &'buf [u8] {
        self.jws.header_json
    }

    /// The verified claims set as JSON text, exactly as the token carried it.
    #[must_use]
    pub const fn payload_json(&self) -> &'buf [u8] {
        self.jws.payload
    }

    /// Deserializes the claims into your own type.
    ///
    /// Borrowed `&str` fields receive the *unescaped* text: a string written with JSON escapes
    /// is unescaped into the unused part of the scratch buffer (which is why
    /// [`scratch_len`](crate::scratch_len) leaves room for it). Owned `heapless::String<N>`
    /// fields work too, and `serde_json_core::str::EscapedStr` receives the raw escaped text.
    /// Call it as often as you like, into as many types as you like: every call reads the same
    /// unescaped text, so none of them uses up space.
    ///
    /// # Errors
    /// [`Error::ClaimsMismatch`] when the claims do not have the shape of `T`;
    /// [`Error::BufferTooSmall`] when the scratch buffer is shorter than
    /// [`scratch_len`](crate::scratch_len) and has no room to unescape a borrowed string.
    pub fn deserialize_claims<T: Deserialize<'buf>>(&self) -> Result<T, Error> {
        // The pre-scan bounded the depth by the policy, which is at most `MAX_DEPTH`.
        json::from_slice(self.jws.payload, &self.arena, MAX_DEPTH)
    }

    /// The claim `name` (any claim, registered or not, compared by unescaped meaning), or
    /// `None` when the claims set has no such member. For callers without serde: C, scripts,
    /// a claim whose name is known only at run time.
    ///
    /// ```
    /// use jwt_core::{Hs256Key, SignHeader, Time, Validation};
    ///
    /// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
    /// let mut out = [0u8; 256];
    /// let token = jwt_core::sign_json(&key, &SignHeader::new(), br#"{"exp":2000000000,"role":"ad\u006din"}"#, &mut out)?;
    /// let mut scratch = [0u8; 256];
    /// let verified = jwt_core::verify(token.as_bytes(), &key, &Validation::new(), Time::At(1_700_000_000), &mut scratch)?;
    /// let role = verified.claim("role").and_then(|v| v.as_str()).ok_or(jwt_core::Error::MissingClaim)?;
    /// assert_eq!(verified.unescaped(role)?, "admin");
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[must_use]
    pub fn claim(&self, name: &str) -> Option<JsonValue<'buf>> {
        json::member(self.jws.payload, name)
    }

    /// The unescaped text of a string of the claims set (from [`Verified::claim`] or
    /// [`Verified::claims`]), borrowed from the scratch buffer: its own bytes when it has no
    /// escapes, otherwise its unescaped text in the unused part of the buffer, where every
    /// escaped string of the claims has a place of its own, so all of them stay readable at once.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when the scratch buffer was shorter than
    /// [`scratch_len`](crate::scratch_len) and has no room for this string, or when `text` is
    /// not a string of these claims.
    pub fn unescaped(&self, text: JsonStr<'buf>) -> Result<&'buf str, Error> {
        match text.as_str() {
            Some(plain) => Ok(plain),
            None => self.arena.unescape(text.raw()).ok_or(Error::BufferTooSmall),
        }
    }
}

impl core::fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Verified")
            .field("alg", &self.jws.alg)
            .field("header", &self.jws.header)
            .field("claims", &self.claims)
            .finish_non_exhaustive()
    }
}
