//! The one error type of the crate.
//!
//! Every way a token can be refused has its own variant, so that a log line or the CLI can say
//! *why* (expired ≠ bad signature ≠ malformed). Variants carry no data: the enum is `Copy`, one
//! byte wide, and formatting it never allocates.

use core::fmt;

/// Why an operation failed.
///
/// Each variant names the rule it enforces and the RFC section behind it. The stable,
/// machine-readable name of a variant is [`Error::code`]; the broad phase it belongs to is
/// [`Error::class`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    // ---- compact serialization (format) ----
    /// The token is not exactly three segments separated by `.` (RFC 7515 §7.1, RFC 7519 §7.2
    /// step 1). JWE (five segments) and the JWS JSON serialization are refused here too.
    MalformedToken,
    /// The header, payload or signature segment is empty (RFC 7515 §7.1; an empty signature is an
    /// unsecured JWS, RFC 7518 §3.6, which this crate never accepts).
    EmptySegment,
    /// The token is longer than the configured limit (RFC 8725 §2 "denial of service"; RFC 7515
    /// §10.12 recommends bounds on input sizes). Checked before any decoding.
    TokenTooLarge,
    /// The header segment is longer than its own, smaller limit (RFC 8725 §2).
    HeaderTooLarge,
    /// A segment is not canonical unpadded base64url: a character outside `[A-Za-z0-9_-]`,
    /// padding, whitespace, an impossible length or non-zero unused trailing bits
    /// (RFC 7515 §2 and Appendix C, RFC 4648 §5 and §3.5).
    InvalidBase64,

    // ---- JSON (header and claims) ----
    /// The decoded header or claims are not valid UTF-8 JSON text (RFC 8259 §2 and §8.1,
    /// RFC 7515 §4, RFC 7519 §7.2 steps 3 and 10), or have bytes after the JSON value.
    InvalidJson,
    /// The header or claims are valid JSON but not a JSON object (RFC 7515 §4,
    /// RFC 7519 §7.2 step 10).
    NotAnObject,
    /// A JSON object has the same member name twice, anywhere in the header or the claims,
    /// compared after unescaping (RFC 7515 §4 and RFC 7519 §4 allow rejecting; we always do).
    DuplicateMember,
    /// JSON nesting is deeper than the configured bound (RFC 8259 §9 allows limits; RFC 8725 §2).
    NestingTooDeep,
    /// More members are open at once in nested JSON objects than the pre-scan can track
    /// ([`MAX_OPEN_MEMBERS`](crate::MAX_OPEN_MEMBERS); RFC 8259 §9 allows limits).
    TooManyMembers,

    // ---- header ----
    /// The header has no `alg` member (RFC 7515 §4.1.1).
    MissingAlgorithm,
    /// A header member has the wrong JSON type (`alg`, `typ`, `cty`, `kid` must be strings,
    /// RFC 7515 §4.1), or `crit` is malformed (RFC 7515 §4.1.11).
    InvalidHeader,
    /// The header has a `crit` member naming extensions this crate does not understand
    /// (RFC 7515 §4.1.11: the recipient must reject).
    UnsupportedCritical,
    /// The header's `typ` is not the one the policy requires (RFC 8725 §3.11, compared as
    /// RFC 7515 §4.1.9 says).
    UnexpectedType,

    // ---- algorithm ----
    /// The header says `alg: none` in any letter case (RFC 7518 §3.6, RFC 8725 §3.1): an
    /// unsecured token is never accepted.
    AlgorithmNone,
    /// The header's `alg` is not exactly the algorithm of the key (RFC 8725 §3.1 and §2.1:
    /// the algorithm comes from the key, never from the token; `alg` is case-sensitive,
    /// RFC 7515 §4.1.1).
    AlgorithmMismatch,

    // ---- signature ----
    /// The signature or MAC does not verify over the received `header.payload` bytes, or has
    /// the wrong length (RFC 7515 §5.2 step 8; full-length HMAC tags only, RFC 7518 §3.2).
    InvalidSignature,

    /// A signer produced a signature that does not verify with its own public key (a faulty
    /// secure element or backend), or failed to sign. Caught before the token leaves the device.
    SignerFault,

    // ---- claims ----
    /// The claims are past their `exp` (RFC 7519 §4.1.4): `now >= exp + leeway`.
    Expired,
    /// The claims are before their `nbf` (RFC 7519 §4.1.5): `nbf > now + leeway`.
    NotYetValid,
    /// `iat` is more than the leeway in the future (RFC 7519 §4.1.6; RFC 8725 §3.10).
    IssuedInFuture,
    /// `iat` is older than the policy's maximum age (RFC 7519 §4.1.6).
    TooOld,
    /// The time is known only within an interval ([`Time::Within`](crate::Time::Within)) and
    /// the token is valid at some instants of it but not at others (RFC 7519 §4.1.4–§4.1.6
    /// cannot be decided): fetch a trusted time and retry.
    FreshnessUnknown,
    /// The token's `jti` was already accepted and the token has not expired yet (RFC 7519
    /// §4.1.7: the identifier "can be used to prevent the JWT from being replayed").
    Replayed,
    /// The token's `jti` has been revoked (RFC 7519 §4.1.7).
    Revoked,
    /// The replay guard is full of entries that have not expired: it refuses rather than forget
    /// one (RFC 7519 §4.1.7).
    ReplayGuardFull,
    /// The replay or revocation store could not be reached; without it freshness cannot be
    /// established, so the token is refused (RFC 7519 §4.1.7).
    StoreUnavailable,
    /// A time claim (`exp`, `nbf`, `iat`) is not a NumericDate: not a JSON number, negative,
    /// or beyond [`MAX_NUMERIC_DATE`](crate::MAX_NUMERIC_DATE) (RFC 7519 §2, §4.1.4–§4.1.6).
    InvalidNumericDate,
    /// A registered claim has the wrong JSON type: `iss`, `sub`, `jti` not strings; `aud` not a
    /// string or a non-empty array of strings (RFC 7519 §4.1.1–§4.1.3, §4.1.7).
    InvalidClaim,
    /// A claim the policy requires is absent (RFC 7519 §4: the application decides which
    /// claims are required).
    MissingClaim,
    /// `iss` is not one of the issuers the policy accepts (RFC 7519 §4.1.1).
    InvalidIssuer,
    /// `aud` names none of the audiences the policy accepts, or is missing although one is
    /// expected (RFC 7519 §4.1.3).
    InvalidAudience,
    /// The token has an `aud` but the policy names no audience: the token is meant for
    /// someone else (RFC 7519 §4.1.3: "if the principal ... does not identify itself with a
    /// value in the aud claim ... the JWT MUST be rejected").
    UnexpectedAudience,
    /// `sub` is not the subject the policy requires (RFC 7519 §4.1.2).
    InvalidSubject,
    /// The verified claims do not match the caller's claims type (a missing field, a wrong
    /// JSON type, a number out of range). RFC 7519 §7.2 step 10 leaves the claims' meaning to
    /// the application.
    ClaimsMismatch,

    // ---- keys ----
    /// An HMAC key is shorter than the hash output (RFC 7518 §3.2).
    WeakKey,
    /// A key could not be built: an empty secret, a point not on the curve, or a JWK or DER key
    /// that is not a valid key of this type, or that its `alg`, `use` or `key_ops` reserve for
    /// something else (RFC 7517 §4, RFC 7518 §6).
    InvalidKey,
    /// No key in the key set has the token's `kid`, or none is for its algorithm
    /// (RFC 7515 §4.1.4, RFC 7517 §5).
    UnknownKey,
    /// The token has no `kid` and several keys of the set could verify it; the set is not
    /// configured to try each (RFC 7515 §4.1.4).
    AmbiguousKey,
    /// A fixed-capacity key set is full.
    KeySetFull,

    // ---- caller's buffers ----
    /// A caller-provided buffer is too small for the operation. Never a panic: compute the
    /// size first with the `*_len` functions.
    BufferTooSmall,
    /// The claims or header could not be serialized as JSON (a non-finite float, a map key that
    /// is not a string, or output that is not a single JSON object; RFC 8259, RFC 7519 §7.1).
    Unserializable,
}

/// The phase of processing an [`Error`] belongs to, in the order the phases run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// The compact serialization: segments, sizes, base64url.
    Format,
    /// The JSON text of the header or the claims.
    Json,
    /// The JOSE header's members.
    Header,
    /// The binding between the header's `alg` and the key.
    Algorithm,
    /// The signature or MAC.
    Signature,
    /// The registered claims and the validation policy.
    Claims,
    /// Building a key.
    Key,
    /// The caller's buffers or values.
    Usage,
}

impl Error {
    /// A stable, kebab-case name for logs and the command line (never changes between
    /// versions).
    ///
    /// ```
    /// assert_eq!(jwt_core::Error::Expired.code(), "expired");
    /// ```
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::MalformedToken => "malformed-token",
            Self::EmptySegment => "empty-segment",
            Self::TokenTooLarge => "token-too-large",
            Self::HeaderTooLarge => "header-too-large",
            Self::InvalidBase64 => "invalid-base64",
            Self::InvalidJson => "invalid-json",
            Self::NotAnObject => "not-an-object",
            Self::DuplicateMember => "duplicate-member",
            Self::NestingTooDeep => "nesting-too-deep",
            Self::TooManyMembers => "too-many-members",
            Self::MissingAlgorithm => "missing-algorithm",
            Self::InvalidHeader => "invalid-header",
            Self::UnsupportedCritical => "unsupported-critical",
            Self::UnexpectedType => "unexpected-type",
            Self::AlgorithmNone => "algorithm-none",
            Self::AlgorithmMismatch => "algorithm-mismatch",
            Self::InvalidSignature => "invalid-signature",
            Self::SignerFault => "signer-fault",
            Self::Expired => "expired",
            Self::NotYetValid => "not-yet-valid",
            Self::IssuedInFuture => "issued-in-future",
            Self::TooOld => "too-old",
            Self::FreshnessUnknown => "cannot-establish-freshness",
            Self::Replayed => "replayed",
            Self::Revoked => "revoked",
            Self::ReplayGuardFull => "replay-guard-full",
            Self::StoreUnavailable => "store-unavailable",
            Self::InvalidNumericDate => "invalid-numeric-date",
            Self::InvalidClaim => "invalid-claim",
            Self::MissingClaim => "missing-claim",
            Self::InvalidIssuer => "invalid-issuer",
            Self::InvalidAudience => "invalid-audience",
            Self::UnexpectedAudience => "unexpected-audience",
            Self::InvalidSubject => "invalid-subject",
            Self::ClaimsMismatch => "claims-mismatch",
            Self::WeakKey => "weak-key",
            Self::InvalidKey => "invalid-key",
            Self::UnknownKey => "unknown-key",
            Self::AmbiguousKey => "ambiguous-key",
            Self::KeySetFull => "key-set-full",
            Self::BufferTooSmall => "buffer-too-small",
            Self::Unserializable => "unserializable",
        }
    }

    /// The phase this error belongs to.
    ///
    /// ```
    /// use jwt_core::{Error, ErrorClass};
    /// assert_eq!(Error::InvalidSignature.class(), ErrorClass::Signature);
    /// ```
    #[must_use]
    pub const fn class(self) -> ErrorClass {
        match self {
            Self::MalformedToken
            | Self::EmptySegment
            | Self::TokenTooLarge
            | Self::HeaderTooLarge
            | Self::InvalidBase64 => ErrorClass::Format,
            Self::InvalidJson
            | Self::NotAnObject
            | Self::DuplicateMember
            | Self::NestingTooDeep
            | Self::TooManyMembers => ErrorClass::Json,
            Self::MissingAlgorithm
            | Self::InvalidHeader
            | Self::UnsupportedCritical
            | Self::UnexpectedType => ErrorClass::Header,
            Self::AlgorithmNone | Self::AlgorithmMismatch => ErrorClass::Algorithm,
            Self::InvalidSignature | Self::SignerFault => ErrorClass::Signature,
            Self::Expired
            | Self::NotYetValid
            | Self::IssuedInFuture
            | Self::TooOld
            | Self::FreshnessUnknown
            | Self::Replayed
            | Self::Revoked
            | Self::ReplayGuardFull
            | Self::StoreUnavailable
            | Self::InvalidNumericDate
            | Self::InvalidClaim
            | Self::MissingClaim
            | Self::InvalidIssuer
            | Self::InvalidAudience
            | Self::UnexpectedAudience
            | Self::InvalidSubject
            | Self::ClaimsMismatch => ErrorClass::Claims,
            Self::WeakKey
            | Self::InvalidKey
            | Self::UnknownKey
            | Self::AmbiguousKey
            | Self::KeySetFull => ErrorClass::Key,
            Self::BufferTooSmall | Self::Unserializable => ErrorClass::Usage,
        }
    }

    /// A short, lowercase, human-readable description.
    #[must_use]
    pub const fn message(self) -> &'static str {
        match self {
            Self::MalformedToken => "token is not three base64url segments separated by '.'",
            Self::EmptySegment => "token has an empty segment",
            Self::TokenTooLarge => "token is longer than the size limit",
            Self::HeaderTooLarge => "header is longer than the size limit",
            Self::InvalidBase64 => "segment is not canonical unpadded base64url",
            Self::InvalidJson => "not valid utf-8 json",
            Self::NotAnObject => "json is not an object",
            Self::DuplicateMember => "json object has a duplicate member",
            Self::NestingTooDeep => "json is nested too deeply",
            Self::TooManyMembers => "json has too many open members",
            Self::MissingAlgorithm => "header has no alg",
            Self::InvalidHeader => "header member has the wrong type",
            Self::UnsupportedCritical => "header has critical extensions that are not understood",
            Self::UnexpectedType => "header typ is not the expected one",
            Self::AlgorithmNone => "unsecured token (alg none) refused",
            Self::AlgorithmMismatch => "header alg does not match the key's algorithm",
            Self::InvalidSignature => "signature does not verify",
            Self::SignerFault => "the signer produced a signature its public key does not verify",
            Self::Expired => "token has expired",
            Self::NotYetValid => "token is not valid yet",
            Self::IssuedInFuture => "token was issued in the future",
            Self::TooOld => "token is older than the maximum age",
            Self::FreshnessUnknown => "cannot establish freshness without a more precise time",
            Self::Replayed => "token was already used",
            Self::Revoked => "token has been revoked",
            Self::ReplayGuardFull => "replay guard is full of unexpired tokens",
            Self::StoreUnavailable => "replay or revocation store is unreachable",
            Self::InvalidNumericDate => "time claim is not a valid numeric date",
            Self::InvalidClaim => "registered claim has the wrong type",
            Self::MissingClaim => "required claim is missing",
            Self::InvalidIssuer => "issuer is not accepted",
            Self::InvalidAudience => "audience is not accepted",
            Self::UnexpectedAudience => "token has an audience but none is expected",
            Self::InvalidSubject => "subject is not the expected one",
            Self::ClaimsMismatch => "claims do not match the expected type",
            Self::WeakKey => "key is shorter than the hash output",
            Self::InvalidKey => "key is not valid for this algorithm",
            Self::UnknownKey => "no key in the set matches the token's kid and algorithm",
            Self::AmbiguousKey => "several keys could verify a token without kid",
            Self::KeySetFull => "the key set is full",
            Self::BufferTooSmall => "buffer is too small",
            Self::Unserializable => "value cannot be serialized as a json object",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for Error {}
