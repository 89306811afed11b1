//! Reading a verified token from C: the header's `kid` and `typ`, the registered claims, and
//! any claim by name as a string, an integer, a boolean or its raw JSON text. Strings come as
//! views into the scratch buffer with explicit lengths (unescaped there when they had escapes);
//! NUL-terminated copies only when asked for.

use core::ffi::c_char;

use jwt_core::{JsonKind, JsonStr, JsonValue, Verified};

use crate::args::{copy_nul_terminated, jwt_str, put_out, text};
use crate::slot;
use crate::status::{jwt_status, of_error};
use crate::verify::{Handle, jwt_verified};

/// The algorithm the token was verified with (`"HS256"`, `"ES256"`, `"EdDSA"`): the key's own,
/// which the header matched. The view is static.
///
/// # Safety
/// `verified` null or a readable `jwt_verified` whose scratch buffer is alive; `out` null or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_algorithm(
    verified: *const jwt_verified,
    out: *mut jwt_str,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(verified, |v| {
            put_out(out, jwt_str::of(v.algorithm().as_bytes()))
        })
    }
}

/// A NUL-terminated copy of the header's `kid` (unescaped) into `buf` of `cap` bytes, its
/// length without the NUL in `len`. `JWT_ERR_CLAIM_ABSENT` when the header has none,
/// `JWT_ERR_BUFFER_TOO_SMALL` when it does not fit with its NUL.
///
/// # Safety
/// As `jwt_verified_algorithm`; `buf` writable for `cap` bytes; `len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_kid(
    verified: *const jwt_verified,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe { read(verified, |v| copy_header(v.header().kid(), buf, cap, len)) }
}

/// As `jwt_verified_kid`, for the header's `typ`.
///
/// # Safety
/// As `jwt_verified_kid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_typ(
    verified: *const jwt_verified,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe { read(verified, |v| copy_header(v.header().typ(), buf, cap, len)) }
}

/// The string claim `name` (`"sub"`, `"iss"`, `"jti"`, or any other), unescaped, as a view into
/// the scratch buffer: not NUL-terminated, valid while the scratch buffer is.
/// `JWT_ERR_CLAIM_ABSENT` without it, `JWT_ERR_CLAIM_TYPE` when it is not a string.
///
/// # Safety
/// As `jwt_verified_algorithm`; `name` readable for `name_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_claim_str(
    verified: *const jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut jwt_str,
) -> jwt_status {
    // SAFETY: forwarded contract, for the claim and for `out`.
    unsafe {
        claim(verified, name, name_len, |v, value| {
            put_out(out, jwt_str::of(string(v, value)?.as_bytes()))
        })
    }
}

/// As `jwt_verified_claim_str`, copied NUL-terminated into `buf` of `cap` bytes with its
/// length (without the NUL) in `len`.
///
/// # Safety
/// As `jwt_verified_claim_str`; `buf` writable for `cap` bytes; `len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_claim_str_copy(
    verified: *const jwt_verified,
    name: *const u8,
    name_len: usize,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> jwt_status {
    // SAFETY: forwarded contract, for the claim and for `buf` and `len`.
    unsafe {
        claim(verified, name, name_len, |v, value| {
            copy_nul_terminated(string(v, value)?.as_bytes(), buf, cap, len)
        })
    }
}

/// The integer claim `name`: a JSON number written as an integer that fits an `int64_t`
/// (`JWT_ERR_CLAIM_TYPE` for anything else, `1.5` and `1e3` included).
///
/// # Safety
/// As `jwt_verified_claim_str`; `out` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_claim_int(
    verified: *const jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut i64,
) -> jwt_status {
    // SAFETY: forwarded contract, for the claim and for `out`.
    unsafe {
        claim(verified, name, name_len, |_, value| {
            put_out(out, value.as_i64().ok_or(jwt_status::JWT_ERR_CLAIM_TYPE)?)
        })
    }
}

/// The boolean claim `name`.
///
/// # Safety
/// As `jwt_verified_claim_str`; `out` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_claim_bool(
    verified: *const jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut bool,
) -> jwt_status {
    // SAFETY: forwarded contract, for the claim and for `out`.
    unsafe {
        claim(verified, name, name_len, |_, value| {
            put_out(out, value.as_bool().ok_or(jwt_status::JWT_ERR_CLAIM_TYPE)?)
        })
    }
}

/// The claim `name` of any type as its exact JSON text (an object, an array, a number as
/// written, a string with its quotes and escapes), a view into the scratch buffer.
///
/// # Safety
/// As `jwt_verified_claim_str`; `out` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_claim_json(
    verified: *const jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut jwt_str,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe {
        claim(verified, name, name_len, |_, value| {
            put_out(out, jwt_str::of(value.json().as_bytes()))
        })
    }
}

/// `exp` in whole seconds since the epoch, as the policy read it (`JWT_ERR_CLAIM_ABSENT`
/// without one).
///
/// # Safety
/// As `jwt_verified_algorithm`; `out` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_exp(
    verified: *const jwt_verified,
    out: *mut u64,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe { read(verified, |v| put_date(v.claims().exp(), out)) }
}

/// `nbf` in whole seconds since the epoch, as the policy read it.
///
/// # Safety
/// As `jwt_verified_exp`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_nbf(
    verified: *const jwt_verified,
    out: *mut u64,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe { read(verified, |v| put_date(v.claims().nbf(), out)) }
}

/// `iat` in whole seconds since the epoch, rounded down (a token is at least as old as it says).
///
/// # Safety
/// As `jwt_verified_exp`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_iat(
    verified: *const jwt_verified,
    out: *mut u64,
) -> jwt_status {
    // SAFETY: forwarded contract.
    unsafe { read(verified, |v| put_date(v.claims().iat_rounded_down(), out)) }
}

/// Whether `aud` (a string or an array of strings) names `audience`; false without `aud`.
///
/// # Safety
/// As `jwt_verified_algorithm`; `audience` readable for `audience_len` bytes; `out` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verified_has_audience(
    verified: *const jwt_verified,
    audience: *const u8,
    audience_len: usize,
    out: *mut bool,
) -> jwt_status {
    // SAFETY: forwarded contract, for the token, `audience` and `out`.
    unsafe {
        read(verified, |v| {
            let audience = text(audience, audience_len)?;
            put_out(
                out,
                v.claims().aud().is_some_and(|aud| aud.contains(audience)),
            )
        })
    }
}

/// Runs `body` on the verified token at `verified`.
///
/// # Safety
/// `verified` null or a readable `jwt_verified` whose scratch buffer is alive.
unsafe fn read(
    verified: *const jwt_verified,
    body: impl FnOnce(&Verified<'static>) -> Result<(), jwt_status>,
) -> jwt_status {
    // SAFETY: the entry points' contract: null or a readable `jwt_verified`; `get` checks null,
    // alignment and that `jwt_verify` put a handle there.
    let handle = match unsafe { slot::get::<Handle>(verified.cast::<u64>()) } {
        Ok(handle) => handle,
        Err(status) => return status,
    };
    crate::args::status(|| body(&handle.0))
}

/// Runs `body` on the claim `name` of the verified token at `verified`.
///
/// # Safety
/// As `read`; `name` readable for `name_len` bytes.
unsafe fn claim(
    verified: *const jwt_verified,
    name: *const u8,
    name_len: usize,
    body: impl FnOnce(&Verified<'static>, JsonValue<'static>) -> Result<(), jwt_status>,
) -> jwt_status {
    // SAFETY: forwarded contract, for the token and for `name`.
    unsafe {
        read(verified, |v| {
            let name = text(name, name_len)?;
            body(v, v.claim(name).ok_or(jwt_status::JWT_ERR_CLAIM_ABSENT)?)
        })
    }
}

/// The unescaped text of a string claim, in the scratch buffer.
fn string(v: &Verified<'static>, value: JsonValue<'static>) -> Result<&'static str, jwt_status> {
    if value.kind() != JsonKind::String {
        return Err(jwt_status::JWT_ERR_CLAIM_TYPE);
    }
    let raw = value.as_str().ok_or(jwt_status::JWT_ERR_CLAIM_TYPE)?;
    v.unescaped(raw).map_err(of_error)
}

/// Copies a header string, unescaped and NUL-terminated, into `buf`.
///
/// # Safety
/// As `jwt_verified_kid`.
unsafe fn copy_header(
    member: Option<JsonStr<'_>>,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> Result<(), jwt_status> {
    let member = member.ok_or(jwt_status::JWT_ERR_CLAIM_ABSENT)?;
    // SAFETY: forwarded contract.
    let out = unsafe { crate::args::bytes_mut(buf.cast::<u8>(), cap) }?;
    let room = out
        .len()
        .checked_sub(1)
        .ok_or(jwt_status::JWT_ERR_BUFFER_TOO_SMALL)?;
    let body = out
        .get_mut(..room)
        .ok_or(jwt_status::JWT_ERR_BUFFER_TOO_SMALL)?;
    let written = member.unescape_into(body).map_err(of_error)?.len();
    *out.get_mut(written)
        .ok_or(jwt_status::JWT_ERR_BUFFER_TOO_SMALL)? = 0;
    // SAFETY: forwarded contract.
    unsafe { put_out(len, written) }
}

/// Writes a registered date, or says it is absent.
///
/// # Safety
/// `out` null or writable.
unsafe fn put_date(date: Option<u64>, out: *mut u64) -> Result<(), jwt_status> {
    let date = date.ok_or(jwt_status::JWT_ERR_CLAIM_ABSENT)?;
    // SAFETY: forwarded contract.
    unsafe { put_out(out, date) }
}
