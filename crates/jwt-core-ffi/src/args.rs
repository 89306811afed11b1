//! C arguments as Rust values: pointer-and-length pairs as slices and strings, out-pointers as
//! places to write. The one file besides `slot` that dereferences a C pointer.

use core::ptr;

use crate::status::jwt_status;

/// A byte string as C passes it: a pointer and a length (no NUL needed).
///
/// `ptr` may be NULL only when `len` is 0. In `jwt_policy` and `jwt_sign_header`, a NULL `ptr`
/// means "not set".
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_str {
    /// The first byte.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

impl jwt_str {
    /// A view of `text`.
    pub(crate) const fn of(text: &[u8]) -> Self {
        Self {
            ptr: text.as_ptr(),
            len: text.len(),
        }
    }

    /// Not set.
    pub(crate) const NONE: Self = Self {
        ptr: ptr::null(),
        len: 0,
    };

    /// The string, or `None` when its pointer is NULL.
    ///
    /// # Safety
    /// As [`bytes`].
    pub(crate) unsafe fn optional<'a>(self) -> Result<Option<&'a str>, jwt_status> {
        if self.ptr.is_null() {
            return Ok(None);
        }
        // SAFETY: forwarded contract.
        unsafe { text(self.ptr, self.len) }.map(Some)
    }
}

/// The `len` bytes at `ptr`; NULL is the empty slice only when `len` is 0.
///
/// # Safety
/// A non-null `ptr` must be valid for reads of `len` bytes for `'a`, unchanged meanwhile.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], jwt_status> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(jwt_status::JWT_ERR_NULL_POINTER)
        };
    }
    if isize::try_from(len).is_err() {
        return Err(jwt_status::JWT_ERR_LENGTH_TOO_LARGE);
    }
    // SAFETY: non-null, `len` fits an `isize`, readable for `'a` (the caller's contract).
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// The `len` bytes at `ptr`, writable; NULL is the empty slice only when `len` is 0.
///
/// # Safety
/// A non-null `ptr` must be valid for writes of `len` bytes for `'a`, with no other access.
pub(crate) unsafe fn bytes_mut<'a>(ptr: *mut u8, len: usize) -> Result<&'a mut [u8], jwt_status> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&mut [])
        } else {
            Err(jwt_status::JWT_ERR_NULL_POINTER)
        };
    }
    if isize::try_from(len).is_err() {
        return Err(jwt_status::JWT_ERR_LENGTH_TOO_LARGE);
    }
    // SAFETY: non-null, `len` fits an `isize`, exclusively writable (the caller's contract).
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// The `len` bytes at `ptr` as UTF-8 text.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, jwt_status> {
    // SAFETY: forwarded contract.
    let raw = unsafe { bytes(ptr, len) }?;
    core::str::from_utf8(raw).map_err(|_| jwt_status::JWT_ERR_NOT_UTF8)
}

/// Writes `value` through the out-pointer `out`.
///
/// # Safety
/// A non-null `out` must be valid for writes of a `T` (alignment included).
pub(crate) unsafe fn put_out<T>(out: *mut T, value: T) -> Result<(), jwt_status> {
    if out.is_null() {
        return Err(jwt_status::JWT_ERR_NULL_POINTER);
    }
    if !out.is_aligned() {
        return Err(jwt_status::JWT_ERR_MISALIGNED);
    }
    // SAFETY: non-null, aligned, writable (the caller's contract).
    unsafe { ptr::write(out, value) };
    Ok(())
}

/// The C struct at `arg`, borrowed.
///
/// # Safety
/// A non-null `arg` must be valid for reads of a `T` holding a valid `T`, unchanged for `'a`.
pub(crate) unsafe fn borrow<'a, T>(arg: *const T) -> Result<&'a T, jwt_status> {
    if arg.is_null() {
        return Err(jwt_status::JWT_ERR_NULL_POINTER);
    }
    if !arg.is_aligned() {
        return Err(jwt_status::JWT_ERR_MISALIGNED);
    }
    // SAFETY: non-null, aligned, readable and unchanged for `'a` (the caller's contract).
    Ok(unsafe { &*arg })
}

/// Reads the C struct at `arg`.
///
/// # Safety
/// A non-null `arg` must be valid for reads of a `T` holding a valid `T`.
pub(crate) unsafe fn read<T: Copy>(arg: *const T) -> Result<T, jwt_status> {
    if arg.is_null() {
        return Err(jwt_status::JWT_ERR_NULL_POINTER);
    }
    if !arg.is_aligned() {
        return Err(jwt_status::JWT_ERR_MISALIGNED);
    }
    // SAFETY: non-null, aligned, readable (the caller's contract).
    Ok(unsafe { ptr::read(arg) })
}

/// Copies `text` into `buf` of `cap` bytes with a NUL after it, and its length (without the
/// NUL) to `len`.
///
/// # Safety
/// As [`bytes_mut`] for `buf`/`cap` and [`put_out`] for `len`.
pub(crate) unsafe fn copy_nul_terminated(
    text: &[u8],
    buf: *mut core::ffi::c_char,
    cap: usize,
    len: *mut usize,
) -> Result<(), jwt_status> {
    // SAFETY: forwarded contract.
    let out = unsafe { bytes_mut(buf.cast::<u8>(), cap) }?;
    let (body, rest) = out
        .split_at_mut_checked(text.len())
        .ok_or(jwt_status::JWT_ERR_BUFFER_TOO_SMALL)?;
    let nul = rest
        .first_mut()
        .ok_or(jwt_status::JWT_ERR_BUFFER_TOO_SMALL)?;
    body.copy_from_slice(text);
    *nul = 0;
    // SAFETY: forwarded contract.
    unsafe { put_out(len, text.len()) }
}

/// Runs an entry point's body and turns its outcome into the status C receives.
pub(crate) fn status(body: impl FnOnce() -> Result<(), jwt_status>) -> jwt_status {
    match body() {
        Ok(()) => jwt_status::JWT_OK,
        Err(status) => status,
    }
}
