//! Verification from C: the token, the key, the policy and the time go in; a status comes out,
//! and on success a verified handle that only this path creates.

use jwt_core::{Time, Validation, Verified, VerifyingKey};

use crate::args::{borrow, bytes, bytes_mut};
use crate::key::{Key, jwt_key};
use crate::policy::{Names, jwt_policy, jwt_time};
use crate::replay::{Guard, jwt_replay_guard};
use crate::slot::{self, Slot};
use crate::status::{jwt_status, of_error};

/// The size of a `jwt_verified` in 64-bit words, on a target with 64-bit pointers.
#[cfg(target_pointer_width = "64")]
pub const JWT_VERIFIED_WORDS: usize = 36;
/// The size of a `jwt_verified` in 64-bit words, on a target with 32-bit pointers (a verified
/// token lives on the stack of the call that reads it: it is sized to what it holds).
#[cfg(target_pointer_width = "32")]
pub const JWT_VERIFIED_WORDS: usize = 24;

/// A verified token in storage the caller owns. Only `jwt_verify` and `jwt_verify_once`
/// initialize it; it borrows the scratch buffer given to them, which must stay alive and
/// unchanged while the handle is read. A failed verification leaves it uninitialized.
#[repr(C, align(16))]
#[derive(Debug)]
pub struct jwt_verified {
    /// Opaque: a magic word, then the verified token.
    pub words: [u64; JWT_VERIFIED_WORDS],
}

/// What a `jwt_verified` holds: the core's proof type, its lifetime erased (the C caller keeps
/// the scratch buffer alive, as the header says).
pub(crate) struct Handle(pub(crate) Verified<'static>);

impl Slot for Handle {
    const MAGIC: u64 = u64::from_be_bytes(*b"jwt-vrf1");
    const WORDS: usize = JWT_VERIFIED_WORDS;
}

/// The scratch buffer `jwt_verify` needs for any token of `token_len` bytes: room for the
/// decoded header, the decoded payload and the unescaped text of every claim string.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_scratch_len(token_len: usize) -> usize {
    jwt_core::scratch_len_for(token_len)
}

/// Verifies the compact JWT `token` with `key`, checks it against `policy` at `time`, and on
/// success initializes `out`, which borrows `scratch`.
///
/// The steps are the core's, in its order: sizes and segments, the header, `alg` against the
/// key's own algorithm (`none` always refused), the signature over the exact received bytes,
/// and only then the claims and the policy. Every refusal has its own status.
///
/// # Safety
/// `token` readable for `token_len` bytes; `key` a `jwt_key` and `policy` a `jwt_policy`
/// (with its strings) readable during the call; `scratch` writable for `scratch_len` bytes and
/// left alone while `out` is used; `out` writable `jwt_verified` storage. Any may be NULL
/// (`JWT_ERR_NULL_POINTER`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    time: jwt_time,
    scratch: *mut u8,
    scratch_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    let args = Args {
        token,
        token_len,
        key,
        policy,
        time,
        scratch,
        scratch_len,
        out,
    };
    // SAFETY: forwarded contract.
    unsafe { args.run(Plain) }
}

/// As `jwt_verify`, then refuses a second use of the token's `jti` (`JWT_ERR_REPLAYED`) and a
/// revoked one (`JWT_ERR_REVOKED`), remembering it in `guard` until it expires.
///
/// # Safety
/// As `jwt_verify`, and `guard` an initialized `jwt_replay_guard` no other call is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_once(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    time: jwt_time,
    guard: *mut jwt_replay_guard,
    scratch: *mut u8,
    scratch_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    let args = Args {
        token,
        token_len,
        key,
        policy,
        time,
        scratch,
        scratch_len,
        out,
    };
    // SAFETY: forwarded contract; the guard is checked before it is used.
    unsafe { args.run(Guarded(guard)) }
}

/// The arguments every verification takes, as C passed them.
struct Args {
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    time: jwt_time,
    scratch: *mut u8,
    scratch_len: usize,
    out: *mut jwt_verified,
}

impl Args {
    /// The C arguments as Rust values, `check` on them, the outcome into `out`. Generic over
    /// the check so that an image calling only `jwt_verify` does not link the replay guard.
    ///
    /// # Safety
    /// As `jwt_verify` (and `jwt_verify_once` for its guard).
    unsafe fn run(self, check: impl Check) -> jwt_status {
        let words = self.out.cast::<u64>();
        // Arguments first: storage that cannot hold a handle is refused before any work.
        if let Err(status) = slot::usable::<Handle>(words) {
            return status;
        }
        // SAFETY: each pointer is as the caller's contract says.
        let verified = unsafe { self.verify(check) };
        let outcome = match verified {
            // SAFETY: `out` is writable `jwt_verified` storage (checked non-null and aligned).
            Ok(verified) => unsafe { slot::put(words, Handle(verified)) },
            // SAFETY: as above; a stale handle is ended, so a failed call leaves none readable.
            Err(status) => unsafe { slot::clear::<Handle>(words) }.and(Err(status)),
        };
        match outcome {
            Ok(()) => jwt_status::JWT_OK,
            Err(status) => status,
        }
    }

    /// # Safety
    /// As `run`.
    unsafe fn verify(self, check: impl Check) -> Result<Verified<'static>, jwt_status> {
        // SAFETY: each pointer is as the caller's contract says.
        let (token, key, policy, scratch) = unsafe {
            (
                bytes(self.token, self.token_len)?,
                crate::key::key(self.key)?,
                borrow(self.policy)?,
                bytes_mut(self.scratch, self.scratch_len)?,
            )
        };
        // SAFETY: the policy's names are readable (the caller's contract).
        let names = unsafe { Names::of(policy) }?;
        // SAFETY: as above.
        let validation = unsafe { names.validation(policy) }?;
        let time = self.time.to_time()?;
        // SAFETY: the scratch buffer outlives the handle and is left alone while it is read
        // (the caller's contract), which is what `'static` stands for here.
        let scratch: &'static mut [u8] = unsafe { &mut *core::ptr::from_mut(scratch) };
        let request = Request {
            token,
            validation: &validation,
            time,
            scratch,
        };
        match key {
            #[cfg(feature = "hs256")]
            Key::Hs256(k) => check.verify(request, k),
            #[cfg(feature = "hs384")]
            Key::Hs384(k) => check.verify(request, k),
            #[cfg(feature = "hs512")]
            Key::Hs512(k) => check.verify(request, k),
            #[cfg(feature = "es256")]
            Key::Es256Public(k) => check.verify(request, k),
            #[cfg(feature = "eddsa")]
            Key::Ed25519Public(k) => check.verify(request, k),
            #[allow(
                unreachable_patterns,
                reason = "reachable when an asymmetric algorithm is built"
            )]
            _ => Err(jwt_status::JWT_ERR_WRONG_KEY_TYPE),
        }
    }
}

/// One verification's arguments as Rust values, for whichever key type the `jwt_key` holds.
struct Request<'a> {
    token: &'a [u8],
    validation: &'a Validation<'a>,
    time: Time,
    scratch: &'static mut [u8],
}

/// What a verification checks: the token alone, or the token and its `jti` in a replay guard.
trait Check {
    fn verify<K: VerifyingKey>(
        self,
        request: Request<'_>,
        key: &K,
    ) -> Result<Verified<'static>, jwt_status>;
}

/// `jwt_verify`.
struct Plain;

impl Check for Plain {
    fn verify<K: VerifyingKey>(
        self,
        r: Request<'_>,
        key: &K,
    ) -> Result<Verified<'static>, jwt_status> {
        jwt_core::verify(r.token, key, r.validation, r.time, r.scratch).map_err(of_error)
    }
}

/// `jwt_verify_once`: the replay guard at this address.
struct Guarded(*mut jwt_replay_guard);

impl Check for Guarded {
    fn verify<K: VerifyingKey>(
        self,
        r: Request<'_>,
        key: &K,
    ) -> Result<Verified<'static>, jwt_status> {
        // SAFETY: the caller gives exclusive access to an initialized guard (`jwt_verify_once`'s
        // contract); `get_mut` checks null, alignment and that it was initialized.
        let guard = unsafe { slot::get_mut::<Guard>(self.0.cast::<u64>()) }?;
        jwt_core::verify_once(r.token, key, r.validation, r.time, &mut guard.0, r.scratch)
            .map_err(of_error)
    }
}
