//! The one error type of the crate.
//!
//! Every way a token can be refused has its own variant, so that a log line or the CLI can say
//! *why* (expired ≠ bad signature ≠ malformed). Variants carry no data: the enum is `Copy`, one
//! byte wide, and formatting it never allocates.

use core::fmt;

/// Declares [`Error`] and its tables from one list: every variant with its stable code, its
/// class and its message, so the four can never disagree.
macro_rules! errors {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $class:ident, $message:literal;)*) => {
        /// Why an operation failed.
        ///
        /// Each variant names the rule it enforces and the RFC section behind it. The stable,
        /// machine-readable name of a variant is [`Error::code`]; the broad phase it belongs to is
        /// [`Error::class`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Error {
            $($(#[$doc])* $variant,)*
        }

        impl Error {
            /// Every variant, in declaration order (the order the phases run).
            ///
            /// ```
            /// assert!(jwt_core::Error::ALL.contains(&jwt_core::Error::Expired));
            /// ```
            pub const ALL: &'static [Error] = &[$(Self::$variant,)*];

            /// A stable, kebab-case name for logs and the command line (never changes between
            /// versions).
            ///
            /// ```
            /// assert_eq!(jwt_core::Error::Expired.code(), "expired");
            /// ```
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
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
                    $(Self::$variant => ErrorClass::$class,)*
                }
            }

            /// A short, lowercase, human-readable description.
            #[must_use]
            pub const fn message(self) -> &'static str {
                match self {
                    $(Self::$variant => $message,)*
                }
            }
        }
    };
}

errors! {
    // ---- compact serialization (format) ----
    /// The token is not exactly three segments separated by `.` (RFC 7515 §7.1, RFC 7519 §7.2
    /// step 1). JWE (five segments) and the JWS JSON serialization are refused here too.
    MalformedToken = "malformed-token", Format, "token is not three base64url segments separated by '.'";
    /// The header, payload or signature segment is empty (RFC 7515 §7.1; an empty signature is an
    /// unsecured JWS, RFC 7518 §3.6, which this crate never accepts).
    EmptySegment = "empty-segment", Format, "token has an empty segment";
    /// The token is longer than the configured limit (RFC 8725 §2 "denial of service"; RFC 7515
    /// §10.12 recommends bounds on input sizes). Checked before any decoding.
    TokenTooLarge = "token-too-large", Format, "token is longer than the size limit";
    /// The header segment is longer than its own, smaller limit (RFC 8725 §2).
    HeaderTooLarge = "header-too-large", Format, "header is longer than the size limit";
    /// A segment is not canonical unpadded base64url: a character outside `[A-Za-z0-9_-]`,
    /// padding, whitespace, an impossible length or non-zero unused trailing bits
    /// (RFC 7515 §2 and Appendix C, RFC 4648 §5 and §3.5).
    InvalidBase64 = "invalid-base64", Format, "segment is not canonical unpadded base64url";

    // ---- JSON (header and claims) ----
    /// The decoded header or claims are not valid UTF-8 JSON text (RFC 8259 §2 and §8.1,
    /// RFC 7515 §4, RFC 7519 §7.2 steps 3 and 10), or have bytes after the JSON value.
    InvalidJson = "invalid-json", Json, "not valid utf-8 json";
    /// The header or claims are valid JSON but not a JSON object (RFC 7515 §4,
    /// RFC 7519 §7.2 step 10).
    NotAnObject = "not-an-object", Json, "json is not an object";
    /// A JSON object has the same member name twice, anywhere in the header or the claims,
    /// compared after unescaping (RFC 7515 §4 and RFC 7519 §4 allow rejecting; we always do).
    DuplicateMember = "duplicate-member", Json, "json object has a duplicate member";
    /// JSON nesting is deeper than the configured bound (RFC 8259 §9 allows limits; RFC 8725 §2).
    NestingTooDeep = "nesting-too-deep", Json, "json is nested too deeply";
    /// More members are open at once in nested JSON objects than the pre-scan can track
    /// ([`MAX_OPEN_MEMBERS`](crate::MAX_OPEN_MEMBERS); RFC 8259 §9 allows limits).
    TooManyMembers = "too-many-members", Json, "json has too many open members";

    // ---- header ----
    /// The header has no `alg` member (RFC 7515 §4.1.1).
    MissingAlgorithm = "missing-algorithm", Header, "header has no alg";
    /// A header member has the wrong JSON type (`alg`, `typ`, `cty`, `kid` must be strings,
    /// RFC 7515 §4.1), or `crit` is malformed (RFC 7515 §4.1.11).
    InvalidHeader = "invalid-header", Header, "header member has the wrong type";
    /// The header has a `crit` member naming extensions this crate does not understand
    /// (RFC 7515 §4.1.11: the recipient must reject).
    UnsupportedCritical = "unsupported-critical", Header, "header has critical extensions that are not understood";
    /// The header's `typ` is not the one the policy requires (RFC 8725 §3.11, compared as
    /// RFC 7515 §4.1.9 says).
    UnexpectedType = "unexpected-type", Header, "header typ is not the expected one";

    // ---- algorithm ----
    /// The header says `alg: none` in any letter case (RFC 7518 §3.6, RFC 8725 §3.1): an
    /// unsecured token is never accepted.
    AlgorithmNone = "algorithm-none", Algorithm, "unsecured token (alg none) refused";
    /// The header's `alg` is not exactly the algorithm of the key (RFC 8725 §3.1 and §2.1:
    /// the algorithm comes from the key, never from the token; `alg` is case-sensitive,
    /// RFC 7515 §4.1.1).
    AlgorithmMismatch = "algorithm-mismatch", Algorithm, "header alg does not match the key's algorithm";

    // ---- signature ----
    /// The signature or MAC does not verify over the received `header.payload` bytes, or has
    /// the wrong length (RFC 7515 §5.2 step 8; full-length HMAC tags only, RFC 7518 §3.2).
    InvalidSignature = "invalid-signature", Signature, "signature does not verify";

    /// A signer produced a signature that does not verify with its own public key (a faulty
    /// secure element or backend), or failed to sign. Caught before the token leaves the device.
    SignerFault = "signer-fault", Signature, "the signer produced a signature its public key does not verify";

    // ---- claims ----
    /// The claims are past their `exp` (RFC 7519 §4.1.4): `now >= exp + leeway`.
    Expired = "expired", Claims, "token has expired";
    /// The claims are before their `nbf` (RFC 7519 §4.1.5): `nbf > now + leeway`.
    NotYetValid = "not-yet-valid", Claims, "token is not valid yet";
    /// `iat` is more than the leeway in the future (RFC 7519 §4.1.6; RFC 8725 §3.10).
    IssuedInFuture = "issued-in-future", Claims, "token was issued in the future";
    /// `iat` is older than the policy's maximum age (RFC 7519 §4.1.6).
    TooOld = "too-old", Claims, "token is older than the maximum age";
    /// The time is known only within an interval ([`Time::Within`](crate::Time::Within)) and
    /// the token is valid at some instants of it but not at others (RFC 7519 §4.1.4–§4.1.6
    /// cannot be decided): fetch a trusted time and retry.
    // The one code not derived from the variant name: it was published as
    // `cannot-establish-freshness` (the CLI, the Redis store and logs print it), and codes
    // never change; the variant keeps the shorter name of the API.
    FreshnessUnknown = "cannot-establish-freshness", Claims, "cannot establish freshness without a more precise time";
    /// The token's `jti` was already accepted and the token has not expired yet (RFC 7519
    /// §4.1.7: the identifier "can be used to prevent the JWT from being replayed").
    Replayed = "replayed", Freshness, "token was already used";
    /// The token's `jti` has been revoked (RFC 7519 §4.1.7).
    Revoked = "revoked", Freshness, "token has been revoked";
    /// The replay guard is full of entries that have not expired: it refuses rather than forget
    /// one (RFC 7519 §4.1.7).
    ReplayGuardFull = "replay-guard-full", Freshness, "replay guard is full of unexpired tokens";
    /// The replay or revocation store could not be reached; without it freshness cannot be
    /// established, so the token is refused (RFC 7519 §4.1.7).
    StoreUnavailable = "store-unavailable", Freshness, "replay or revocation store is unreachable";
    /// A time claim (`exp`, `nbf`, `iat`) is not a NumericDate: not a JSON number, negative,
    /// or beyond [`MAX_NUMERIC_DATE`](crate::MAX_NUMERIC_DATE) (RFC 7519 §2, §4.1.4–§4.1.6).
    InvalidNumericDate = "invalid-numeric-date", Claims, "time claim is not a valid numeric date";
    /// A registered claim has the wrong JSON type: `iss`, `sub`, `jti` not strings; `aud` not a
    /// string or a non-empty array of strings (RFC 7519 §4.1.1–§4.1.3, §4.1.7).
    InvalidClaim = "invalid-claim", Claims, "registered claim has the wrong type";
    /// A claim the policy requires is absent (RFC 7519 §4: the application decides which
    /// claims are required).
    MissingClaim = "missing-claim", Claims, "required claim is missing";
    /// `iss` is not one of the issuers the policy accepts (RFC 7519 §4.1.1).
    InvalidIssuer = "invalid-issuer", Claims, "issuer is not accepted";
    /// `aud` names none of the audiences the policy accepts, or is missing although one is
    /// expected (RFC 7519 §4.1.3).
    InvalidAudience = "invalid-audience", Claims, "audience is not accepted";
    /// The token has an `aud` but the policy names no audience: the token is meant for
    /// someone else (RFC 7519 §4.1.3: "if the principal ... does not identify itself with a
    /// value in the aud claim ... the JWT MUST be rejected").
    UnexpectedAudience = "unexpected-audience", Claims, "token has an audience but none is expected";
    /// `sub` is not the subject the policy requires (RFC 7519 §4.1.2).
    InvalidSubject = "invalid-subject", Claims, "subject is not the expected one";
    /// The verified claims do not match the caller's claims type (a missing field, a wrong
    /// JSON type, a number out of range). RFC 7519 §7.2 step 10 leaves the claims' meaning to
    /// the application.
    ClaimsMismatch = "claims-mismatch", Claims, "claims do not match the expected type";

    // ---- keys ----
    /// An HMAC key is shorter than the hash output (RFC 7518 §3.2).
    WeakKey = "weak-key", Key, "key is shorter than the hash output";
    /// A key could not be built: an empty secret, a point not on the curve, or a JWK or DER key
    /// that is not a valid key of this type, or that its `alg`, `use` or `key_ops` reserve for
    /// something else (RFC 7517 §4, RFC 7518 §6).
    InvalidKey = "invalid-key", Key, "key is not valid for this algorithm";
    /// No key in the key set has the token's `kid`, or none is for its algorithm
    /// (RFC 7515 §4.1.4, RFC 7517 §5).
    UnknownKey = "unknown-key", Key, "no key in the set matches the token's kid and algorithm";
    /// The token has no `kid` and several keys of the set could verify it; the set is not
    /// configured to try each (RFC 7515 §4.1.4).
    AmbiguousKey = "ambiguous-key", Key, "several keys could verify a token without kid";
    /// A fixed-capacity key set is full.
    KeySetFull = "key-set-full", Key, "the key set is full";
    /// A key set already holds a key with this `kid`: within a JWK Set each `kid` names one
    /// key (RFC 7517 §4.5), so a token's `kid` can never choose between two.
    DuplicateKid = "duplicate-kid", Key, "the key set already has a key with this kid";

    // ---- caller's buffers ----
    /// A caller-provided buffer is too small for the operation. Never a panic: compute the
    /// size first with the `*_len` functions.
    BufferTooSmall = "buffer-too-small", Usage, "buffer is too small";
    /// The claims or header could not be serialized as JSON (a non-finite float, a map key that
    /// is not a string, or output that is not a single JSON object; RFC 8259, RFC 7519 §7.1).
    Unserializable = "unserializable", Usage, "value cannot be serialized as a json object";
    /// An extra header member given to sign with names one the library writes itself: `alg`
    /// (the key's, RFC 7515 §4.1.1), `crit` and `b64` (extensions this crate does not
    /// implement, RFC 7515 §4.1.11, RFC 7797), or `typ`, `cty`, `kid`, which have their own
    /// setters.
    ReservedHeaderMember = "reserved-header-member", Usage, "an extra header member names one the library writes itself";

    // ---- keys, continued ----
    /// An HMAC secret is really a key of another kind: a PEM block, a JWK or JWK Set, an SSH
    /// public key, or DER of a public or private key. Verifying with a public key as the HMAC
    /// secret is the algorithm-confusion attack (RFC 8725 §2.1, §3.1).
    KeyAsSecret = "key-as-secret", Key, "hmac secret is shaped like a pem, jwk or der key";
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
    /// Replay and revocation: the token was valid, but its `jti` was used or revoked, or the
    /// store that knows could not answer.
    Freshness,
    /// Building a key.
    Key,
    /// The caller's buffers or values.
    Usage,
}

impl ErrorClass {
    /// A stable, lowercase name of the class.
    ///
    /// ```
    /// assert_eq!(jwt_core::ErrorClass::Signature.name(), "signature");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Format => "format",
            Self::Json => "json",
            Self::Header => "header",
            Self::Algorithm => "algorithm",
            Self::Signature => "signature",
            Self::Claims => "claims",
            Self::Freshness => "freshness",
            Self::Key => "key",
            Self::Usage => "usage",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for Error {}
