//! Time on devices without a trusted clock: a lower bound that only moves forward, and
//! issuing times backdated for verifiers whose clocks run behind.

use serde::Serialize;

use crate::policy::Time;
use crate::verify::Verified;

/// What a device knows about the time: a lower bound that never goes backwards, and how far
/// the real time can be past it.
///
/// Start from the firmware's build time (the device cannot be running before it was built),
/// raise it from tokens verified with a trusted key ([`TimeFloor::raise_from`]), and verify with
/// [`TimeFloor::time`], an interval from the floor to the floor plus the largest drift the
/// device can have accumulated since the floor was learned.
///
/// **Risk:** raising the floor trusts the issuer's `iat`. A token signed with a far-future
/// `iat` (a compromised or misconfigured issuer) would move the floor past every real token's
/// expiry and lock the device out until it learns the time otherwise. So the floor never rises
/// above the current upper bound: a token cannot claim the device is further along than the
/// device itself allows.
///
/// ```
/// use jwt_core::{Time, TimeFloor};
///
/// let mut clock = TimeFloor::new(1_700_000_000, 86_400); // built then; may drift a day
/// assert_eq!(clock.time(), Time::Within { earliest: 1_700_000_000, latest: 1_700_086_400 });
/// clock.raise_to(1_700_050_000);
/// clock.raise_to(1_600_000_000); // never backwards
/// assert_eq!(clock.floor(), 1_700_050_000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeFloor {
    floor: u64,
    drift: u64,
}

impl TimeFloor {
    /// A floor at `earliest` (e.g. the firmware build time) and the largest amount of time that
    /// can pass unobserved, in seconds.
    #[must_use]
    pub const fn new(earliest: u64, max_drift: u64) -> Self {
        Self {
            floor: earliest,
            drift: max_drift,
        }
    }

    /// The lower bound.
    #[must_use]
    pub const fn floor(&self) -> u64 {
        self.floor
    }

    /// The time to verify with: every instant from the floor to the floor plus the drift.
    #[must_use]
    pub const fn time(&self) -> Time {
        Time::Within {
            earliest: self.floor,
            latest: self.floor.saturating_add(self.drift),
        }
    }

    /// Raises the floor to `seconds`, if that is later, and never beyond the current upper
    /// bound (`floor + max_drift`).
    pub fn raise_to(&mut self, seconds: u64) {
        let ceiling = self.floor.saturating_add(self.drift);
        self.floor = self.floor.max(seconds.min(ceiling));
    }

    /// Raises the floor to a verified token's `iat` (see the risk above; use only tokens from
    /// issuers whose clocks you trust).
    pub fn raise_from(&mut self, verified: &Verified<'_>) {
        if let Some(iat) = verified.claims().iat_rounded_down() {
            self.raise_to(iat);
        }
    }

    /// Restarts the interval after the device learned a trusted time (NTP, cellular): the
    /// floor becomes `now` if that is later.
    pub fn learn(&mut self, now: u64) {
        self.floor = self.floor.max(now);
    }
}

/// The time claims of a token about to be signed, with `iat` and `nbf` backdated so that a
/// verifier whose clock runs a little behind still accepts it.
///
/// Serialize it inside your claims with `#[serde(flatten)]`, or copy its fields.
///
/// ```
/// use jwt_core::{Hs256Key, SignHeader, TimeClaims};
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct Claims<'a> {
///     sub: &'a str,
///     #[serde(flatten)]
///     time: TimeClaims,
/// }
/// let time = TimeClaims::new(1_700_000_000, 300).backdated(5);
/// assert_eq!((time.iat, time.nbf, time.exp), (1_699_999_995, Some(1_699_999_995), 1_700_000_300));
/// let key = Hs256Key::new(&[7; 32])?;
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign(&key, &SignHeader::new(), &Claims { sub: "dev", time }, &mut out)?;
/// # let _ = token;
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TimeClaims {
    /// Issued at.
    pub iat: u64,
    /// Not before, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    /// Expires at: `now + lifetime`, never moved by backdating.
    pub exp: u64,
}

impl TimeClaims {
    /// `iat` = `now`, `exp` = `now + lifetime`, no `nbf`.
    #[must_use]
    pub const fn new(now: u64, lifetime: u64) -> Self {
        Self {
            iat: now,
            nbf: None,
            exp: now.saturating_add(lifetime),
        }
    }

    /// Moves `iat` (and sets `nbf`) `seconds` into the past; `exp` stays, so the token's real
    /// lifetime does not grow.
    #[must_use]
    pub const fn backdated(mut self, seconds: u64) -> Self {
        self.iat = self.iat.saturating_sub(seconds);
        self.nbf = Some(self.iat);
        self
    }
}
