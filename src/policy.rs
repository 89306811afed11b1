//! What a verified token must also satisfy: time, issuer, audience, subject, type, sizes.
//!
//! A [`Validation`] is plain data, buildable in a `const`, with no per-call work. The time is not
//! part of it: it is an argument of every verification ([`Time`]), because this crate never
//! reads a clock.

use crate::claims::RegisteredClaims;
use crate::error::Error;
use crate::header::Header;
use crate::json::JsonStr;
use crate::limits::Limits;

/// The instant a token is checked at, in seconds since the Unix epoch (RFC 7519 §2
/// NumericDate), or the explicit decision not to check time at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Time {
    /// Check `exp`, `nbf`, `iat` and the maximum age against this instant.
    At(u64),
    /// The device knows only that the time is somewhere in `[earliest, latest]` (say, between
    /// its firmware's build time, or the newest `iat` it has accepted, and that plus its
    /// largest possible drift). A token is accepted only if it is valid at **every** instant of
    /// the interval; when the verdict depends on where in the interval the time really is, the
    /// error is [`Error::FreshnessUnknown`], so that the device can fetch the time and retry.
    /// An empty interval (`earliest > latest`) establishes nothing: `FreshnessUnknown` too.
    Within {
        /// The earliest the time can be, in seconds since the epoch.
        earliest: u64,
        /// The latest the time can be.
        latest: u64,
    },
    /// Skip every time comparison. Time claims are still type-checked and still required when
    /// the policy requires them. Only for tokens whose freshness is established some other way
    /// (or for test vectors from the past): a token that never expires is a password.
    DangerouslySkipTimeChecks,
}

/// A set of registered claims a policy requires to be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Required(u8);

impl Required {
    /// No claim is required.
    pub const NONE: Self = Self(0);
    /// `exp` (the default).
    pub const EXP: Self = Self(1);
    /// `nbf`.
    pub const NBF: Self = Self(1 << 1);
    /// `iat`.
    pub const IAT: Self = Self(1 << 2);
    /// `iss`.
    pub const ISS: Self = Self(1 << 3);
    /// `sub`.
    pub const SUB: Self = Self(1 << 4);
    /// `aud`.
    pub const AUD: Self = Self(1 << 5);
    /// `jti`.
    pub const JTI: Self = Self(1 << 6);

    /// Both sets.
    #[must_use]
    pub const fn and(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether every claim of `other` is in this set.
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The claim a registered name stands for (`"exp"` → [`Self::EXP`]), for a command line
    /// or a configuration file.
    ///
    /// ```
    /// use jwt_core::Required;
    /// assert_eq!(Required::from_name("iat"), Some(Required::IAT));
    /// assert_eq!(Required::from_name("EXP"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        CLAIM_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, claim)| *claim)
    }

    /// The names of the claims in this set, in registration order (RFC 7519 §4.1).
    ///
    /// ```
    /// use jwt_core::Required;
    /// let names: Vec<_> = Required::SUB.and(Required::EXP).names().collect();
    /// assert_eq!(names, ["sub", "exp"]);
    /// ```
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        CLAIM_NAMES
            .iter()
            .filter(move |(_, claim)| self.contains(*claim))
            .map(|(name, _)| *name)
    }
    /// The claims of this set that `c` does not have.
    fn absent_from(self, c: &RegisteredClaims<'_>) -> Self {
        let present = [
            (Self::ISS, c.iss().is_some()),
            (Self::SUB, c.sub().is_some()),
            (Self::AUD, c.aud().is_some()),
            (Self::EXP, c.exp().is_some()),
            (Self::NBF, c.nbf().is_some()),
            (Self::IAT, c.iat().is_some()),
            (Self::JTI, c.jti().is_some()),
        ];
        present
            .iter()
            .filter(|(claim, here)| self.contains(*claim) && !here)
            .fold(Self::NONE, |set, (claim, _)| set.and(*claim))
    }
}

/// The registered claims a policy can require, in RFC 7519 §4.1 order.
const CLAIM_NAMES: [(&str, Required); 7] = [
    ("iss", Required::ISS),
    ("sub", Required::SUB),
    ("aud", Required::AUD),
    ("exp", Required::EXP),
    ("nbf", Required::NBF),
    ("iat", Required::IAT),
    ("jti", Required::JTI),
];

impl core::ops::BitOr for Required {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        self.and(rhs)
    }
}

/// How a token is validated after its signature has verified.
///
/// The defaults are strict: no leeway, `exp` required, no audience expected (so a token that
/// names one is refused), 8 KiB tokens, 1 KiB headers, JSON nesting of 16.
///
/// ```
/// use jwt_core::{Required, Validation};
///
/// const POLICY: Validation<'static> = Validation::new()
///     .leeway(30)
///     .issuers(&["https://issuer.example"])
///     .audiences(&["device-42"])
///     .require(Required::EXP.and(Required::IAT))
///     .max_age(3600);
/// # let _ = POLICY;
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Validation<'p> {
    exp_leeway: u64,
    nbf_leeway: u64,
    iat_leeway: u64,
    required: Required,
    issuers: &'p [&'p str],
    audiences: &'p [&'p str],
    subject: Option<&'p str>,
    typ: Option<&'p str>,
    max_age: Option<u64>,
    limits: Limits,
}

impl Default for Validation<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'p> Validation<'p> {
    /// The strict defaults.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            exp_leeway: 0,
            nbf_leeway: 0,
            iat_leeway: 0,
            required: Required::EXP,
            issuers: &[],
            audiences: &[],
            subject: None,
            typ: None,
            max_age: None,
            limits: Limits::new(),
        }
    }

    /// Clock skew tolerated on `exp`, `nbf`, `iat` and the maximum age, in seconds: sets the
    /// three leeways below at once.
    #[must_use]
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.exp_leeway = seconds;
        self.nbf_leeway = seconds;
        self.iat_leeway = seconds;
        self
    }

    /// Skew tolerated after `exp`: expired when `now >= exp + seconds`.
    #[must_use]
    pub const fn exp_leeway(mut self, seconds: u64) -> Self {
        self.exp_leeway = seconds;
        self
    }

    /// Skew tolerated before `nbf`: not yet valid when `nbf > now + seconds`.
    #[must_use]
    pub const fn nbf_leeway(mut self, seconds: u64) -> Self {
        self.nbf_leeway = seconds;
        self
    }

    /// Skew tolerated on `iat`: issued in the future when `iat > now + seconds`, too old when
    /// `now > iat + max_age + seconds`.
    #[must_use]
    pub const fn iat_leeway(mut self, seconds: u64) -> Self {
        self.iat_leeway = seconds;
        self
    }

    /// Replaces the set of required claims (default: `exp` only).
    #[must_use]
    pub const fn require(mut self, claims: Required) -> Self {
        self.required = claims;
        self
    }

    /// Accepts tokens whose `iss` is one of these (and requires `iss`). Empty: any issuer.
    #[must_use]
    pub const fn issuers(mut self, issuers: &'p [&'p str]) -> Self {
        self.issuers = issuers;
        self
    }

    /// Accepts tokens whose `aud` names at least one of these (and requires `aud`). Empty (the
    /// default): the verifier expects no audience and refuses tokens that carry one.
    #[must_use]
    pub const fn audiences(mut self, audiences: &'p [&'p str]) -> Self {
        self.audiences = audiences;
        self
    }

    /// Requires `sub` to be exactly this.
    #[must_use]
    pub const fn subject(mut self, subject: &'p str) -> Self {
        self.subject = Some(subject);
        self
    }

    /// Requires the header's `typ` to be this media type (RFC 8725 §3.11), compared as
    /// RFC 7515 §4.1.9 says: ASCII case-insensitively, with an optional `application/` prefix.
    #[must_use]
    pub const fn typ(mut self, typ: &'p str) -> Self {
        self.typ = Some(typ);
        self
    }

    /// Refuses tokens issued more than this many seconds ago (and requires `iat`).
    #[must_use]
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Replaces the size and nesting limits.
    #[must_use]
    pub const fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub(crate) const fn exp_leeway_value(&self) -> u64 {
        self.exp_leeway
    }

    pub(crate) const fn bounds(&self) -> &Limits {
        &self.limits
    }

    /// Applies the policy to a token whose signature has verified.
    pub(crate) fn check(
        &self,
        header: &Header<'_>,
        claims: &RegisteredClaims<'_>,
        time: Time,
    ) -> Result<(), Error> {
        self.check_present(claims)?;
        match time {
            Time::At(now) => self.check_time(claims, now, now)?,
            Time::Within { earliest, latest } if earliest <= latest => {
                self.check_time(claims, earliest, latest)?;
            }
            Time::Within { .. } => return Err(Error::FreshnessUnknown),
            Time::DangerouslySkipTimeChecks => {}
        }
        if !self.issuers.is_empty() {
            let iss = claims.iss().ok_or(Error::MissingClaim)?;
            if !self.issuers.iter().any(|i| iss == *i) {
                return Err(Error::InvalidIssuer);
            }
        }
        match (claims.aud(), self.audiences.is_empty()) {
            (Some(_), true) => return Err(Error::UnexpectedAudience),
            (None, false) => return Err(Error::InvalidAudience),
            (Some(aud), false) => {
                if !self.audiences.iter().any(|a| aud.contains(a)) {
                    return Err(Error::InvalidAudience);
                }
            }
            (None, true) => {}
        }
        if let Some(subject) = self.subject
            && claims.sub().ok_or(Error::MissingClaim)? != subject
        {
            return Err(Error::InvalidSubject);
        }
        if let Some(typ) = self.typ {
            let got = header.typ().ok_or(Error::UnexpectedType)?;
            if !media_type_eq(got, typ) {
                return Err(Error::UnexpectedType);
            }
        }
        Ok(())
    }

    /// The claims this policy needs that `claims` lacks: those it requires, and those its
    /// other rules imply (`iat` for a maximum age, `iss` for accepted issuers, `sub` for an
    /// expected subject). Empty exactly when no check would fail with
    /// [`Error::MissingClaim`]; a refusal's explanation asks this instead of re-deriving it.
    ///
    /// ```
    /// use jwt_core::{Limits, Required, Validation};
    /// let claims = jwt_core::check_claims_json(br#"{"exp":1}"#, &Limits::new())?;
    /// let policy = Validation::new().issuers(&["https://idp"]).max_age(60);
    /// assert_eq!(policy.missing(&claims), Required::ISS.and(Required::IAT));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[must_use]
    pub fn missing(&self, claims: &RegisteredClaims<'_>) -> Required {
        let implied = [
            (!self.issuers.is_empty(), Required::ISS),
            (self.subject.is_some(), Required::SUB),
        ];
        implied
            .iter()
            .filter(|(needed, _)| *needed)
            .fold(self.checked_first(), |set, (_, claim)| set.and(*claim))
            .absent_from(claims)
    }

    /// The claims checked for presence before any other rule: the required ones, and `iat`
    /// for a maximum age.
    const fn checked_first(&self) -> Required {
        match self.max_age {
            Some(_) => self.required.and(Required::IAT),
            None => self.required,
        }
    }

    fn check_present(&self, c: &RegisteredClaims<'_>) -> Result<(), Error> {
        if self.checked_first().absent_from(c) == Required::NONE {
            Ok(())
        } else {
            Err(Error::MissingClaim)
        }
    }

    /// RFC 7519 boundaries, exactly: expired when `now >= exp + leeway`, not yet valid when
    /// `nbf > now + leeway`. A sum that does not fit in 64 bits is larger than any `now`, so
    /// it is compared as such instead of being saturated (which would move the boundary).
    ///
    /// Every rule fails on one side of a single boundary, so over `[lo, hi]` it holds
    /// everywhere, nowhere, or depends on the instant: the last is `FreshnessUnknown`, reported
    /// only when no rule fails everywhere.
    fn check_time(&self, c: &RegisteredClaims<'_>, lo: u64, hi: u64) -> Result<(), Error> {
        // `a > b + leeway`, exactly.
        let above =
            |a: u64, b: u64, leeway: u64| b.checked_add(leeway).is_some_and(|limit| a > limit);
        let mut unknown = false;
        let mut rule = |bad_at_lo: bool, bad_at_hi: bool, error: Error| -> Result<(), Error> {
            match (bad_at_lo, bad_at_hi) {
                (true, true) => Err(error),
                (false, false) => Ok(()),
                _ => {
                    unknown = true;
                    Ok(())
                }
            }
        };
        if let Some(exp) = c.exp() {
            let expired = |now: u64| {
                exp.checked_add(self.exp_leeway)
                    .is_some_and(|limit| now >= limit)
            };
            rule(expired(lo), expired(hi), Error::Expired)?;
        }
        if let Some(nbf) = c.nbf() {
            rule(
                above(nbf, lo, self.nbf_leeway),
                above(nbf, hi, self.nbf_leeway),
                Error::NotYetValid,
            )?;
        }
        if let Some(iat) = c.iat() {
            rule(
                above(iat, lo, self.iat_leeway),
                above(iat, hi, self.iat_leeway),
                Error::IssuedInFuture,
            )?;
        }
        // Age is measured from `iat` rounded down: a token is at least as old as it says.
        let oldest = c
            .iat_rounded_down()
            .zip(self.max_age)
            .and_then(|(issued, max)| issued.checked_add(max));
        if let Some(oldest) = oldest {
            rule(
                above(lo, oldest, self.iat_leeway),
                above(hi, oldest, self.iat_leeway),
                Error::TooOld,
            )?;
        }
        if unknown {
            Err(Error::FreshnessUnknown)
        } else {
            Ok(())
        }
    }
}

/// RFC 7515 §4.1.9: a `typ` without a `/` means `application/` followed by it, and media types
/// compare ASCII case-insensitively.
fn media_type_eq(got: JsonStr<'_>, want: &str) -> bool {
    const PREFIX: &str = "application/";
    let got_prefix = if got.chars().any(|c| c == '/') {
        0
    } else {
        PREFIX.len()
    };
    let want_prefix = if want.contains('/') { 0 } else { PREFIX.len() };
    let got = PREFIX.chars().take(got_prefix).chain(got.chars());
    let want = PREFIX.chars().take(want_prefix).chain(want.chars());
    got.map(|c| c.to_ascii_lowercase())
        .eq(want.map(|c| c.to_ascii_lowercase()))
}
