//! Signing into the caller's buffer.
//!
//! The layout trick that makes one buffer enough: each segment's raw bytes (header JSON, claims
//! JSON, signature) are first written at the *end* of the output, then base64url-encoded forward
//! into their final place, which always lies before them.

use core::cell::Cell;

use serde::Serialize;

use crate::alg::SigningKey;
use crate::b64;
use crate::claims;
use crate::error::Error;
use crate::header;
use crate::json;
use crate::json::{Checked, Kind, Sink, scan_object, to_sink, to_sink_checked};
use crate::limits::DEFAULT_MAX_DEPTH;

/// The optional header members of a token being signed. `alg` is not among them: it is the
/// signing key's.
///
/// The header is written compactly and deterministically as `alg`, `typ`, `cty`, `kid`, in that
/// order, each only when set, then any [extra members](Self::members) as given. The default
/// sets `typ` to `JWT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignHeader<'a> {
    typ: Option<&'a str>,
    cty: Option<&'a str>,
    kid: Option<&'a str>,
    extra: Option<&'a str>,
}

impl Default for SignHeader<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> SignHeader<'a> {
    /// A header with `typ: "JWT"` (RFC 7519 §5.1).
    #[must_use]
    pub const fn new() -> Self {
        Self {
            typ: Some("JWT"),
            cty: None,
            kid: None,
            extra: None,
        }
    }

    /// Sets `typ`, e.g. `at+jwt` for OAuth access tokens (RFC 9068).
    #[must_use]
    pub const fn typ(mut self, typ: &'a str) -> Self {
        self.typ = Some(typ);
        self
    }

    /// Leaves `typ` out.
    #[must_use]
    pub const fn without_typ(mut self) -> Self {
        self.typ = None;
        self
    }

    /// Sets `cty`.
    #[must_use]
    pub const fn cty(mut self, cty: &'a str) -> Self {
        self.cty = Some(cty);
        self
    }

    /// Sets `kid`.
    #[must_use]
    pub const fn kid(mut self, kid: &'a str) -> Self {
        self.kid = Some(kid);
        self
    }

    /// Adds the members of a JSON object to the header, after the ones above: a thumbprint
    /// (`x5t#S256`), a proof-of-possession (`DPoP`) token's public `jwk` (RFC 9449 §4.2), a `nonce`. Signing checks
    /// the text as it checks claims (one object, no duplicate names, bounded nesting) and
    /// refuses the names the library writes itself ([`Error::ReservedHeaderMember`]); the
    /// finished header is read back as a verifier would before anything is signed.
    ///
    /// ```
    /// use jwt_core::{Error, Hs256Key, SignHeader};
    ///
    /// let key = Hs256Key::new(b"0123456789abcdef0123456789abcdef")?;
    /// let header = SignHeader::new().members(r#"{"nonce":"n-1","x5t#S256":"abc"}"#);
    /// let mut out = [0u8; 256];
    /// let token = jwt_core::sign_json(&key, &header, br#"{"sub":"a"}"#, &mut out)?;
    /// # let _ = token;
    /// let crit = SignHeader::new().members(r#"{"crit":["exp"]}"#);
    /// assert_eq!(
    ///     jwt_core::sign_json(&key, &crit, br#"{"sub":"a"}"#, &mut out),
    ///     Err(Error::ReservedHeaderMember)
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    #[must_use]
    pub const fn members(mut self, object: &'a str) -> Self {
        self.extra = Some(object);
        self
    }

    /// Writes the encoded header for a key of type `K` to the front of `out`, returning its
    /// length.
    fn encode_into<K: SigningKey + ?Sized>(&self, out: &mut [u8]) -> Result<usize, Error> {
        let alg = K::ALG;
        // The usual headers are copied already encoded, when the `fast` feature knows them.
        if self.cty.is_none()
            && self.kid.is_none()
            && self.extra.is_none()
            && let Some(encoded) = header::usual_encoding::<K>(self.typ)
        {
            let dst = out.get_mut(..encoded.len()).ok_or(Error::BufferTooSmall)?;
            dst.copy_from_slice(encoded.as_bytes());
            return Ok(encoded.len());
        }
        // JSON at the end, encoded to the front.
        let mut counted = json::Counter::default();
        self.write_json(alg, &mut counted)?;
        let header_json = counted.0;
        let start = out
            .len()
            .checked_sub(header_json)
            .ok_or(Error::BufferTooSmall)?;
        write_at(out, start, |sink| self.write_json(alg, sink))?;
        if self.extra.is_some() {
            // Read back as a verifier will: what it would refuse is never signed.
            let written = out.get(start..).ok_or(Error::BufferTooSmall)?;
            header::parse(written, DEFAULT_MAX_DEPTH)?;
        }
        b64::encode_within(out, start, header_json, 0)
    }

    fn write_json<S: Sink>(&self, alg: &str, sink: &mut S) -> Result<(), Error> {
        sink.write(b"{\"alg\":")?;
        to_sink(alg, sink)?;
        for (name, value) in [
            (&b",\"typ\":"[..], self.typ),
            (b",\"cty\":", self.cty),
            (b",\"kid\":", self.kid),
        ] {
            if let Some(value) = value {
                sink.write(name)?;
                to_sink(value, sink)?;
            }
        }
        if let Some(extra) = self.extra {
            scan_object(extra.as_bytes(), DEFAULT_MAX_DEPTH, |name, value| {
                if header::written_by_library(name) {
                    return Err(Error::ReservedHeaderMember);
                }
                // Names and values are copied as written: the scan proved them JSON.
                sink.write(b",\"")?;
                sink.write(name.raw().as_bytes())?;
                sink.write(b"\":")?;
                if value.kind == Kind::String {
                    sink.write(b"\"")?;
                    sink.write(value.raw.as_bytes())?;
                    sink.write(b"\"")
                } else {
                    sink.write(value.raw.as_bytes())
                }
            })?;
        }
        sink.write(b"}")
    }
}

/// The length of a token whose header JSON, claims JSON and signature have these lengths:
/// usable in a `const` to size a buffer at compile time from upper bounds.
///
/// ```
/// // `{"alg":"ES256","typ":"JWT","kid":"<43 chars>"}` and claims of at most 180 bytes.
/// const TOKEN_MAX: usize = jwt_core::token_len(38 + 43 + 9, 180, 64);
/// let buf = [0u8; TOKEN_MAX];
/// # assert_eq!(TOKEN_MAX, 120 + 240 + 86 + 2); let _ = buf;
/// ```
#[must_use]
pub const fn token_len(
    header_json_len: usize,
    claims_json_len: usize,
    signature_len: usize,
) -> usize {
    b64::encoded_len(header_json_len)
        .saturating_add(b64::encoded_len(claims_json_len))
        .saturating_add(b64::encoded_len(signature_len))
        .saturating_add(2)
}

/// The exact length of the token [`sign`] produces for these arguments, in bytes.
///
/// # Errors
/// [`Error::Unserializable`] when `claims` cannot be written as JSON.
pub fn signed_len<K: SigningKey + ?Sized, T: Serialize + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims: &T,
) -> Result<usize, Error> {
    let mut c = json::Counter::default();
    to_sink(claims, &mut c)?;
    total_len(key, header, c.0)
}

/// Signs `claims` with `key` into `out`, returning the token: exactly the written part of `out`.
///
/// The claims must serialize to one JSON object that verification would accept: no duplicate
/// members, nesting within [`DEFAULT_MAX_DEPTH`](crate::DEFAULT_MAX_DEPTH), and registered
/// claims of the right types (`exp` a number, `aud` a string or an array of strings, ...).
///
/// ```
/// use jwt_core::{Hs256Key, SignHeader};
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct Claims<'a> { sub: &'a str, exp: u64 }
///
/// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
/// let claims = Claims { sub: "ada", exp: 1_700_000_000 };
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign(&key, &SignHeader::new().without_typ(), &claims, &mut out)?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiJ9."));
/// assert_eq!(token.len(), jwt_core::signed_len(&key, &SignHeader::new().without_typ(), &claims)?);
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BufferTooSmall`] when `out` is shorter than [`signed_len`];
/// [`Error::Unserializable`] when the claims are not one JSON object; the JSON or claims error
/// verification would report for claims it would refuse; any error of the signer.
pub fn sign<'o, K: SigningKey + ?Sized, T: Serialize + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims: &T,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    // The serializer applies the pre-scan's rules as it writes; only text it copied unread
    // (or more than the pre-scan reads) is read back.
    let checked = Cell::new(Checked::Complete);
    let write = |sink: &mut json::SliceSink<'_>| {
        let outcome = to_sink_checked(claims, sink, DEFAULT_MAX_DEPTH, claims::CheckTypes);
        checked.set(outcome.map_err(object_expected)?);
        Ok(())
    };
    let check = |json: &[u8]| {
        if checked.get() == Checked::HasVerbatimText || json.len() > usize::from(u16::MAX) {
            return claims::parse(json, DEFAULT_MAX_DEPTH)
                .map(|_| ())
                .map_err(object_expected);
        }
        match json.first() {
            Some(b'{') => Ok(()),
            _ => Err(Error::Unserializable),
        }
    };
    sign_layout(key, header, write, check, out)
}

/// Claims that are not an object cannot be signed, whatever their JSON says.
fn object_expected(e: Error) -> Error {
    match e {
        Error::NotAnObject => Error::Unserializable,
        other => other,
    }
}

/// Signs `claims` like [`sign`], but without reading the serialized claims back as
/// verification would.
///
/// [`sign`] checks the JSON as it serializes it, so that it never signs duplicate members
/// (possible with `#[serde(flatten)]` or maps whose keys serialize alike), registered claims of
/// the wrong type, or nesting beyond the limit. Those checks are most of the signing code a
/// firmware image would not otherwise contain (the README's "On a microcontroller" measures
/// them). Use this only for claims whose shape
/// is fixed by a plain struct that you have checked round-trips through [`verify`](crate::verify)
/// in a test; only the top level being an object is checked here.
///
/// ```
/// use jwt_core::{Hs256Key, SignHeader};
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct Claims { sub: &'static str, exp: u64 }
///
/// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign_unchecked(&key, &SignHeader::new(), &Claims { sub: "ada", exp: 1 }, &mut out)?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BufferTooSmall`] when `out` is shorter than [`signed_len`];
/// [`Error::Unserializable`] when the claims are not a JSON object; any error of the signer.
pub fn sign_unchecked<'o, K: SigningKey + ?Sized, T: Serialize + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims: &T,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let object = |json: &[u8]| match json.first() {
        Some(b'{') => Ok(()),
        _ => Err(Error::Unserializable),
    };
    sign_layout(key, header, |sink| to_sink(claims, sink), object, out)
}

/// The exact length of the token [`sign_json`] produces, in bytes.
#[must_use]
pub fn signed_json_len<K: SigningKey + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims_json: &[u8],
) -> usize {
    total_len(key, header, claims_json.len()).unwrap_or(usize::MAX)
}

/// Signs claims that are already JSON text, byte for byte, after checking them as verification
/// would ([`check_claims_json`](crate::check_claims_json)).
///
/// For claims produced by another serializer (a command-line tool, a template) or kept
/// pre-serialized to save the serialization on every signature.
///
/// ```
/// use jwt_core::{Error, Hs256Key, SignHeader};
///
/// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign_json(&key, &SignHeader::new(), br#"{"sub":"ada","exp":1700000000}"#, &mut out)?;
/// assert_eq!(token.split('.').count(), 3);
/// let mut out = [0u8; 256];
/// let dup = jwt_core::sign_json(&key, &SignHeader::new(), br#"{"exp":1,"exp":2}"#, &mut out);
/// assert_eq!(dup, Err(Error::DuplicateMember));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// The JSON or claims error verification would report; [`Error::BufferTooSmall`]; any error of
/// the signer.
pub fn sign_json<'o, K: SigningKey + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims_json: &[u8],
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    claims::parse(claims_json, DEFAULT_MAX_DEPTH)?;
    sign_layout(key, header, |sink| sink.write(claims_json), |_| Ok(()), out)
}

/// The one signing sequence: header, claims (written once by `write_claims`, then `check`ed in
/// place), signature, all inside `out`.
fn sign_layout<'o, K: SigningKey + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    write_claims: impl FnOnce(&mut json::SliceSink<'_>) -> Result<(), Error>,
    check: impl FnOnce(&[u8]) -> Result<(), Error>,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let mut at = header.encode_into::<K>(out)?;
    at = put_dot(out, at)?;

    // Claims: serialized once, a quarter of the remaining room ahead of where their encoding
    // starts. Base64url grows text by a third, so whenever the whole token fits, encoding
    // forward never reaches JSON not yet read (`encode_within` checks it on every chunk).
    let room = out.len().saturating_sub(at);
    let start = at.saturating_add(room.div_ceil(4));
    let claims_json = {
        let buf = out.get_mut(start..).ok_or(Error::BufferTooSmall)?;
        let mut sink = json::SliceSink { buf, len: 0 };
        write_claims(&mut sink)?;
        sink.len
    };
    check(
        out.get(start..start.saturating_add(claims_json))
            .ok_or(Error::BufferTooSmall)?,
    )?;
    at = at.saturating_add(b64::encode_within(out, start, claims_json, at)?);
    let signing_input_len = at;
    at = put_dot(out, at)?;

    // Signature: raw bytes at the end of the token, encoded forward.
    let signature = key.signature_len();
    let total = at.saturating_add(b64::encoded_len(signature));
    let out = out.get_mut(..total).ok_or(Error::BufferTooSmall)?;
    let sig_start = total.saturating_sub(signature);
    let (front, back) = out
        .split_at_mut_checked(sig_start)
        .ok_or(Error::BufferTooSmall)?;
    let signing_input = front
        .get(..signing_input_len)
        .ok_or(Error::BufferTooSmall)?;
    key.sign_into(signing_input, back)?;
    at = at.saturating_add(b64::encode_within(out, sig_start, signature, at)?);

    let token = out.get(..at).ok_or(Error::BufferTooSmall)?;
    core::str::from_utf8(token).map_err(|_| Error::Unserializable)
}

/// The exact length of the token for claims JSON of `claims_json` bytes.
fn total_len<K: SigningKey + ?Sized>(
    key: &K,
    header: &SignHeader<'_>,
    claims_json: usize,
) -> Result<usize, Error> {
    let mut h = json::Counter::default();
    header.write_json(K::ALG, &mut h)?;
    Ok(token_len(h.0, claims_json, key.signature_len()))
}

/// Runs `write` over `out[start..]`, which it must fill exactly.
fn write_at(
    out: &mut [u8],
    start: usize,
    write: impl FnOnce(&mut json::SliceSink<'_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let buf = out.get_mut(start..).ok_or(Error::BufferTooSmall)?;
    let expected = buf.len();
    let mut sink = json::SliceSink { buf, len: 0 };
    write(&mut sink)?;
    // The header is written twice (counted, then written); both must agree.
    if sink.len == expected {
        Ok(())
    } else {
        Err(Error::Unserializable)
    }
}

fn put_dot(out: &mut [u8], at: usize) -> Result<usize, Error> {
    *out.get_mut(at).ok_or(Error::BufferTooSmall)? = b'.';
    Ok(at.saturating_add(1))
}
