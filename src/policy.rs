//! What a verified token must also satisfy: time, issuer, audience, subject, type, sizes.
//!
//! A [`Validation`] is plain data, buildable in a `const`, with no per-call work. The time is not
//! part of it: it is an argument of every verification ([`Time`]), because this crate never
//! reads a clock.

use crate::claims::RegisteredClaims;
use crate::header::Header;
use crate::{Error, JsonStr, Limits};

/// The instant a token is checked at, in seconds since the Unix epoch (RFC 7519 §2
/// NumericDate), or the explicit decision not to check time at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Time {
    /// Check `exp`, `nbf`, `iat` and the maximum age against this instant.
    At(u64),
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
}

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
    leeway: u64,
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
            leeway: 0,
            required: Required::EXP,
            issuers: &[],
            audiences: &[],
            subject: None,
            typ: None,
            max_age: None,
            limits: Limits::new(),
        }
    }

    /// Clock skew tolerated on `exp`, `nbf`, `iat` and the maximum age, in seconds.
    #[must_use]
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
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
        if let Time::At(now) = time {
            self.check_time(claims, now)?;
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

    fn check_present(&self, c: &RegisteredClaims<'_>) -> Result<(), Error> {
        let r = self.required;
        let missing = (r.contains(Required::EXP) && c.exp().is_none())
            || (r.contains(Required::NBF) && c.nbf().is_none())
            || ((r.contains(Required::IAT) || self.max_age.is_some()) && c.iat().is_none())
            || (r.contains(Required::ISS) && c.iss().is_none())
            || (r.contains(Required::SUB) && c.sub().is_none())
            || (r.contains(Required::AUD) && c.aud().is_none())
            || (r.contains(Required::JTI) && c.jti().is_none());
        if missing {
            Err(Error::MissingClaim)
        } else {
            Ok(())
        }
    }

    /// RFC 7519 boundaries, exactly: expired when `now >= exp + leeway`, not yet valid when
    /// `nbf > now + leeway`. A sum that does not fit in 64 bits is larger than any `now`, so
    /// it is compared as such instead of being saturated (which would move the boundary).
    fn check_time(&self, c: &RegisteredClaims<'_>, now: u64) -> Result<(), Error> {
        let leeway = self.leeway;
        // `a > b + leeway`, exactly.
        let after = |a: u64, b: u64| b.checked_add(leeway).is_some_and(|limit| a > limit);
        if c.exp()
            .is_some_and(|exp| exp.checked_add(leeway).is_some_and(|limit| now >= limit))
        {
            return Err(Error::Expired);
        }
        if c.nbf().is_some_and(|nbf| after(nbf, now)) {
            return Err(Error::NotYetValid);
        }
        if let Some(iat) = c.iat() {
            if after(iat, now) {
                return Err(Error::IssuedInFuture);
            }
            let too_old = self.max_age.is_some_and(|max| {
                iat.checked_add(max)
                    .is_some_and(|oldest| after(now, oldest))
            });
            if too_old {
                return Err(Error::TooOld);
            }
        }
        Ok(())
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
