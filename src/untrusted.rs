//! The compact serialization before anything is trusted: splitting, size limits, and a look at
//! the header for choosing a key.

use crate::b64;
use crate::error::Error;
use crate::header::{self, Header};
use crate::json::JsonStr;
use crate::json::Kind;
use crate::limits::Limits;

/// The three segments of a compact JWS, as received.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Segments<'t> {
    pub header: &'t [u8],
    pub payload: &'t [u8],
    pub signature: &'t [u8],
    /// `header.payload`, the exact bytes the signature covers.
    pub signing_input: &'t [u8],
}

/// Whether a token's payload segment may be empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Payload {
    /// A JWT: the claims set is never empty.
    Required,
    /// A general JWS (RFC 7515), whose payload may be empty.
    MayBeEmpty,
}

impl<'t> Segments<'t> {
    /// Splits a token into exactly three non-empty segments, after checking its length against
    /// the limits. One pass, stopping at the third `.`: no input costs more than its length.
    /// A JWT always has a claims set, so its payload segment is never empty; a general JWS
    /// (RFC 7515) may sign an empty payload, which [`Payload::MayBeEmpty`] allows.
    pub(crate) fn split(
        token: &'t [u8],
        limits: &Limits,
        payload_rule: Payload,
    ) -> Result<Self, Error> {
        let segments = Self::split_maybe_unsecured(token, limits, payload_rule)?;
        segments.require_signature()?;
        Ok(segments)
    }

    /// [`Self::split`], but an empty signature is left for [`Self::require_signature`] to
    /// refuse after the header has been read: an unsecured JWS (`alg` "none" and no signature,
    /// RFC 7515 Appendix A.5, RFC 7519 §6) is then refused for its `alg`, what it is, as
    /// [`Error::AlgorithmNone`], by the header reading every token goes through.
    pub(crate) fn split_maybe_unsecured(
        token: &'t [u8],
        limits: &Limits,
        payload_rule: Payload,
    ) -> Result<Self, Error> {
        if token.len() > limits.token_len {
            return Err(Error::TokenTooLarge);
        }
        let (first, second) = Self::dots(token)?;
        let header = token.get(..first).ok_or(Error::MalformedToken)?;
        let payload = token
            .get(first.saturating_add(1)..second)
            .ok_or(Error::MalformedToken)?;
        let signature = token
            .get(second.saturating_add(1)..)
            .ok_or(Error::MalformedToken)?;
        let signing_input = token.get(..second).ok_or(Error::MalformedToken)?;
        if header.len() > limits.header_len {
            return Err(Error::HeaderTooLarge);
        }
        if header.is_empty() || (payload.is_empty() && payload_rule == Payload::Required) {
            return Err(Error::EmptySegment);
        }
        for segment in [header, payload, signature] {
            b64::check_shape(segment)?;
        }
        Ok(Self {
            header,
            payload,
            signature,
            signing_input,
        })
    }

    /// Refuses an empty signature segment (RFC 7515 §7.1): what is left of an unsecured JWS
    /// once its header has been read.
    pub(crate) const fn require_signature(&self) -> Result<(), Error> {
        if self.signature.is_empty() {
            Err(Error::EmptySegment)
        } else {
            Ok(())
        }
    }

    /// Positions of the two dots; an error for fewer or more.
    fn dots(token: &[u8]) -> Result<(usize, usize), Error> {
        let mut dots = crate::bytes::positions(token, b'.');
        let (Some(first), Some(second), None) = (dots.next(), dots.next(), dots.next()) else {
            return Err(Error::MalformedToken);
        };
        Ok((first, second))
    }
}

/// The scratch space [`verify`](crate::verify) needs for `token`, in bytes: the decoded header,
/// then the larger of the decoded signature and twice the decoded payload (room to unescape
/// every string of the claims). Malformed tokens need none: they fail before using it.
///
/// Without unescaping (claims types with no borrowed strings, or no escapes in the token) the
/// decoded header plus the larger of decoded payload and signature is enough.
///
/// ```
/// let token = b"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";
/// assert!(jwt_core::scratch_len(token) >= 20 + 2);
/// ```
#[must_use]
pub fn scratch_len(token: &[u8]) -> usize {
    let Ok((first, second)) = Segments::dots(token) else {
        return 0;
    };
    let dec = |n: usize| b64::decoded_len(n).unwrap_or(0);
    let header = dec(first);
    let payload = dec(second.saturating_sub(first).saturating_sub(1));
    let signature = dec(token.len().saturating_sub(second).saturating_sub(1));
    header.saturating_add(signature.max(payload.saturating_mul(2)))
}

/// An upper bound on [`scratch_len`] for every token of `token_len` bytes, for sizing a static
/// buffer: `scratch_len_for(8192)` covers every token the default policy accepts.
///
/// ```
/// const MAX: usize = jwt_core::scratch_len_for(jwt_core::DEFAULT_MAX_TOKEN_LEN);
/// let scratch = [0u8; MAX];
/// # let _ = scratch;
/// ```
#[must_use]
pub const fn scratch_len_for(token_len: usize) -> usize {
    // Every segment decodes to at most 3/4 of its length; the header counts once, the payload
    // twice, and the three share the token's length.
    (token_len / 4).saturating_add(1).saturating_mul(6)
}

/// A JOSE header that has **not** been verified, for choosing a key by `kid` before verifying.
///
/// Everything in it is attacker-controlled. It has no way to reach the claims, and nothing in
/// it should decide anything but which key to try; the token must still go through
/// [`verify`](crate::verify) with that key, which checks `alg` against the key's type.
#[derive(Clone, Copy, Debug)]
pub struct UnverifiedHeader<'buf> {
    header: Header<'buf>,
    alg: JsonStr<'buf>,
}

impl<'buf> UnverifiedHeader<'buf> {
    /// Decodes and reads a token's header into `buf` without verifying anything.
    ///
    /// The token's structure, sizes, base64url and the header JSON are checked as strictly as
    /// verification checks them.
    ///
    /// ```
    /// # use jwt_core::{Limits, UnverifiedHeader};
    /// let token = b"eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIn0.e30.c2lnbmF0dXJl";
    /// let mut buf = [0u8; 64];
    /// let header = UnverifiedHeader::dangerous_peek(token, &Limits::new(), &mut buf)?;
    /// assert!(header.kid().is_some_and(|kid| kid == "k1"));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// Any format, JSON or header error; [`Error::BufferTooSmall`] when `buf` cannot hold the
    /// decoded header.
    pub fn dangerous_peek(
        token: &[u8],
        limits: &Limits,
        buf: &'buf mut [u8],
    ) -> Result<Self, Error> {
        Self::peek_front(token, limits, buf).map(|(header, ..)| header)
    }

    /// Reads the header of `token` into the front of `scratch`, as [`Self::dangerous_peek`]
    /// does, and returns it with its JSON and the rest of `scratch`: a key set reads the header
    /// once, to choose the key, and verification goes on from there.
    pub(crate) fn peek_front(
        token: &[u8],
        limits: &Limits,
        scratch: &'buf mut [u8],
    ) -> Result<(Self, &'buf [u8], &'buf mut [u8]), Error> {
        let segments = Segments::split_maybe_unsecured(token, limits, Payload::MayBeEmpty)?;
        let header_len = b64::decoded_len(segments.header.len()).ok_or(Error::InvalidBase64)?;
        let (buf, rest) = scratch
            .split_at_mut_checked(header_len)
            .ok_or(Error::BufferTooSmall)?;
        let (header, json) = Self::read(segments.header, limits, buf)?;
        header.require_signature_of(&segments)?;
        Ok((header, json, rest))
    }

    fn read(
        encoded: &[u8],
        limits: &Limits,
        buf: &'buf mut [u8],
    ) -> Result<(Self, &'buf [u8]), Error> {
        let json: &'buf [u8] = b64::decode_public(encoded, buf)?;
        let parsed = header::parse(json, limits.depth)?;
        if parsed.alg.kind != Kind::String {
            return Err(Error::InvalidHeader);
        }
        let header = Self {
            header: parsed.header,
            alg: parsed.alg.as_json_str().ok_or(Error::InvalidHeader)?,
        };
        Ok((header, json))
    }

    /// An unsecured JWS is refused for its `alg` ([`Error::AlgorithmNone`]); any other token
    /// without a signature as an empty segment.
    fn require_signature_of(&self, segments: &Segments<'_>) -> Result<(), Error> {
        if segments.signature.is_empty() && header::names_none(self.alg) {
            return Err(Error::AlgorithmNone);
        }
        segments.require_signature()
    }

    /// The header's members (verification's view of them).
    pub(crate) const fn members(&self) -> Header<'buf> {
        self.header
    }

    /// The `alg` the token claims. Never use it to choose how to verify.
    #[must_use]
    pub const fn alg(&self) -> JsonStr<'buf> {
        self.alg
    }

    /// `kid`, the key hint.
    #[must_use]
    pub const fn kid(&self) -> Option<JsonStr<'buf>> {
        self.header.kid()
    }

    /// `typ`.
    #[must_use]
    pub const fn typ(&self) -> Option<JsonStr<'buf>> {
        self.header.typ()
    }

    /// `cty`.
    #[must_use]
    pub const fn cty(&self) -> Option<JsonStr<'buf>> {
        self.header.cty()
    }
}
