//! The opaque signer: a C callback that signs with a key this library never sees (a PSA key
//! id, a secure element, a modem), wrapped in the core's `OpaqueSigner`, which checks each
//! signature against the public key before the token is released.

use core::cell::Cell;
use core::ffi::{c_int, c_void};
use core::marker::PhantomData;

#[cfg(feature = "eddsa")]
use jwt_core::Ed25519VerifyingKey;
#[cfg(feature = "es256")]
use jwt_core::Es256VerifyingKey;
use jwt_core::{Error, OpaqueSigner, SignHeader, SigningKey, VerifyingKey};

use crate::args::{bytes_mut, put_out, read, status};
use crate::key::{Key, jwt_key};
use crate::sign::{inputs, jwt_sign_header};
use crate::status::{jwt_status, of_error};

/// The signing callback: sign the `msg_len` bytes at `msg` (the JWS signing input, not its
/// digest) and write the raw signature (ES256: `r || s`, 64 bytes; Ed25519: 64 bytes) to `sig`,
/// which has room for `sig_cap` bytes, and its length to `sig_len`. Return 0 on success; any
/// other value is reported as `JWT_ERR_SIGNER_FAILED`.
pub type jwt_signer_fn = Option<
    unsafe extern "C" fn(
        ctx: *mut c_void,
        msg: *const u8,
        msg_len: usize,
        sig: *mut u8,
        sig_cap: usize,
        sig_len: *mut usize,
    ) -> c_int,
>;

/// `jwt_signer.options` bit: release each signature without verifying it against the public key
/// first. Only for a backend whose output is checked some other way: without the check, a
/// faulty backend's zero or DER signature leaves the device as a token every verifier refuses.
pub const JWT_SIGNER_WITHOUT_SELF_CHECK: u32 = 1;

/// A signer whose key lives elsewhere: `sign` is called with `ctx` once per token. Each
/// signature is verified with the signer's public key before the token is written, unless
/// `options` has `JWT_SIGNER_WITHOUT_SELF_CHECK`; a zero-initialized `options` keeps the check.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_signer {
    /// Passed to `sign` unchanged (a key id, a device handle).
    pub ctx: *mut c_void,
    /// The callback.
    pub sign: jwt_signer_fn,
    /// `JWT_SIGNER_*` bits; 0 for the default.
    pub options: u32,
}

/// Signs `claims` as `jwt_sign` does, with `signer` producing the
/// signature for the algorithm of `public_key` (an ES256 or Ed25519 verifying key: the
/// signer's own). Every signature is verified with `public_key` before the token is written:
/// a wrong one (all zeros, DER instead of `r || s`, another key's) is `JWT_ERR_SIGNER_FAULT`,
/// a wrong length `JWT_ERR_SIGNER_FAULT` too, and a callback returning non-zero
/// `JWT_ERR_SIGNER_FAILED`.
///
/// # Safety
/// `signer` a readable `jwt_signer` whose callback is sound for `ctx`; otherwise as `jwt_sign`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_sign_opaque(
    signer: *const jwt_signer,
    public_key: *const jwt_key,
    header: *const jwt_sign_header,
    claims: *const u8,
    claims_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jwt_status {
    status(|| {
        // SAFETY: forwarded contract.
        let (signer, (key, header, claims)) = unsafe {
            (
                read(signer)?,
                inputs(public_key, header, claims, claims_len)?,
            )
        };
        if signer.sign.is_none() {
            return Err(jwt_status::JWT_ERR_NULL_POINTER);
        }
        if signer.options & !JWT_SIGNER_WITHOUT_SELF_CHECK != 0 {
            return Err(jwt_status::JWT_ERR_INVALID_ARGUMENT);
        }
        // SAFETY: forwarded contract.
        let out = unsafe { bytes_mut(out, out_cap) }?;
        let written = with_public(
            key,
            Sign {
                signer,
                header: &header,
                claims,
                out,
            },
        )?;
        // SAFETY: forwarded contract.
        unsafe { put_out(out_len, written) }
    })
}

/// The exact length in bytes of the token `jwt_sign_opaque` produces with the signer whose
/// verifying key is `public_key` (ES256 or Ed25519) for this header and these claims, into
/// `len`.
///
/// # Safety
/// As `jwt_signed_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_sign_opaque_len(
    public_key: *const jwt_key,
    header: *const jwt_sign_header,
    claims: *const u8,
    claims_len: usize,
    len: *mut usize,
) -> jwt_status {
    status(|| {
        // SAFETY: forwarded contract.
        let (key, header, claims) = unsafe { inputs(public_key, header, claims, claims_len) }?;
        let length = with_public(
            key,
            Length {
                header: &header,
                claims,
            },
        )?;
        // SAFETY: forwarded contract.
        unsafe { put_out(len, length) }
    })
}

/// Work to do with the verifying key in a `jwt_key`, whichever algorithm it is for.
trait WithPublic {
    fn with<V: CallbackAlgorithm>(self, public: &V) -> Result<usize, jwt_status>;
}

/// Runs `work` with the verifying key `key` holds: the one place that dispatches on it.
fn with_public(key: &Key, work: impl WithPublic) -> Result<usize, jwt_status> {
    match key {
        #[cfg(feature = "es256")]
        Key::Es256Public(public) => work.with(public),
        #[cfg(feature = "eddsa")]
        Key::Ed25519Public(public) => work.with(public),
        _ => Err(jwt_status::JWT_ERR_WRONG_KEY_TYPE),
    }
}

/// Signing through the callback.
struct Sign<'a> {
    signer: jwt_signer,
    header: &'a SignHeader<'a>,
    claims: &'a [u8],
    out: &'a mut [u8],
}

impl WithPublic for Sign<'_> {
    fn with<V: CallbackAlgorithm>(self, public: &V) -> Result<usize, jwt_status> {
        Callback::sign(self.signer, public, self.header, self.claims, self.out)
    }
}

/// The length of the token signing through a callback would produce.
struct Length<'a> {
    header: &'a SignHeader<'a>,
    claims: &'a [u8],
}

impl WithPublic for Length<'_> {
    fn with<V: CallbackAlgorithm>(self, _: &V) -> Result<usize, jwt_status> {
        let unused = jwt_signer {
            ctx: core::ptr::null_mut(),
            sign: None,
            options: 0,
        };
        Ok(jwt_core::signed_json_len(
            &Callback::<V>::new(unused),
            self.header,
            self.claims,
        ))
    }
}

/// The algorithms a callback can sign for, with their fixed signature lengths.
pub(crate) trait CallbackAlgorithm: VerifyingKey {
    const SIGNATURE_LEN: usize;
}

#[cfg(feature = "es256")]
impl CallbackAlgorithm for Es256VerifyingKey {
    const SIGNATURE_LEN: usize = 64;
}

#[cfg(feature = "eddsa")]
impl CallbackAlgorithm for Ed25519VerifyingKey {
    const SIGNATURE_LEN: usize = 64;
}

/// A C callback as the core's `SigningKey` for the algorithm of `V`.
struct Callback<V> {
    signer: jwt_signer,
    /// Set when the callback itself reported failure, which the core sees as a fault.
    failed: Cell<bool>,
    algorithm: PhantomData<V>,
}

impl<V: CallbackAlgorithm> Callback<V> {
    const fn new(signer: jwt_signer) -> Self {
        Self {
            signer,
            failed: Cell::new(false),
            algorithm: PhantomData,
        }
    }

    /// Signs through the callback with the self-check against `public` on.
    fn sign(
        signer: jwt_signer,
        public: &V,
        header: &SignHeader<'_>,
        claims: &[u8],
        out: &mut [u8],
    ) -> Result<usize, jwt_status> {
        let callback = Self::new(signer);
        let mut checked = OpaqueSigner::new(&callback, public).map_err(of_error)?;
        if signer.options & JWT_SIGNER_WITHOUT_SELF_CHECK != 0 {
            checked = checked.without_self_check();
        }
        match jwt_core::sign_json(&checked, header, claims, out) {
            Ok(token) => Ok(token.len()),
            Err(_) if callback.failed.get() => Err(jwt_status::JWT_ERR_SIGNER_FAILED),
            Err(error) => Err(of_error(error)),
        }
    }
}

impl<V: CallbackAlgorithm> SigningKey for Callback<V> {
    const ALG: &'static str = V::ALG;

    fn signature_len(&self) -> usize {
        V::SIGNATURE_LEN
    }

    fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
        let sig = out
            .get_mut(..V::SIGNATURE_LEN)
            .ok_or(Error::BufferTooSmall)?;
        let Some(sign) = self.signer.sign else {
            self.failed.set(true);
            return Err(Error::SignerFault);
        };
        let mut len = 0usize;
        // SAFETY: the callback is sound for `ctx` (the caller's contract); `signing_input` is
        // readable and `sig` writable for the lengths passed, and `len` is a live local.
        let rc = unsafe {
            sign(
                self.signer.ctx,
                signing_input.as_ptr(),
                signing_input.len(),
                sig.as_mut_ptr(),
                sig.len(),
                &raw mut len,
            )
        };
        if rc != 0 {
            self.failed.set(true);
            return Err(Error::SignerFault);
        }
        if len == V::SIGNATURE_LEN {
            Ok(())
        } else {
            Err(Error::SignerFault)
        }
    }
}
