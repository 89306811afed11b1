//! The cache: one set of keys shared by every request, refreshed on expiry (in the
//! background while the old keys may still be served) and once for an unknown `kid`
//! (single-flight and rate-limited), failing closed after the maximum staleness.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use jwt_core::{Error, JwksError, KeySet, Time, Validation, Verified};
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::config::{Config, Source};
use crate::error::{FetchError, KeysUnavailable, VerifyError};
use crate::fetch;
use crate::metrics::Metrics;

/// A JWKS client holding up to `N` keys. Cloning is cheap: clones share one cache.
///
/// ```no_run
/// use jwt_core::{Time, Validation};
/// use jwt_jwks::{Config, JwksClient, Source};
///
/// # async fn run(token: &str) -> Result<(), Box<dyn std::error::Error>> {
/// let keys = JwksClient::<16>::new(Config::new(Source::Issuer("https://idp.example".into())))?;
/// let policy = Validation::new().issuers(&["https://idp.example"]).audiences(&["api"]);
/// let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
/// let verified = keys.verify(token.as_bytes(), &policy, Time::now(), &mut scratch).await?;
/// println!("{:?}", verified.claims().sub());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct JwksClient<const N: usize> {
    inner: Arc<Inner<N>>,
}

struct Inner<const N: usize> {
    config: Config,
    http: reqwest::Client,
    /// An empty set carrying the caller's key-set settings; each fetch fills a clone.
    template: KeySet<N>,
    state: RwLock<State<N>>,
    /// Held by the one task that fetches: the single flight.
    fetching: Mutex<()>,
}

struct State<const N: usize> {
    keys: Option<Arc<Keys<N>>>,
    jwks_uri: Option<String>,
    /// Counts fetch attempts, so that a task that waited for another's fetch does not
    /// fetch again.
    attempts: u64,
    last_attempt: Option<Instant>,
    last_unknown_kid_attempt: Option<Instant>,
    last_failure: Option<FetchError>,
    metrics: Metrics,
}

struct Keys<const N: usize> {
    set: KeySet<N>,
    fresh_until: Instant,
    usable_until: Instant,
    /// Encoded header segments this set has already found a key for. Nothing is decided
    /// by it but whether to ask the set again, which costs a second read of the header:
    /// the key choice itself is always the set's, in `KeySet::verify`.
    resolved: RwLock<Vec<Box<[u8]>>>,
}

impl<const N: usize> Keys<N> {
    /// At most this many headers are remembered; others are asked about every time.
    const RESOLVED_CAP: usize = 4 * N;

    fn resolves(&self, token: &[u8]) -> bool {
        let header = encoded_header(token);
        self.resolved
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .any(|known| **known == *header)
    }

    fn remember(&self, token: &[u8]) {
        let mut resolved = self
            .resolved
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if resolved.len() < Self::RESOLVED_CAP {
            resolved.push(encoded_header(token).into());
        }
    }
}

/// The token's bytes before its first `.` (all of it if there is none): a cache key, not
/// read or interpreted.
fn encoded_header(token: &[u8]) -> &[u8] {
    let end = token.iter().position(|&b| b == b'.').unwrap_or(token.len());
    token.get(..end).unwrap_or(token)
}

impl<const N: usize> JwksClient<N> {
    /// A client with an empty cache: the first verification fetches.
    ///
    /// # Errors
    /// [`FetchError::Transport`] when the HTTP client cannot be built.
    pub fn new(config: Config) -> Result<Self, FetchError> {
        Self::with_key_set(config, KeySet::new())
    }

    /// A client whose fetched sets carry `template`'s settings (e.g.
    /// [`KeySet::rsa_keys_without_alg_as`]); `template`'s keys are not used.
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn with_key_set(config: Config, mut template: KeySet<N>) -> Result<Self, FetchError> {
        template.clear();
        let http = fetch::client(&config)?;
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                http,
                template,
                state: RwLock::new(State {
                    keys: None,
                    jwks_uri: None,
                    attempts: 0,
                    last_attempt: None,
                    last_unknown_kid_attempt: None,
                    last_failure: None,
                    metrics: Metrics::default(),
                }),
                fetching: Mutex::new(()),
            }),
        })
    }

    /// Verifies `token` with the key its header points to, as
    /// [`KeySet::verify`](jwt_core::KeySet::verify) does. A `kid` the cached set does not
    /// know causes one refresh (at most one per the configured interval, shared by every
    /// request waiting for it); the token's own `jku` and `x5u` are never fetched.
    ///
    /// # Errors
    /// [`VerifyError::Token`] with the library's exact reason, or
    /// [`VerifyError::KeysUnavailable`] when there are no keys young enough to use.
    pub async fn verify<'b>(
        &self,
        token: &[u8],
        policy: &Validation<'_>,
        time: Time,
        scratch: &'b mut [u8],
    ) -> Result<Verified<'b>, VerifyError> {
        let mut keys = self.keys().await?;
        if !keys.resolves(token) {
            match keys.set.find_key(token, policy, scratch) {
                Ok(()) => keys.remember(token),
                Err(Error::UnknownKey) => {
                    let seen = self.read(|s| s.attempts);
                    if let Ok(fresh) = self.inner.refresh_after(seen, Cause::UnknownKid).await {
                        keys = fresh;
                    }
                }
                Err(_) => {}
            }
        }
        Ok(keys.set.verify(token, policy, time, scratch)?)
    }

    /// Fetches the keys now (e.g. at start-up, to fail fast on a wrong URL).
    ///
    /// # Errors
    /// Why the fetch failed; the last good keys, if any, stay in use.
    pub async fn refresh(&self) -> Result<(), FetchError> {
        let seen = self.read(|s| s.attempts);
        self.inner
            .refresh_after(seen, Cause::Asked)
            .await
            .map(|_| ())
    }

    /// The counters a service exports.
    #[must_use]
    pub fn metrics(&self) -> Metrics {
        self.read(|s| s.metrics)
    }

    /// Keys that may be used now: fresh ones, or stale ones within the maximum staleness
    /// while a background refresh runs.
    async fn keys(&self) -> Result<Arc<Keys<N>>, VerifyError> {
        let now = Instant::now();
        let (current, seen) = self.read(|s| (s.keys.clone(), s.attempts));
        match current {
            Some(keys) if now < keys.fresh_until => Ok(keys),
            Some(keys) if now < keys.usable_until => {
                // Known kids keep verifying with the old keys while one task refreshes. No
                // task is started while a retry would be too soon anyway, so a provider that
                // is down does not cost every request a task.
                let retry_due = self.read(|s| {
                    s.last_attempt
                        .is_none_or(|at| now.duration_since(at) >= self.inner.config.min_ttl)
                });
                if retry_due {
                    let inner = Arc::clone(&self.inner);
                    tokio::spawn(async move {
                        let _ = inner.refresh_after(seen, Cause::Expired).await;
                    });
                }
                Ok(keys)
            }
            _ => self
                .inner
                .refresh_after(seen, Cause::Expired)
                .await
                .map_err(|last_failure| {
                    VerifyError::KeysUnavailable(KeysUnavailable { last_failure })
                }),
        }
    }

    fn read<T>(&self, f: impl FnOnce(&State<N>) -> T) -> T {
        f(&self
            .inner
            .state
            .read()
            .unwrap_or_else(PoisonError::into_inner))
    }
}

impl<const N: usize> std::fmt::Debug for JwksClient<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwksClient")
            .field("source", &self.inner.config.source)
            .field("metrics", &self.metrics())
            .finish_non_exhaustive()
    }
}

/// Why a refresh is wanted (for the logs).
#[derive(Clone, Copy, Debug)]
enum Cause {
    Expired,
    UnknownKid,
    Asked,
}

impl<const N: usize> Inner<N> {
    /// Refreshes unless a fetch was attempted since `seen` (another task's result is then
    /// used) or within the minimum interval; returns the keys to use, or why there are none.
    async fn refresh_after(&self, seen: u64, cause: Cause) -> Result<Arc<Keys<N>>, FetchError> {
        let _flight = self.fetching.lock().await;
        let now = Instant::now();
        let (attempts, last, last_unknown) =
            self.read(|s| (s.attempts, s.last_attempt, s.last_unknown_kid_attempt));
        let within =
            |at: Option<Instant>, interval| at.is_some_and(|at| now.duration_since(at) < interval);
        // Unknown kids refresh at most once per their interval; expired keys are retried at
        // most once per minimum TTL, so a server that is down is not hammered.
        let too_soon = match cause {
            Cause::UnknownKid => within(last_unknown, self.config.unknown_kid_refresh_interval),
            Cause::Expired => within(last, self.config.min_ttl),
            Cause::Asked => false,
        };
        if attempts != seen || too_soon {
            return self.usable(now);
        }
        self.write(|s| {
            s.attempts = s.attempts.saturating_add(1);
            s.last_attempt = Some(now);
            if matches!(cause, Cause::UnknownKid) {
                s.last_unknown_kid_attempt = Some(now);
            }
            s.metrics.refresh_attempts = s.metrics.refresh_attempts.saturating_add(1);
        });
        match self.fetch().await {
            Ok((set, skipped, ttl)) => {
                let fetched_at = Instant::now();
                // Overflow would need a TTL of centuries; it reads as already expired.
                let fresh_until = fetched_at.checked_add(ttl).unwrap_or(fetched_at);
                let keys = Arc::new(Keys {
                    resolved: RwLock::new(Vec::new()),
                    fresh_until,
                    usable_until: fresh_until
                        .checked_add(self.config.max_stale)
                        .unwrap_or(fresh_until),
                    set,
                });
                tracing::info!(
                    ?cause,
                    keys = keys.set.len(),
                    skipped,
                    ttl_secs = ttl.as_secs(),
                    "jwks refreshed"
                );
                self.write(|s| {
                    s.metrics.last_refresh = Some(SystemTime::now());
                    s.metrics.keys_loaded = keys.set.len();
                    s.metrics.keys_skipped = skipped;
                    s.last_failure = None;
                    s.keys = Some(Arc::clone(&keys));
                });
                Ok(keys)
            }
            Err(e) => {
                tracing::warn!(?cause, error = %e, "jwks refresh failed");
                self.write(|s| {
                    s.metrics.refresh_failures = s.metrics.refresh_failures.saturating_add(1);
                    s.last_failure = Some(e.clone());
                });
                // The last good keys stay usable within the maximum staleness.
                self.usable(Instant::now()).map_err(|_| e)
            }
        }
    }

    /// The cached keys if they may still be used at `now`, else the last failure.
    fn usable(&self, now: Instant) -> Result<Arc<Keys<N>>, FetchError> {
        self.read(|s| match &s.keys {
            Some(keys) if now < keys.usable_until => Ok(Arc::clone(keys)),
            _ => Err(s.last_failure.clone().unwrap_or(FetchError::NoUsableKeys)),
        })
    }

    /// One fetch: discovery if needed, the JWKS, its keys, its TTL.
    async fn fetch(&self) -> Result<(KeySet<N>, usize, Duration), FetchError> {
        let url = match (&self.config.source, self.read(|s| s.jwks_uri.clone())) {
            (Source::JwksUrl(url), _) => url.clone(),
            (Source::Issuer(_), Some(known)) => known,
            (Source::Issuer(issuer), None) => {
                let found = fetch::discover(&self.http, &self.config, issuer).await?;
                self.write(|s| s.jwks_uri = Some(found.clone()));
                found
            }
        };
        let fetched = fetch::get(&self.http, &self.config, &url).await?;
        let mut set = self.template.clone();
        let summary = set
            .extend_from_jwks_noting(&fetched.body, |skipped| {
                tracing::warn!(
                    index = skipped.index,
                    kid = ?skipped.kid.and_then(|k| k.as_str()),
                    reason = %skipped.reason,
                    "jwks key skipped"
                );
            })
            .map_err(|e| match e {
                JwksError::Json(e) => FetchError::MalformedJwks(e),
                JwksError::NoKeys => FetchError::MalformedJwks(Error::InvalidKey),
                JwksError::Full(_) => FetchError::TooManyKeys,
            })?;
        if summary.added == 0 {
            return Err(FetchError::NoUsableKeys);
        }
        let ttl = fetched
            .max_age
            .unwrap_or(self.config.default_ttl)
            .clamp(self.config.min_ttl, self.config.max_ttl);
        Ok((set, summary.skipped, ttl))
    }

    fn read<T>(&self, f: impl FnOnce(&State<N>) -> T) -> T {
        f(&self.state.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn write(&self, f: impl FnOnce(&mut State<N>)) {
        f(&mut self.state.write().unwrap_or_else(PoisonError::into_inner));
    }
}
