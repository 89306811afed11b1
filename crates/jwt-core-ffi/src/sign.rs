//! Signing from C: header options and claims as JSON bytes in, the token in a caller buffer
//! out, its exact length computable first. The claims are checked as the Rust `sign_json`
//! checks them (valid, strict JSON; registered claims of the right types), by that function.

use jwt_core::SignHeader;

use crate::args::{bytes, bytes_mut, jwt_str, put_out, read, status};
use crate::key::{Key, jwt_key};
use crate::status::{jwt_status, of_error};

/// `$body` with `$k` bound to the signing key in `$key` (each arm its own key type), or
/// `JWT_ERR_WRONG_KEY_TYPE` for a verifying key. A macro because the body is generic over the
/// key type, which a closure cannot be.
macro_rules! with_signing_key {
    ($key:expr, |$k:ident| $body:expr) => {
        match $key {
            #[cfg(feature = "hs256")]
            Key::Hs256($k) => $body,
            #[cfg(feature = "hs384")]
            Key::Hs384($k) => $body,
            #[cfg(feature = "hs512")]
            Key::Hs512($k) => $body,
            #[cfg(feature = "es256")]
            Key::Es256Private($k) => $body,
            #[cfg(feature = "eddsa")]
            Key::Ed25519Private($k) => $body,
            #[allow(
                unreachable_patterns,
                reason = "reachable when an asymmetric algorithm is built"
            )]
            _ => Err(jwt_status::JWT_ERR_WRONG_KEY_TYPE),
        }
    };
}

/// `jwt_sign_header.options` bit: leave `typ` out of the header (by default it is `"JWT"`).
pub const JWT_HEADER_OMIT_TYP: u32 = 1;

/// The protected header of a token to sign. `alg` is the key's, never set here. Start from
/// `jwt_sign_header_default()`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_sign_header {
    /// `kid`; a NULL `ptr`: none.
    pub kid: jwt_str,
    /// `typ`; a NULL `ptr`: `"JWT"`, unless `JWT_HEADER_OMIT_TYP` is set.
    pub typ: jwt_str,
    /// `cty`; a NULL `ptr`: none.
    pub cty: jwt_str,
    /// `JWT_HEADER_*` bits.
    pub options: u32,
}

/// `{"alg":…,"typ":"JWT"}`: no `kid`, no `cty`.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_sign_header_default() -> jwt_sign_header {
    jwt_sign_header {
        kid: jwt_str::NONE,
        typ: jwt_str::NONE,
        cty: jwt_str::NONE,
        options: 0,
    }
}

/// The exact length in bytes of the token `jwt_sign` produces with the signing key `key` for
/// this header and these claims, into `len` (`JWT_ERR_WRONG_KEY_TYPE` for a verifying key; an
/// opaque signer's is `jwt_sign_opaque_len`).
///
/// # Safety
/// `key` a readable `jwt_key`; `header` a readable `jwt_sign_header` with readable strings;
/// `claims` readable for `claims_len` bytes; `len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_signed_len(
    key: *const jwt_key,
    header: *const jwt_sign_header,
    claims: *const u8,
    claims_len: usize,
    len: *mut usize,
) -> jwt_status {
    status(|| {
        // SAFETY: forwarded contract.
        let (key, header, claims) = unsafe { inputs(key, header, claims, claims_len) }?;
        let length = with_signing_key!(key, |k| Ok(jwt_core::signed_json_len(k, &header, claims)))?;
        // SAFETY: forwarded contract.
        unsafe { put_out(len, length) }
    })
}

/// Signs `claims` (a JSON object, checked as verification would check it) with the signing key
/// `key` under `header`, writing the token into `out` of `out_cap` bytes and its length to
/// `out_len`. The token is not NUL-terminated. `JWT_ERR_BUFFER_TOO_SMALL` when `out_cap` is
/// under `jwt_signed_len`; `JWT_ERR_WRONG_KEY_TYPE` for a verifying key.
///
/// # Safety
/// As `jwt_signed_len`; `out` writable for `out_cap` bytes; `out_len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_sign(
    key: *const jwt_key,
    header: *const jwt_sign_header,
    claims: *const u8,
    claims_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jwt_status {
    status(|| {
        // SAFETY: forwarded contract.
        let (key, header, claims) = unsafe { inputs(key, header, claims, claims_len) }?;
        // SAFETY: forwarded contract.
        let buf = unsafe { bytes_mut(out, out_cap) }?;
        let written = with_signing_key!(key, |k| jwt_core::sign_json(k, &header, claims, buf)
            .map(str::len)
            .map_err(of_error))?;
        // SAFETY: forwarded contract.
        unsafe { put_out(out_len, written) }
    })
}

/// The key, the header and the claims of a signing call, as Rust values.
///
/// # Safety
/// As `jwt_signed_len`, for `'a`.
pub(crate) unsafe fn inputs<'a>(
    key: *const jwt_key,
    header: *const jwt_sign_header,
    claims: *const u8,
    claims_len: usize,
) -> Result<(&'a Key, SignHeader<'a>, &'a [u8]), jwt_status> {
    // SAFETY: forwarded contract.
    unsafe {
        Ok((
            crate::key::key(key)?,
            read(header)?.core_header()?,
            bytes(claims, claims_len)?,
        ))
    }
}

impl jwt_sign_header {
    /// The core's header for these options.
    ///
    /// # Safety
    /// The strings must be readable as their lengths say, for `'a`.
    pub(crate) unsafe fn core_header<'a>(self) -> Result<SignHeader<'a>, jwt_status> {
        if self.options & !JWT_HEADER_OMIT_TYP != 0 {
            return Err(jwt_status::JWT_ERR_INVALID_ARGUMENT);
        }
        let mut header = SignHeader::new();
        // SAFETY: forwarded contract.
        let (kid, typ, cty) = unsafe {
            (
                self.kid.optional()?,
                self.typ.optional()?,
                self.cty.optional()?,
            )
        };
        match (typ, self.options & JWT_HEADER_OMIT_TYP != 0) {
            (Some(_), true) => return Err(jwt_status::JWT_ERR_INVALID_ARGUMENT),
            (Some(typ), false) => header = header.typ(typ),
            (None, true) => header = header.without_typ(),
            (None, false) => {}
        }
        if let Some(kid) = kid {
            header = header.kid(kid);
        }
        if let Some(cty) = cty {
            header = header.cty(cty);
        }
        Ok(header)
    }
}
