//! The core's fixed-capacity replay guard in caller storage.

use jwt_core::ReplayGuard;

use crate::args::{bytes, status, text};
use crate::policy::jwt_time;
use crate::slot::{self, Slot};
use crate::status::{jwt_status, of_error};

/// How many unexpired tokens a `jwt_replay_guard` remembers.
pub const JWT_REPLAY_CAPACITY: usize = 32;
/// The size of a `jwt_replay_guard` in 64-bit words.
pub const JWT_REPLAY_GUARD_WORDS: usize = 160;

/// A replay guard in storage the caller owns: remembers up to `JWT_REPLAY_CAPACITY` accepted
/// `jti`s (as keyed 16-byte digests) until their tokens expire. Initialize it with
/// `jwt_replay_guard_init`; it is not safe to use from two threads at once.
#[repr(C, align(16))]
#[derive(Debug)]
pub struct jwt_replay_guard {
    /// Opaque: a magic word, then the guard.
    pub words: [u64; JWT_REPLAY_GUARD_WORDS],
}

pub(crate) struct Guard(pub(crate) ReplayGuard<JWT_REPLAY_CAPACITY>);

impl Slot for Guard {
    const MAGIC: u64 = u64::from_be_bytes(*b"jwt-rpg1");
    const WORDS: usize = JWT_REPLAY_GUARD_WORDS;
}

/// An empty guard whose digests are keyed with the 32 bytes at `device_key` (random, secret,
/// per device). Tokens without `jti` are refused with `JWT_ERR_MISSING_CLAIM`.
///
/// # Safety
/// `guard` must be null or point to writable `jwt_replay_guard` storage; a non-null
/// `device_key` must be readable for 32 bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_replay_guard_init(
    guard: *mut jwt_replay_guard,
    device_key: *const u8,
) -> jwt_status {
    status(|| {
        // SAFETY: forwarded contract.
        let device_key: &[u8; 32] = unsafe { bytes(device_key, 32) }?
            .try_into()
            .map_err(|_| jwt_status::JWT_ERR_LENGTH_TOO_LARGE)?;
        // SAFETY: `guard` is writable storage (the caller's contract); `put` checks null and
        // alignment.
        unsafe { slot::put(guard.cast::<u64>(), Guard(ReplayGuard::new(device_key))) }
    })
}

/// Revokes the token whose `jti` is the `jti_len` bytes at `jti` until `until` (seconds since
/// the epoch), as of `time`: a later `jwt_verify_once` of it is `JWT_ERR_REVOKED`.
///
/// # Safety
/// `guard` an initialized `jwt_replay_guard` no other call is using; `jti` readable for
/// `jti_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_replay_guard_revoke(
    guard: *mut jwt_replay_guard,
    jti: *const u8,
    jti_len: usize,
    until: u64,
    time: jwt_time,
) -> jwt_status {
    status(|| {
        // SAFETY: forwarded contract.
        let guard = unsafe { slot::get_mut::<Guard>(guard.cast::<u64>()) }?;
        // SAFETY: forwarded contract.
        let jti = unsafe { text(jti, jti_len) }?;
        guard
            .0
            .revoke(jti, until, time.to_time()?)
            .map_err(of_error)
    })
}

/// Wipes `guard` (its digest key and every entry).
///
/// # Safety
/// `guard` must be null or point to writable `jwt_replay_guard` storage no other call is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_replay_guard_clear(guard: *mut jwt_replay_guard) -> jwt_status {
    // SAFETY: forwarded contract.
    status(|| unsafe { slot::clear::<Guard>(guard.cast::<u64>()) })
}
