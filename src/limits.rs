//! Size and nesting bounds applied to untrusted input before anything else.

/// The default limit on a whole token, in bytes.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 8 * 1024;
/// The default limit on the header segment, in bytes.
pub const DEFAULT_MAX_HEADER_LEN: usize = 1024;
/// The default bound on JSON nesting (the top-level object is level 1).
pub const DEFAULT_MAX_DEPTH: usize = 16;
/// The largest token any limit allows, in bytes: the pre-scan indexes JSON with 16-bit offsets.
pub const MAX_TOKEN_LEN: usize = 65_535;

/// The deepest nesting of arrays and objects any JSON text may have (the top-level object counts
/// as one level). Policies may lower it, never raise it.
pub const MAX_DEPTH: usize = 32;

/// How many member names the pre-scan remembers at once: the members of every object that is
/// open at a point of the text, added up. A claims set can therefore have up to this many
/// members (fewer while one of them is an open object). Texts beyond it are refused with
/// [`Error::TooManyMembers`](crate::Error::TooManyMembers) rather than checked for duplicates in quadratic time.
pub const MAX_OPEN_MEMBERS: usize = 64;

/// The nesting a JWK may have: its own object and the arrays (`key_ops`, `x5c`) inside it,
/// with room for one more level of the private members some producers add.
pub(crate) const JWK_MAX_DEPTH: usize = 4;
/// The nesting a JWKS may have: the set object, the `keys` array, one JWK and what a JWK may
/// hold ([`JWK_MAX_DEPTH`]).
pub(crate) const JWKS_MAX_DEPTH: usize = 6;

/// Bounds on the size and shape of a token, checked before any decoding or parsing work that
/// depends on them (RFC 8725 §2, RFC 7515 §10.12).
///
/// ```
/// const LIMITS: jwt_core::Limits = jwt_core::Limits::new().max_token_len(2048).max_depth(4);
/// # let _ = LIMITS;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub(crate) token_len: usize,
    pub(crate) header_len: usize,
    pub(crate) depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self::new()
    }
}

impl Limits {
    /// 8 KiB tokens, 1 KiB headers, JSON nesting of 16.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            token_len: DEFAULT_MAX_TOKEN_LEN,
            header_len: DEFAULT_MAX_HEADER_LEN,
            depth: DEFAULT_MAX_DEPTH,
        }
    }

    /// The largest token accepted, in bytes (capped at [`MAX_TOKEN_LEN`]).
    #[must_use]
    pub const fn max_token_len(mut self, bytes: usize) -> Self {
        self.token_len = if bytes < MAX_TOKEN_LEN {
            bytes
        } else {
            MAX_TOKEN_LEN
        };
        self
    }

    /// The largest header segment accepted, in bytes.
    #[must_use]
    pub const fn max_header_len(mut self, bytes: usize) -> Self {
        self.header_len = bytes;
        self
    }

    /// The deepest JSON nesting accepted (capped at [`MAX_DEPTH`](crate::MAX_DEPTH)).
    #[must_use]
    pub const fn max_depth(mut self, depth: usize) -> Self {
        self.depth = if depth < MAX_DEPTH { depth } else { MAX_DEPTH };
        self
    }
}
