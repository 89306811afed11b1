//! Where the keys come from and every bound the client keeps.

use std::time::Duration;

/// Where the client finds the JWKS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// An OpenID Provider's issuer URL: the JWKS URL is read from
    /// `<issuer>/.well-known/openid-configuration`, whose `issuer` must equal this one
    /// (OpenID Connect Discovery 1.0 §4.3).
    Issuer(String),
    /// A JWKS URL, used as is.
    JwksUrl(String),
}

/// Which URLs the client may fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// `https` only: the default.
    HttpsOnly,
    /// `https`, and also `http://127.0.0.1`, for tests against a local server.
    AlsoLoopbackHttp,
}

/// The client's configuration: the source and the bounds, with defaults a service can keep.
///
/// ```
/// use std::time::Duration;
/// use jwt_jwks::{Config, Source};
///
/// let config = Config::new(Source::Issuer("https://idp.example".into()))
///     .max_stale(Duration::from_secs(3600))
///     .unknown_kid_refresh_interval(Duration::from_secs(30));
/// # let _ = config;
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) source: Source,
    pub(crate) transport: Transport,
    pub(crate) min_ttl: Duration,
    pub(crate) max_ttl: Duration,
    pub(crate) default_ttl: Duration,
    pub(crate) max_stale: Duration,
    pub(crate) unknown_kid_refresh_interval: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) connect_timeout: Duration,
    pub(crate) total_timeout: Duration,
    pub(crate) max_redirects: usize,
}

impl Config {
    /// Defaults: keys kept for the response's `Cache-Control: max-age` clamped to 1 minute –
    /// 1 day (1 hour without one), served stale for at most 1 day when refreshes fail, an
    /// unknown `kid` refreshes at most every 30 seconds, responses of at most 64 KiB, 5 s to
    /// connect and 10 s in all, 2 redirects, `https` only.
    #[must_use]
    pub fn new(source: Source) -> Self {
        Self {
            source,
            transport: Transport::HttpsOnly,
            min_ttl: Duration::from_secs(60),
            max_ttl: Duration::from_secs(86_400),
            default_ttl: Duration::from_secs(3_600),
            max_stale: Duration::from_secs(86_400),
            unknown_kid_refresh_interval: Duration::from_secs(30),
            max_response_bytes: 64 * 1024,
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(10),
            max_redirects: 2,
        }
    }

    /// Which URLs may be fetched.
    #[must_use]
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }

    /// The bounds a response's `max-age` is clamped to, and the time to keep keys when the
    /// response has none.
    #[must_use]
    pub fn ttl(mut self, min: Duration, default: Duration, max: Duration) -> Self {
        self.min_ttl = min;
        self.default_ttl = default.clamp(min, max.max(min));
        self.max_ttl = max.max(min);
        self
    }

    /// How long past their expiry the last good keys are served while refreshes fail; after
    /// it, verification fails closed with [`KeysUnavailable`](crate::KeysUnavailable).
    #[must_use]
    pub fn max_stale(mut self, max_stale: Duration) -> Self {
        self.max_stale = max_stale;
        self
    }

    /// The least time between two refreshes caused by a token with an unknown `kid`.
    #[must_use]
    pub fn unknown_kid_refresh_interval(mut self, interval: Duration) -> Self {
        self.unknown_kid_refresh_interval = interval;
        self
    }

    /// The largest discovery document or JWKS read, in bytes.
    #[must_use]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// The connect timeout and the timeout of a whole request.
    #[must_use]
    pub fn timeouts(mut self, connect: Duration, total: Duration) -> Self {
        self.connect_timeout = connect;
        self.total_timeout = total;
        self
    }

    /// How many redirects a request may follow (each to an allowed URL).
    #[must_use]
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }
}
