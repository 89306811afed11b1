//! Replay and revocation: a store consulted after verification, with a bounded, heap-free
//! guard as the embedded default.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::alg::VerifyingKey;
use crate::error::Error;
use crate::json::JsonStr;
use crate::policy::{Time, Validation};
use crate::verify::Verified;

/// "Has this `jti` been seen, or is it revoked, until the token expires?" — consulted by
/// [`verify_once`] after a token has verified and passed its policy.
///
/// [`ReplayGuard`] is the embedded implementation; a service running on several machines
/// implements this over a shared store (see the `jwt-redis` crate of this repository).
pub trait JtiStore {
    /// Refuses a `jti` already recorded and not yet expired ([`Error::Replayed`]) or revoked
    /// ([`Error::Revoked`]); otherwise records it until `until` (seconds since the epoch after
    /// which the token is certainly expired). `time` is the verification's time.
    ///
    /// # Errors
    /// [`Error::Replayed`], [`Error::Revoked`], [`Error::ReplayGuardFull`], or
    /// [`Error::StoreUnavailable`] when the store cannot be consulted.
    fn check_and_remember(&mut self, jti: JsonStr<'_>, until: u64, time: Time)
    -> Result<(), Error>;

    /// Whether tokens without `jti` are refused (they cannot be tracked). Default: yes.
    fn requires_jti(&self) -> bool {
        true
    }
}

/// Verifies `token` like [`verify`](crate::verify), then asks `store` whether its `jti` was
/// already used or revoked, and records it until the token expires (`exp` plus the policy's
/// `exp` leeway).
///
/// ```
/// use jwt_core::{Error, Hs256Key, ReplayGuard, SignHeader, Time, Validation};
///
/// let key = Hs256Key::new(&[7; 32])?;
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign_json(&key, &SignHeader::new(), br#"{"jti":"a1","exp":100}"#, &mut out)?;
/// let mut guard = ReplayGuard::<8>::new(&[9; 32]);
/// let mut scratch = [0u8; 256];
/// jwt_core::verify_once(token.as_bytes(), &key, &Validation::new(), Time::At(50), &mut guard, &mut scratch)?;
/// let again = jwt_core::verify_once(token.as_bytes(), &key, &Validation::new(), Time::At(51), &mut guard, &mut scratch);
/// assert_eq!(again.unwrap_err(), Error::Replayed);
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// Any error of [`verify`](crate::verify), [`Error::MissingClaim`] for a token without `jti`
/// when the store requires one, or the store's refusal.
pub fn verify_once<'buf, K: VerifyingKey + ?Sized, S: JtiStore + ?Sized>(
    token: &[u8],
    key: &K,
    policy: &Validation<'_>,
    time: Time,
    store: &mut S,
    scratch: &'buf mut [u8],
) -> Result<Verified<'buf>, Error> {
    let verified = crate::verify::verify(token, key, policy, time, scratch)?;
    let claims = verified.claims();
    match claims.jti() {
        Some(jti) => {
            // A token without exp never expires: remember it for ever.
            let until = claims.exp().map_or(u64::MAX, |exp| {
                exp.saturating_add(policy.exp_leeway_value())
            });
            store.check_and_remember(jti, until, time)?;
        }
        None if store.requires_jti() => return Err(Error::MissingClaim),
        None => {}
    }
    Ok(verified)
}

/// A fixed-capacity replay guard: remembers up to `N` accepted tokens until they expire, and
/// refuses a second use of the same `jti` meanwhile.
///
/// It stores a 16-byte digest of each `jti` (HMAC-SHA-256 under a per-device key, truncated),
/// never the string, so entries are small and fixed-size and a `jti` cannot be read back. Two
/// different `jti`s collide with probability 2⁻¹²⁸ per pair, so with `N` entries a fresh token is
/// wrongly refused with probability at most `N / 2¹²⁸`; without the key nobody can aim for a
/// collision.
///
/// Entries are evicted only once their token has certainly expired at the earliest possible
/// `now`. When the guard is full of live entries it refuses with [`Error::ReplayGuardFull`]
/// rather than forget one silently. With [`Time::DangerouslySkipTimeChecks`] nothing ever
/// expires.
pub struct ReplayGuard<const N: usize> {
    key: Hmac<Sha256>,
    entries: heapless::Vec<Entry, N>,
    require_jti: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Entry {
    digest: [u8; 16],
    until: u64,
    revoked: bool,
}

impl<const N: usize> ReplayGuard<N> {
    /// An empty guard whose digests are keyed with `device_key` (random, per device, secret).
    #[must_use]
    pub fn new(device_key: &[u8; 32]) -> Self {
        // HMAC pads a key shorter than the block with zeros: padding it here is the same key,
        // and needs no fallible constructor.
        let mut block = hmac::digest::Key::<Hmac<Sha256>>::default();
        if let Some(head) = block.get_mut(..32) {
            head.copy_from_slice(device_key);
        }
        let key = <Hmac<Sha256> as KeyInit>::new(&block);
        zeroize::Zeroize::zeroize(block.as_mut_slice());
        Self {
            key,
            entries: heapless::Vec::new(),
            require_jti: true,
        }
    }

    /// Accepts tokens without `jti` (they are not tracked). Off by default.
    #[must_use]
    pub fn allow_tokens_without_jti(mut self) -> Self {
        self.require_jti = false;
        self
    }

    /// How many entries the guard holds (live or not yet evicted).
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the guard holds no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Revokes `jti` until `until`: a token with it is refused with [`Error::Revoked`], even if
    /// it was already accepted once.
    ///
    /// # Errors
    /// [`Error::ReplayGuardFull`] when there is no room.
    pub fn revoke(&mut self, jti: &str, until: u64, time: Time) -> Result<(), Error> {
        self.evict(time);
        let digest = self.digest_text(jti);
        if let Some(entry) = self.entries.iter_mut().find(|e| e.digest == digest) {
            entry.revoked = true;
            entry.until = entry.until.max(until);
            return Ok(());
        }
        self.entries
            .push(Entry {
                digest,
                until,
                revoked: true,
            })
            .map_err(|_| Error::ReplayGuardFull)
    }

    fn evict(&mut self, time: Time) {
        let earliest = match time {
            Time::At(now) => now,
            Time::Within { earliest, .. } => earliest,
            _ => return,
        };
        self.entries.retain(|e| e.until > earliest);
    }

    /// The digest of a token's `jti`, by meaning: the same as [`Self::digest_text`] of its
    /// unescaped text.
    fn digest(&self, jti: JsonStr<'_>) -> [u8; 16] {
        let mut mac = self.key.clone();
        let mut buf = [0u8; 4];
        match jti.as_str() {
            Some(text) => mac.update(text.as_bytes()),
            None => jti
                .chars()
                .for_each(|c| mac.update(c.encode_utf8(&mut buf).as_bytes())),
        }
        Self::truncate(mac)
    }

    fn digest_text(&self, text: &str) -> [u8; 16] {
        let mut mac = self.key.clone();
        mac.update(text.as_bytes());
        Self::truncate(mac)
    }

    fn truncate(mac: Hmac<Sha256>) -> [u8; 16] {
        let full = mac.finalize().into_bytes();
        let mut digest = [0u8; 16];
        digest.copy_from_slice(full.get(..16).unwrap_or(&[0; 16]));
        digest
    }
}

impl<const N: usize> JtiStore for ReplayGuard<N> {
    fn check_and_remember(
        &mut self,
        jti: JsonStr<'_>,
        until: u64,
        time: Time,
    ) -> Result<(), Error> {
        self.evict(time);
        let digest = self.digest(jti);
        if let Some(entry) = self.entries.iter().find(|e| e.digest == digest) {
            return Err(if entry.revoked {
                Error::Revoked
            } else {
                Error::Replayed
            });
        }
        self.entries
            .push(Entry {
                digest,
                until,
                revoked: false,
            })
            .map_err(|_| Error::ReplayGuardFull)
    }

    fn requires_jti(&self) -> bool {
        self.require_jti
    }
}

impl<const N: usize> core::fmt::Debug for ReplayGuard<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ReplayGuard")
            .field("entries", &self.entries.len())
            .field("capacity", &N)
            .finish_non_exhaustive()
    }
}
