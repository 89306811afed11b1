//! A fixed-capacity key set (JWKS, RFC 7517 §5) that picks a verification key by `kid`.
//!
//! The set never lets a token choose an algorithm: the token's `kid` (and, among keys sharing a
//! `kid` or when it has none, its `alg`) only chooses *which key* to try, and verification then
//! requires the header's `alg` to be exactly that key's algorithm, as always.

use core::fmt;

use crate::alg::{Hs256Key, Hs384Key, Hs512Key};
use crate::error::Error;
use crate::header;
use crate::json::JsonStr;
use crate::json::{Kind, for_each_array_value, scan_object};
use crate::jwk::Fields;
use crate::limits::JWKS_MAX_DEPTH;
use crate::limits::Limits;
use crate::policy::{Time, Validation};
use crate::untrusted::UnverifiedHeader;
use crate::verify::{Verified, VerifiedJws};

/// Every algorithm a [`SetKey`] can be, by its JWS name.
const ALGORITHMS: [&str; 13] = [
    "HS256", "HS384", "HS512", "ES256", "ES384", "ES512", "EdDSA", "RS256", "RS384", "RS512",
    "PS256", "PS384", "PS512",
];

/// The longest `kid` a set stores, in bytes (after unescaping).
pub const MAX_KID_LEN: usize = 128;

/// A verification key of any algorithm this build supports.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum SetKey {
    /// An `HS256` key.
    Hs256(Hs256Key),
    /// An `HS384` key.
    Hs384(Hs384Key),
    /// An `HS512` key.
    Hs512(Hs512Key),
    /// An `ES256` public key.
    #[cfg(feature = "es256")]
    Es256(crate::alg::Es256VerifyingKey),
    /// An `ES384` public key.
    #[cfg(feature = "es384")]
    Es384(crate::alg::Es384VerifyingKey),
    /// An `ES512` public key.
    #[cfg(feature = "es512")]
    Es512(crate::alg::Es512VerifyingKey),
    /// An `EdDSA` (Ed25519) public key.
    #[cfg(feature = "eddsa")]
    EdDsa(crate::alg::Ed25519VerifyingKey),
    /// An `RS256` public key.
    #[cfg(feature = "rsa")]
    Rs256(crate::alg::Rs256VerifyingKey),
    /// An `RS384` public key.
    #[cfg(feature = "rsa")]
    Rs384(crate::alg::Rs384VerifyingKey),
    /// An `RS512` public key.
    #[cfg(feature = "rsa")]
    Rs512(crate::alg::Rs512VerifyingKey),
    /// A `PS256` public key.
    #[cfg(feature = "rsa")]
    Ps256(crate::alg::Ps256VerifyingKey),
    /// A `PS384` public key.
    #[cfg(feature = "rsa")]
    Ps384(crate::alg::Ps384VerifyingKey),
    /// A `PS512` public key.
    #[cfg(feature = "rsa")]
    Ps512(crate::alg::Ps512VerifyingKey),
}

/// Calls `$body` with the concrete key bound to `$k`.
macro_rules! with_key {
    ($key:expr, $k:ident => $body:expr) => {
        match $key {
            SetKey::Hs256($k) => $body,
            SetKey::Hs384($k) => $body,
            SetKey::Hs512($k) => $body,
            #[cfg(feature = "es256")]
            SetKey::Es256($k) => $body,
            #[cfg(feature = "es384")]
            SetKey::Es384($k) => $body,
            #[cfg(feature = "es512")]
            SetKey::Es512($k) => $body,
            #[cfg(feature = "eddsa")]
            SetKey::EdDsa($k) => $body,
            #[cfg(feature = "rsa")]
            SetKey::Rs256($k) => $body,
            #[cfg(feature = "rsa")]
            SetKey::Rs384($k) => $body,
            #[cfg(feature = "rsa")]
            SetKey::Rs512($k) => $body,
            #[cfg(feature = "rsa")]
            SetKey::Ps256($k) => $body,
            #[cfg(feature = "rsa")]
            SetKey::Ps384($k) => $body,
            #[cfg(feature = "rsa")]
            SetKey::Ps512($k) => $body,
        }
    };
}

impl SetKey {
    /// The JWS `alg` this key verifies.
    #[must_use]
    pub fn alg(&self) -> &'static str {
        fn alg_of<K: crate::alg::VerifyingKey>(_: &K) -> &'static str {
            K::ALG
        }
        with_key!(self, k => alg_of(k))
    }

    /// Builds a key from one JWK. The algorithm is the JWK's `alg`, or follows from its curve
    /// (`P-256` → ES256, `P-384` → ES384, `P-521` → ES512, `Ed25519` → EdDSA); `oct` and `RSA`
    /// keys must name
    /// their `alg`.
    ///
    /// ```
    /// # #[cfg(feature = "es256")] {
    /// let jwk = br#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
    /// assert_eq!(jwt_core::SetKey::from_jwk(jwk)?.alg(), "ES256");
    /// # }
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for a key this build cannot use, one reserved for encryption or
    /// other operations, or an `oct` or `RSA` key without `alg`; the key type's own error
    /// (such as [`Error::WeakKey`]) for key material it refuses; a JSON error.
    pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
        let fields = Fields::parse(jwk)?;
        Self::from_fields(&fields, jwk, fields.algorithm()?).map_err(|reason| match reason {
            SkipReason::Rejected(e) => e,
            _ => Error::InvalidKey,
        })
    }

    /// Builds the key of one JWK for an algorithm the caller names, such as a command line's
    /// `--alg`: the JWK's own `alg`, when present, must be `alg`; an `oct` or `RSA` JWK
    /// without one is read as a key for `alg`.
    ///
    /// ```
    /// let jwk = br#"{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}"#;
    /// assert_eq!(jwt_core::SetKey::from_jwk_for(jwk, "HS256")?.alg(), "HS256");
    /// assert_eq!(
    ///     jwt_core::SetKey::from_jwk_for(jwk, "ES256").unwrap_err(),
    ///     jwt_core::Error::InvalidKey
    /// );
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::from_jwk`], and [`Error::InvalidKey`] when the JWK is for another algorithm.
    pub fn from_jwk_for(jwk: &[u8], alg: &str) -> Result<Self, Error> {
        let fields = Fields::parse(jwk)?;
        let Some(alg) = ALGORITHMS.iter().copied().find(|a| *a == alg) else {
            return Err(Error::InvalidKey);
        };
        if fields.algorithm()?.is_some_and(|named| named != alg) {
            return Err(Error::InvalidKey);
        }
        let key = Self::from_fields(&fields, jwk, Some(alg)).map_err(|reason| match reason {
            SkipReason::Rejected(e) => e,
            _ => Error::InvalidKey,
        })?;
        if key.alg() == alg {
            Ok(key)
        } else {
            Err(Error::InvalidKey)
        }
    }

    /// Verifies `token` with this key and validates it, as [`verify`](crate::verify) does
    /// with the concrete key: for a caller that chose the algorithm at run time.
    ///
    /// # Errors
    /// As [`verify`](crate::verify).
    pub fn verify<'buf>(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        time: Time,
        scratch: &'buf mut [u8],
    ) -> Result<Verified<'buf>, Error> {
        with_key!(self, k => crate::verify::verify(token, k, policy, time, scratch))
    }

    /// Checks only the signature, as [`verify_jws`](crate::verify_jws) does with the concrete
    /// key: the payload is not read as claims.
    ///
    /// # Errors
    /// As [`verify_jws`](crate::verify_jws).
    pub fn verify_jws<'buf>(
        &self,
        token: &[u8],
        limits: &Limits,
        scratch: &'buf mut [u8],
    ) -> Result<VerifiedJws<'buf>, Error> {
        with_key!(self, k => crate::verify::verify_jws(token, k, limits, scratch))
    }

    /// The key of a parsed JWK for `alg` (`None`: the JWK did not say and neither did the
    /// caller), or why a key set leaves it out.
    fn from_fields(f: &Fields<'_>, jwk: &[u8], alg: Option<&str>) -> Result<Self, SkipReason> {
        let kty = f
            .kty
            .and_then(|k| k.as_str())
            .ok_or(SkipReason::Malformed)?;
        if !f.ops.verify {
            return Err(SkipReason::NotForVerifying);
        }
        let Some(alg) = alg else {
            return Err(if matches!(kty, "oct" | "RSA") {
                SkipReason::NoAlgorithm
            } else {
                SkipReason::Unsupported
            });
        };
        // The key type's constructor checks that the JWK's kty and curve fit `alg`.
        let built = match alg {
            "HS256" => Hs256Key::from_jwk(jwk).map(Self::Hs256),
            "HS384" => Hs384Key::from_jwk(jwk).map(Self::Hs384),
            "HS512" => Hs512Key::from_jwk(jwk).map(Self::Hs512),
            #[cfg(feature = "es256")]
            "ES256" => crate::alg::Es256VerifyingKey::from_fields(f).map(Self::Es256),
            #[cfg(feature = "es384")]
            "ES384" => crate::alg::Es384VerifyingKey::from_fields(f).map(Self::Es384),
            #[cfg(feature = "es512")]
            "ES512" => crate::alg::Es512VerifyingKey::from_fields(f).map(Self::Es512),
            #[cfg(feature = "eddsa")]
            "EdDSA" => crate::alg::Ed25519VerifyingKey::from_fields(f).map(Self::EdDsa),
            #[cfg(feature = "rsa")]
            alg if kty == "RSA" => rsa_key(f, alg).ok_or(SkipReason::Unsupported)?,
            _ => return Err(SkipReason::Unsupported),
        };
        built.map_err(SkipReason::Rejected)
    }

    fn verify_read<'buf>(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        time: Time,
        read: (UnverifiedHeader<'buf>, &'buf [u8]),
        rest: &'buf mut [u8],
    ) -> Result<Verified<'buf>, Error> {
        with_key!(self, k => crate::verify::verify_read(token, k, policy, time, read, rest))
    }
}

/// What [`KeySet::extend_from_jwks`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JwksSummary {
    /// Keys added.
    pub added: usize,
    /// JWKs left out; [`KeySet::extend_from_jwks_noting`] tells which and why.
    pub skipped: usize,
}

/// Why a key set left out one JWK of a JWKS. One bad key never drops the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// Not a JSON object, or `kty`, `alg` or `kid` is not a string (RFC 7517 §4).
    Malformed,
    /// `use` is not `sig`, or `key_ops` does not allow `verify` (RFC 7517 §4.2, §4.3).
    NotForVerifying,
    /// A key type, curve or algorithm this build does not verify (RFC 7518 §6.1).
    Unsupported,
    /// An `oct` or `RSA` key without `alg`: its algorithm is never guessed (RFC 7517 §4.4).
    NoAlgorithm,
    /// The key type refused the key material, with its error: an HMAC key shorter than the
    /// hash ([`Error::WeakKey`]), an RSA modulus under 2048 bits, a point not on the curve.
    Rejected(Error),
    /// A `kid` longer than [`MAX_KID_LEN`].
    KidTooLong,
    /// A `kid` already in the set: the first key with it stays (RFC 7517 §4.5).
    DuplicateKid,
}

impl SkipReason {
    /// A stable kebab-case code, e.g. for logs and metrics.
    ///
    /// ```
    /// assert_eq!(jwt_core::SkipReason::NoAlgorithm.code(), "no-algorithm");
    /// ```
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::NotForVerifying => "not-for-verifying",
            Self::Unsupported => "unsupported",
            Self::NoAlgorithm => "no-algorithm",
            Self::Rejected(_) => "rejected",
            Self::KidTooLong => "kid-too-long",
            Self::DuplicateKid => "duplicate-kid",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejected(e) => write!(f, "rejected: {e}"),
            other => f.write_str(other.code()),
        }
    }
}

/// One JWK that [`KeySet::extend_from_jwks_noting`] left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SkippedJwk<'a> {
    /// Its index in the JWKS `keys` array.
    pub index: usize,
    /// Its `kid` as written, when it has a string one.
    pub kid: Option<JsonStr<'a>>,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// The set filled up while reading a JWKS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JwksOverflow {
    /// What was done before the set was full.
    pub summary: JwksSummary,
    /// The index, in the JWKS `keys` array, of the first usable key that did not fit. It and
    /// every usable key after it were not added.
    pub first_not_added: usize,
}

/// A fixed-capacity set of up to `N` verification keys, each with an optional `kid`.
///
/// ```
/// use jwt_core::{KeySet, Time, Validation};
///
/// let jwks = br#"{"keys":[
///   {"kty":"EC","crv":"P-256","kid":"2024","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
///   {"kty":"oct","kid":"legacy","alg":"HS256","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"},
///   {"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}
/// ]}"#;
/// let mut set = KeySet::<4>::new();
/// let summary = set.extend_from_jwks(jwks).unwrap();
/// // The EC key needs the `es256` feature (on by default); a build without it skips the key.
/// let ec = usize::from(cfg!(feature = "es256"));
/// assert_eq!((summary.added, summary.skipped), (1 + ec, 2 - ec));
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// Each `kid` names one key: a second key with a `kid` already in the set is refused
/// ([`Error::DuplicateKid`]) or, from a JWKS, skipped ([`SkipReason::DuplicateKid`]). A `kid` of
/// `""` is a `kid` like any other, not the absence of one.
#[derive(Clone)]
pub struct KeySet<const N: usize> {
    entries: heapless::Vec<(Option<Kid>, SetKey), N>,
    without_kid: WithoutKid,
    rsa_without_alg: Option<&'static str>,
}

/// A `kid` as the set stores it: unescaped, at most [`MAX_KID_LEN`] bytes.
type Kid = heapless::String<MAX_KID_LEN>;

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            entries: heapless::Vec::new(),
            without_kid: WithoutKid::Refuse,
            rsa_without_alg: None,
        }
    }

    /// Reads `RSA` JWKs that do not name an `alg` as keys for `alg`. Without this they are
    /// skipped ([`SkipReason::NoAlgorithm`]): some identity providers leave `alg` out, and the
    /// caller, not the token, knows which algorithm they sign with.
    ///
    /// ```
    /// use jwt_core::{KeySet, RsaAlgorithm};
    /// let set = KeySet::<8>::new().rsa_keys_without_alg_as(RsaAlgorithm::Rs256);
    /// # let _ = set;
    /// ```
    #[cfg(feature = "rsa")]
    #[must_use]
    pub const fn rsa_keys_without_alg_as(mut self, alg: crate::alg::RsaAlgorithm) -> Self {
        self.rsa_without_alg = Some(alg.name());
        self
    }

    /// For a token without `kid`, try every key of its algorithm in turn instead of refusing
    /// it as [`Error::AmbiguousKey`]. Off by default: it multiplies the work an unauthenticated
    /// token can cause by the number of keys.
    #[must_use]
    pub const fn try_each_key_without_kid(mut self) -> Self {
        self.without_kid = WithoutKid::TryEach;
        self
    }

    /// How many keys the set holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a key. Keys are looked up by `kid`, which names one key; keys without a `kid` are
    /// found by algorithm alone.
    ///
    /// # Errors
    /// Gives the key back with [`Error::KeySetFull`] when the set is full,
    /// [`Error::DuplicateKid`] when a key with this `kid` is already in it, or
    /// [`Error::InvalidKey`] when `kid` is longer than [`MAX_KID_LEN`].
    #[expect(
        clippy::result_large_err,
        reason = "handing the key back is the point: without a heap there is nowhere else to keep it"
    )]
    pub fn insert(&mut self, kid: Option<&str>, key: SetKey) -> Result<(), (SetKey, Error)> {
        let kid = match kid.map(Kid::try_from) {
            None => None,
            Some(Ok(kid)) => Some(kid),
            Some(Err(_)) => return Err((key, Error::InvalidKey)),
        };
        if self.has_kid(kid.as_deref()) {
            return Err((key, Error::DuplicateKid));
        }
        self.entries
            .push((kid, key))
            .map_err(|(_, key)| (key, Error::KeySetFull))
    }

    /// Removes every key with this `kid`, returning how many there were.
    pub fn remove(&mut self, kid: &str) -> usize {
        let before = self.entries.len();
        self.entries.retain(|(k, _)| k.as_deref() != Some(kid));
        before.saturating_sub(self.entries.len())
    }

    /// Removes every key (for a key rotation that replaces the whole set).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The keys, with their `kid`.
    pub fn iter(&self) -> impl Iterator<Item = (Option<&str>, &SetKey)> {
        self.entries.iter().map(|(kid, key)| (kid.as_deref(), key))
    }

    /// Adds every usable key of a JWKS (`{"keys":[...]}`), skipping the ones this build cannot
    /// use for verification; [`Self::extend_from_jwks_noting`] also tells which and why.
    ///
    /// # Errors
    /// [`JwksError::Json`] when the JWKS is not a JSON object with a `keys` array;
    /// [`JwksError::Full`] when the set filled up, with everything that fit already added.
    pub fn extend_from_jwks(&mut self, jwks: &[u8]) -> Result<JwksSummary, JwksError> {
        self.extend_from_jwks_noting(jwks, |_| {})
    }

    /// [`Self::extend_from_jwks`], calling `on_skip` for every JWK left out, in order.
    ///
    /// ```
    /// use jwt_core::{KeySet, SkipReason};
    ///
    /// let jwks = br#"{"keys":[{"kty":"oct","kid":"a","k":"AAAA"},{"kty":"EC","use":"enc"}]}"#;
    /// let mut reasons = Vec::new();
    /// KeySet::<4>::new().extend_from_jwks_noting(jwks, |s| reasons.push((s.index, s.reason)))?;
    /// assert_eq!(reasons, [(0, SkipReason::NoAlgorithm), (1, SkipReason::NotForVerifying)]);
    /// # Ok::<(), jwt_core::JwksError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::extend_from_jwks`].
    pub fn extend_from_jwks_noting<'j>(
        &mut self,
        jwks: &'j [u8],
        mut on_skip: impl FnMut(SkippedJwk<'j>),
    ) -> Result<JwksSummary, JwksError> {
        let mut keys = None;
        scan_object(jwks, JWKS_MAX_DEPTH, |name, value| {
            if name == "keys" {
                keys = Some(value);
            }
            Ok(())
        })
        .map_err(JwksError::Json)?;
        let keys = keys.ok_or(JwksError::NoKeys)?;
        if keys.kind != Kind::Array {
            return Err(JwksError::Json(Error::InvalidKey));
        }
        let mut summary = JwksSummary::default();
        let mut overflow = None;
        let mut index = 0usize;
        for_each_array_value(keys.raw, |raw| {
            let at = index;
            index = index.saturating_add(1);
            if overflow.is_some() {
                return Ok(());
            }
            let (kid, key) = match self.usable(raw) {
                Ok(usable) => usable,
                Err((kid, reason)) => {
                    summary.skipped = summary.skipped.saturating_add(1);
                    on_skip(SkippedJwk {
                        index: at,
                        kid,
                        reason,
                    });
                    return Ok(());
                }
            };
            match self.entries.push((kid, key)) {
                Ok(()) => summary.added = summary.added.saturating_add(1),
                Err(_) => overflow = Some(at),
            }
            Ok(())
        })
        .map_err(JwksError::Json)?;
        match overflow {
            None => Ok(summary),
            Some(first_not_added) => Err(JwksError::Full(JwksOverflow {
                summary,
                first_not_added,
            })),
        }
    }

    /// Verifies `token` with the key its header points to, then validates it as
    /// [`verify`](crate::verify) does.
    ///
    /// Key choice: with a `kid`, the keys with that `kid` (the one for the header's `alg` if
    /// several); without, the keys for the header's `alg` — exactly one, or each in turn if
    /// [`Self::try_each_key_without_kid`] is on. Trying each, the verdict is that of the first
    /// key whose signature matches: a correctly signed but expired token is
    /// [`Error::Expired`], not [`Error::InvalidSignature`].
    ///
    /// # Errors
    /// [`Error::UnknownKey`], [`Error::AmbiguousKey`], or any error of [`verify`](crate::verify).
    pub fn verify<'buf>(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        time: Time,
        scratch: &'buf mut [u8],
    ) -> Result<Verified<'buf>, Error> {
        // The header is read once: to choose the key, and by the verification that follows.
        let (header, json, rest) = UnverifiedHeader::peek_front(token, policy.bounds(), scratch)?;
        let read = (header, json);
        match self.choose(&header)? {
            Choice::One(i) => {
                let (_, key) = self.entries.get(i).ok_or(Error::UnknownKey)?;
                key.verify_read(token, policy, time, read, rest)
            }
            Choice::EachOf(alg) => {
                // A result that names the wrong key leaves nothing borrowed; the signer's
                // verification runs again to return its verdict with the scratch borrowed.
                let signer = self
                    .entries
                    .iter()
                    .map(|(_, k)| k)
                    .filter(|k| k.alg() == alg)
                    .find(|key| {
                        key.verify_read(token, policy, time, read, &mut *rest)
                            .err()
                            .is_none_or(|e| e != Error::InvalidSignature)
                    });
                signer
                    .ok_or(Error::InvalidSignature)?
                    .verify_read(token, policy, time, read, rest)
            }
        }
    }

    /// Finds the key [`Self::verify`] would try for `token`, without verifying anything: a
    /// JWKS client asks this to decide whether an unknown `kid` calls for a refresh.
    ///
    /// # Errors
    /// [`Error::UnknownKey`] or [`Error::AmbiguousKey`] as [`Self::verify`] would give them, or
    /// the error reading the header gives.
    pub fn find_key(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        scratch: &mut [u8],
    ) -> Result<(), Error> {
        let header = UnverifiedHeader::dangerous_peek(token, policy.bounds(), scratch)?;
        self.choose(&header).map(|_| ())
    }

    /// The one key [`Self::verify`] would use for `token`, without verifying anything: for a
    /// caller that verifies with it itself, or explains a refusal with it.
    ///
    /// # Errors
    /// [`Error::UnknownKey`] or [`Error::AmbiguousKey`] as [`Self::verify`] would give them
    /// (a token without `kid` that several keys could verify is ambiguous here even when the
    /// set tries each), or the error reading the header gives.
    pub fn key_for(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        scratch: &mut [u8],
    ) -> Result<&SetKey, Error> {
        let header = UnverifiedHeader::dangerous_peek(token, policy.bounds(), scratch)?;
        match self.choose(&header)? {
            Choice::One(i) => self.entries.get(i).map(|(_, k)| k).ok_or(Error::UnknownKey),
            Choice::EachOf(_) => Err(Error::AmbiguousKey),
        }
    }

    /// Whether a key with this `kid` is in the set (never true for no `kid`).
    fn has_kid(&self, kid: Option<&str>) -> bool {
        kid.is_some_and(|kid| self.entries.iter().any(|(k, _)| k.as_deref() == Some(kid)))
    }

    /// The key of one JWK with its `kid`, or its `kid` as written and why the set skips it.
    fn usable<'j>(
        &self,
        jwk: &'j str,
    ) -> Result<(Option<Kid>, SetKey), (Option<JsonStr<'j>>, SkipReason)> {
        let fields = Fields::parse(jwk.as_bytes()).map_err(|_| (None, SkipReason::Malformed))?;
        let written = fields.kid;
        let skip = |reason| (written, reason);
        let kid = match written {
            None => None,
            Some(k) => {
                let mut buf = [0u8; MAX_KID_LEN];
                let text = k
                    .unescape_into(&mut buf)
                    .map_err(|_| skip(SkipReason::KidTooLong))?;
                Some(Kid::try_from(text).map_err(|_| skip(SkipReason::KidTooLong))?)
            }
        };
        let alg = match (fields.algorithm(), fields.kty) {
            (Err(_), _) => return Err(skip(SkipReason::Malformed)),
            (Ok(None), Some(kty)) if kty == "RSA" => self.rsa_without_alg,
            (Ok(alg), _) => alg,
        };
        let key = SetKey::from_fields(&fields, jwk.as_bytes(), alg).map_err(skip)?;
        if self.has_kid(kid.as_deref()) {
            return Err(skip(SkipReason::DuplicateKid));
        }
        Ok((kid, key))
    }

    fn choose(&self, header: &UnverifiedHeader<'_>) -> Result<Choice, Error> {
        let alg = header.alg();
        if header::names_none(alg) {
            return Err(Error::AlgorithmNone);
        }
        let same_alg = |key: &SetKey| alg == key.alg();
        if let Some(kid) = header.kid() {
            // Unescaped once, then compared as bytes with each stored kid. A kid longer than
            // any the set stores names none of its keys.
            let mut buf = [0u8; MAX_KID_LEN];
            let kid = match kid.as_str() {
                Some(plain) => plain,
                None => kid.unescape_into(&mut buf).map_err(|_| Error::UnknownKey)?,
            };
            // The kid's key verifies even when it is for another algorithm, so that the
            // refusal names the algorithm mismatch.
            return self
                .entries
                .iter()
                .position(|(k, _)| k.as_deref() == Some(kid))
                .map(Choice::One)
                .ok_or(Error::UnknownKey);
        }
        let mut candidates = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (_, k))| same_alg(k));
        match (candidates.next(), candidates.next()) {
            (None, _) => Err(Error::UnknownKey),
            (Some((i, _)), None) => Ok(Choice::One(i)),
            (Some((_, (_, first))), Some(_)) if self.without_kid == WithoutKid::TryEach => {
                Ok(Choice::EachOf(first.alg()))
            }
            (Some(_), Some(_)) => Err(Error::AmbiguousKey),
        }
    }
}

/// What the set does with a token without `kid` that several of its keys could verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WithoutKid {
    /// [`Error::AmbiguousKey`].
    Refuse,
    /// Each key of the token's algorithm in turn.
    TryEach,
}

enum Choice {
    One(usize),
    EachOf(&'static str),
}

/// Why a JWKS could not be read completely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JwksError {
    /// The JWKS is not a JSON object, or its `keys` is not an array.
    Json(Error),
    /// The JSON object has no `keys` member: it is not a JWK Set (perhaps one JWK).
    NoKeys,
    /// The set filled up.
    Full(JwksOverflow),
}

impl fmt::Display for JwksError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(e) => fmt::Display::fmt(e, f),
            Self::NoKeys => f.write_str("not a JWK Set: the object has no \"keys\" member"),
            Self::Full(o) => write!(
                f,
                "key set full after {} keys (JWKS index {})",
                o.summary.added, o.first_not_added
            ),
        }
    }
}

impl core::error::Error for JwksError {}

/// The RSA verifying key for `alg` read from `f`, or `None` for an `alg` that is not RSA.
#[cfg(feature = "rsa")]
fn rsa_key(f: &Fields<'_>, alg: &str) -> Option<Result<SetKey, Error>> {
    use crate::alg::{
        Ps256VerifyingKey, Ps384VerifyingKey, Ps512VerifyingKey, Rs256VerifyingKey,
        Rs384VerifyingKey, Rs512VerifyingKey,
    };
    Some(match alg {
        "RS256" => Rs256VerifyingKey::from_fields(f).map(SetKey::Rs256),
        "RS384" => Rs384VerifyingKey::from_fields(f).map(SetKey::Rs384),
        "RS512" => Rs512VerifyingKey::from_fields(f).map(SetKey::Rs512),
        "PS256" => Ps256VerifyingKey::from_fields(f).map(SetKey::Ps256),
        "PS384" => Ps384VerifyingKey::from_fields(f).map(SetKey::Ps384),
        "PS512" => Ps512VerifyingKey::from_fields(f).map(SetKey::Ps512),
        _ => return None,
    })
}

impl<const N: usize> fmt::Debug for KeySet<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.entries
                    .iter()
                    .map(|(kid, key)| (kid.as_deref(), key.alg())),
            )
            .finish()
    }
}
