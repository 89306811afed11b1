//! Why keys could not be had, and what a verification through the client can answer.

use std::fmt;

/// Why a refresh failed. Each has a stable kebab-case [`code`](Self::code).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL is not `https` (or loopback `http` when allowed), or cannot be parsed.
    UrlRefused(String),
    /// Connecting, sending or reading failed (the text says how).
    Transport(String),
    /// The request took longer than its timeout.
    Timeout,
    /// The server answered with a status other than 200.
    Status(u16),
    /// The response is larger than the configured maximum.
    TooLarge,
    /// The discovery document is not JSON with a string `jwks_uri`.
    MalformedDiscovery,
    /// The discovery document's `issuer` differs from the configured issuer.
    IssuerMismatch,
    /// The JWKS is not a JSON object with a `keys` array (the library's error).
    MalformedJwks(jwt_core::Error),
    /// The JWKS has more usable keys than the set holds.
    TooManyKeys,
    /// The JWKS has no usable key: an empty set is never served as if it were valid.
    NoUsableKeys,
}

impl FetchError {
    /// A stable code, e.g. for logs and metrics.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::UrlRefused(_) => "url-refused",
            Self::Transport(_) => "transport",
            Self::Timeout => "timeout",
            Self::Status(_) => "status",
            Self::TooLarge => "too-large",
            Self::MalformedDiscovery => "malformed-discovery",
            Self::IssuerMismatch => "issuer-mismatch",
            Self::MalformedJwks(_) => "malformed-jwks",
            Self::TooManyKeys => "too-many-keys",
            Self::NoUsableKeys => "no-usable-keys",
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UrlRefused(url) => write!(f, "url-refused: {url}"),
            Self::Transport(why) => write!(f, "transport: {why}"),
            Self::Status(status) => write!(f, "status: {status}"),
            Self::MalformedJwks(e) => write!(f, "malformed-jwks: {e}"),
            other => f.write_str(other.code()),
        }
    }
}

impl std::error::Error for FetchError {}

/// No keys may be used: none were ever fetched, or the last good ones are older than the
/// configured maximum staleness. Verification fails closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeysUnavailable {
    /// Why the last refresh failed.
    pub last_failure: FetchError,
}

impl fmt::Display for KeysUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "keys-unavailable: {}", self.last_failure)
    }
}

impl std::error::Error for KeysUnavailable {}

/// What [`JwksClient::verify`](crate::JwksClient::verify) can answer besides a verified token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The token was refused, with the library's exact reason.
    Token(jwt_core::Error),
    /// There are no keys to verify with: the client fails closed.
    KeysUnavailable(KeysUnavailable),
}

impl VerifyError {
    /// The library's error code, or `keys-unavailable`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::Token(e) => e.code(),
            Self::KeysUnavailable(_) => "keys-unavailable",
        }
    }
}

impl From<jwt_core::Error> for VerifyError {
    fn from(e: jwt_core::Error) -> Self {
        Self::Token(e)
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Token(e) => write!(f, "{}: {e}", e.code()),
            Self::KeysUnavailable(k) => fmt::Display::fmt(k, f),
        }
    }
}

impl std::error::Error for VerifyError {}
