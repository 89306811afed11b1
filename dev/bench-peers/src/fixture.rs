//! The claims every contender signs and verifies: a typical token of seven registered claims,
//! and a large one (about 2 KB of payload) that adds a 30-element array claim.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A secret long enough for HS512.
pub const SECRET: &[u8; 64] = b"benchmark secret, sixty-four bytes long, for HS256/384/512 alike";
/// The issuer every policy requires.
pub const ISSUER: &str = "https://issuer.example";
/// The audience every policy requires.
pub const AUDIENCE: &str = "device-42";
/// The leeway every policy allows, in seconds.
pub const LEEWAY: u64 = 60;

/// Which token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Seven registered claims, about 200 bytes of payload.
    Typical,
    /// The same plus a 30-element array of strings, about 2 KB of payload.
    Large,
}

impl Size {
    /// `typical` or `large`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Typical => "typical",
            Self::Large => "large",
        }
    }
}

/// The claims, owned, as an application holds them before signing.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Issuer.
    pub iss: String,
    /// Subject.
    pub sub: String,
    /// Audience.
    pub aud: String,
    /// Expiry.
    pub exp: u64,
    /// Not before.
    pub nbf: u64,
    /// Issued at.
    pub iat: u64,
    /// Token id.
    pub jti: String,
    /// The large token's array claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
}

/// The current time, read once: peers read the clock themselves, so the tokens must be
/// valid now; jwt-core is given the same instant.
#[must_use]
pub fn now() -> u64 {
    static NOW: OnceLock<u64> = OnceLock::new();
    *NOW.get_or_init(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs()
    })
}

/// The claims of a token of `size`.
#[must_use]
pub fn payload(size: Size) -> Payload {
    let now = now();
    let groups = match size {
        Size::Typical => Vec::new(),
        Size::Large => (0..30)
            .map(|i| format!("urn:example:device-fleet:group:{i:02}:read-write-telemetry"))
            .collect(),
    };
    Payload {
        iss: ISSUER.into(),
        sub: "user-1".into(),
        aud: AUDIENCE.into(),
        exp: now + 86_400,
        nbf: now - 60,
        iat: now - 60,
        jti: "4f1c2a9e-5b7d-4e8a-9c3f-1d2e3f4a5b6c".into(),
        groups,
    }
}

/// The same claims, every one of them, borrowed from the scratch buffer and the array in a
/// fixed-capacity vector: what a firmware application reading them with jwt-core writes. Every
/// contender deserializes the whole claims set, so that the benchmark compares equal work.
#[derive(Deserialize, Debug)]
pub struct Borrowed<'a> {
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
    /// Token id.
    pub jti: &'a str,
    /// The large token's array claim.
    #[serde(borrow, default)]
    pub groups: heapless::Vec<&'a str, 32>,
}
