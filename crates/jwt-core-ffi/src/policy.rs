//! The policy and the time, as C structs that become the core's `Validation` and `Time`.

use jwt_core::{Limits, Required, Time, Validation};

use crate::args::{bytes, jwt_str};
use crate::status::jwt_status;

/// `required` bit: `exp` must be present (set by `jwt_policy_default`).
pub const JWT_CLAIM_EXP: u32 = 1;
/// `required` bit: `nbf`.
pub const JWT_CLAIM_NBF: u32 = 1 << 1;
/// `required` bit: `iat`.
pub const JWT_CLAIM_IAT: u32 = 1 << 2;
/// `required` bit: `iss`.
pub const JWT_CLAIM_ISS: u32 = 1 << 3;
/// `required` bit: `sub`.
pub const JWT_CLAIM_SUB: u32 = 1 << 4;
/// `required` bit: `aud`.
pub const JWT_CLAIM_AUD: u32 = 1 << 5;
/// `required` bit: `jti`.
pub const JWT_CLAIM_JTI: u32 = 1 << 6;
/// `max_age` value: no maximum age (the default).
pub const JWT_NO_MAX_AGE: u64 = u64::MAX;
/// The most issuers, and the most audiences, a policy may list.
pub const JWT_MAX_POLICY_NAMES: usize = 8;

/// What a verified token must also satisfy. Start from `jwt_policy_default()` and change
/// fields; a zeroed struct is not a valid policy (its `required` is empty but its limits are
/// zero, which refuse every token with `JWT_ERR_TOKEN_TOO_LARGE`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_policy {
    /// Seconds of clock skew tolerated on `exp`.
    pub exp_leeway: u64,
    /// Seconds of clock skew tolerated on `nbf`.
    pub nbf_leeway: u64,
    /// Seconds of clock skew tolerated on `iat` and the maximum age.
    pub iat_leeway: u64,
    /// The oldest `iat` accepted, in seconds before now; `JWT_NO_MAX_AGE` for none.
    pub max_age: u64,
    /// `JWT_CLAIM_*` bits of the claims that must be present.
    pub required: u32,
    /// The accepted issuers (`iss` must be one of them); none: any issuer.
    pub issuers: *const jwt_str,
    /// The number of `issuers`, at most `JWT_MAX_POLICY_NAMES`.
    pub issuers_len: usize,
    /// This party's names: `aud` must contain one; none: a token with `aud` is refused.
    pub audiences: *const jwt_str,
    /// The number of `audiences`, at most `JWT_MAX_POLICY_NAMES`.
    pub audiences_len: usize,
    /// The required `sub`; a NULL `ptr`: any subject.
    pub subject: jwt_str,
    /// The required header `typ`; a NULL `ptr`: any.
    pub typ: jwt_str,
    /// The longest token accepted, in bytes (at most 65535).
    pub max_token_len: usize,
    /// The longest header segment accepted, in bytes.
    pub max_header_len: usize,
    /// The deepest JSON nesting accepted (at most 32).
    pub max_depth: usize,
}

/// The strict defaults: no leeway, `exp` required, no issuer, audience, subject or type
/// required, 8 KiB tokens, 1 KiB headers, JSON nesting of 16.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_policy_default() -> jwt_policy {
    jwt_policy {
        exp_leeway: 0,
        nbf_leeway: 0,
        iat_leeway: 0,
        max_age: JWT_NO_MAX_AGE,
        required: JWT_CLAIM_EXP,
        issuers: core::ptr::null(),
        issuers_len: 0,
        audiences: core::ptr::null(),
        audiences_len: 0,
        subject: jwt_str::NONE,
        typ: jwt_str::NONE,
        max_token_len: jwt_core::DEFAULT_MAX_TOKEN_LEN,
        max_header_len: jwt_core::DEFAULT_MAX_HEADER_LEN,
        max_depth: jwt_core::DEFAULT_MAX_DEPTH,
    }
}

/// `jwt_time.kind`: check time claims against the exact instant `earliest` (== `latest`).
pub const JWT_TIME_AT: u32 = 1;
/// `jwt_time.kind`: the time is somewhere in `[earliest, latest]`; a token must be valid at
/// every instant of it (`JWT_ERR_CANNOT_ESTABLISH_FRESHNESS` when the verdict depends on where).
pub const JWT_TIME_WITHIN: u32 = 2;
/// `jwt_time.kind`: skip every time comparison (time claims are still type-checked).
pub const JWT_TIME_DANGEROUSLY_SKIP_CHECKS: u32 = 3;

/// The time a token is checked at: build it with `jwt_time_at`, `jwt_time_within` or
/// `jwt_time_dangerously_skip_checks`. A zeroed struct is refused (`JWT_ERR_INVALID_TIME`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_time {
    /// One of `JWT_TIME_*`.
    pub kind: u32,
    /// Seconds since the Unix epoch: the instant, or the interval's start.
    pub earliest: u64,
    /// The interval's end (equal to `earliest` for an instant).
    pub latest: u64,
}

/// The instant `now`, in seconds since the Unix epoch.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_time_at(now: u64) -> jwt_time {
    jwt_time {
        kind: JWT_TIME_AT,
        earliest: now,
        latest: now,
    }
}

/// A time known only to lie in `[earliest, latest]`.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_time_within(earliest: u64, latest: u64) -> jwt_time {
    jwt_time {
        kind: JWT_TIME_WITHIN,
        earliest,
        latest,
    }
}

/// The explicit choice to skip time checks: only for tokens whose freshness is established
/// some other way.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_time_dangerously_skip_checks() -> jwt_time {
    jwt_time {
        kind: JWT_TIME_DANGEROUSLY_SKIP_CHECKS,
        earliest: 0,
        latest: 0,
    }
}

impl jwt_time {
    pub(crate) fn to_time(self) -> Result<Time, jwt_status> {
        match self.kind {
            JWT_TIME_AT if self.earliest == self.latest => Ok(Time::At(self.earliest)),
            JWT_TIME_WITHIN => Ok(Time::Within {
                earliest: self.earliest,
                latest: self.latest,
            }),
            JWT_TIME_DANGEROUSLY_SKIP_CHECKS => Ok(Time::DangerouslySkipTimeChecks),
            _ => Err(jwt_status::JWT_ERR_INVALID_TIME),
        }
    }
}

/// Storage for the issuer and audience names while a `Validation` borrows them.
pub(crate) struct Names<'a> {
    issuers: [&'a str; JWT_MAX_POLICY_NAMES],
    issuers_len: usize,
    audiences: [&'a str; JWT_MAX_POLICY_NAMES],
    audiences_len: usize,
}

impl<'a> Names<'a> {
    /// The names of `policy`.
    ///
    /// # Safety
    /// `policy`'s arrays and strings must be readable as their lengths say, for `'a`.
    pub(crate) unsafe fn of(policy: &jwt_policy) -> Result<Self, jwt_status> {
        let mut names = Self {
            issuers: [""; JWT_MAX_POLICY_NAMES],
            issuers_len: policy.issuers_len,
            audiences: [""; JWT_MAX_POLICY_NAMES],
            audiences_len: policy.audiences_len,
        };
        // SAFETY: forwarded contract.
        unsafe { fill(&mut names.issuers, policy.issuers, policy.issuers_len) }?;
        // SAFETY: forwarded contract.
        unsafe { fill(&mut names.audiences, policy.audiences, policy.audiences_len) }?;
        Ok(names)
    }

    /// The core's policy for `policy`, borrowing these names.
    ///
    /// # Safety
    /// `policy.subject` and `policy.typ` must be readable as their lengths say, for `'a`.
    pub(crate) unsafe fn validation(
        &'a self,
        policy: &jwt_policy,
    ) -> Result<Validation<'a>, jwt_status> {
        let mut required = Required::NONE;
        let bits = [
            (JWT_CLAIM_EXP, Required::EXP),
            (JWT_CLAIM_NBF, Required::NBF),
            (JWT_CLAIM_IAT, Required::IAT),
            (JWT_CLAIM_ISS, Required::ISS),
            (JWT_CLAIM_SUB, Required::SUB),
            (JWT_CLAIM_AUD, Required::AUD),
            (JWT_CLAIM_JTI, Required::JTI),
        ];
        let mut known = 0;
        for (bit, claim) in bits {
            known |= bit;
            if policy.required & bit != 0 {
                required = required.and(claim);
            }
        }
        if policy.required & !known != 0 {
            return Err(jwt_status::JWT_ERR_INVALID_ARGUMENT);
        }
        let limits = Limits::new()
            .max_token_len(policy.max_token_len)
            .max_header_len(policy.max_header_len)
            .max_depth(policy.max_depth);
        let mut validation = Validation::new()
            .exp_leeway(policy.exp_leeway)
            .nbf_leeway(policy.nbf_leeway)
            .iat_leeway(policy.iat_leeway)
            .require(required)
            .issuers(self.issuers.get(..self.issuers_len).unwrap_or_default())
            .audiences(self.audiences.get(..self.audiences_len).unwrap_or_default())
            .limits(limits);
        if policy.max_age != JWT_NO_MAX_AGE {
            validation = validation.max_age(policy.max_age);
        }
        // SAFETY: forwarded contract.
        if let Some(subject) = unsafe { policy.subject.optional() }? {
            validation = validation.subject(subject);
        }
        // SAFETY: forwarded contract.
        if let Some(typ) = unsafe { policy.typ.optional() }? {
            validation = validation.typ(typ);
        }
        Ok(validation)
    }
}

/// Reads `len` C strings at `list` into `into`.
///
/// # Safety
/// A non-null `list` must be readable for `len` `jwt_str`s, each readable as its length says.
unsafe fn fill(
    into: &mut [&str; JWT_MAX_POLICY_NAMES],
    list: *const jwt_str,
    len: usize,
) -> Result<(), jwt_status> {
    if len > JWT_MAX_POLICY_NAMES {
        return Err(jwt_status::JWT_ERR_TOO_MANY_NAMES);
    }
    if list.is_null() {
        return if len == 0 {
            Ok(())
        } else {
            Err(jwt_status::JWT_ERR_NULL_POINTER)
        };
    }
    if !list.is_aligned() {
        return Err(jwt_status::JWT_ERR_MISALIGNED);
    }
    // SAFETY: non-null, aligned, `len <= 8` elements readable (the caller's contract).
    let list = unsafe { core::slice::from_raw_parts(list, len) };
    for (slot, name) in into.iter_mut().zip(list) {
        // SAFETY: forwarded contract.
        let raw = unsafe { bytes(name.ptr, name.len) }?;
        *slot = core::str::from_utf8(raw).map_err(|_| jwt_status::JWT_ERR_NOT_UTF8)?;
    }
    Ok(())
}
