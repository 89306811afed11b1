//! Keys in caller storage: built from raw bytes or a JWK, wiped by `jwt_key_clear` and on every
//! error path. Each key knows its algorithm, as in the core: a C caller never names one.

#[cfg(feature = "hs256")]
use jwt_core::Hs256Key;
#[cfg(feature = "hs384")]
use jwt_core::Hs384Key;
#[cfg(feature = "hs512")]
use jwt_core::Hs512Key;
#[cfg(feature = "eddsa")]
use jwt_core::{Ed25519SigningKey, Ed25519VerifyingKey};
#[cfg(feature = "es256")]
use jwt_core::{Es256SigningKey, Es256VerifyingKey};

use crate::args::{bytes, status};
use crate::slot::{self, Slot};
use crate::status::{jwt_status, of_error};

/// The size of a `jwt_key` in 64-bit words.
pub const JWT_KEY_WORDS: usize = 48;

/// A key in storage the caller owns (stack, static, inside its own struct): size and
/// alignment are fixed by this header, nothing is allocated. Initialize it with one of the
/// `jwt_key_*` constructors; wipe it with `jwt_key_clear`. It may be moved with `memcpy` while
/// no call is using it; never edit its words.
#[repr(C, align(16))]
#[derive(Debug)]
pub struct jwt_key {
    /// Opaque: a magic word, then the key.
    pub words: [u64; JWT_KEY_WORDS],
}

/// What a `jwt_key` holds.
pub(crate) enum Key {
    #[cfg(feature = "hs256")]
    Hs256(Hs256Key),
    #[cfg(feature = "hs384")]
    Hs384(Hs384Key),
    #[cfg(feature = "hs512")]
    Hs512(Hs512Key),
    #[cfg(feature = "es256")]
    Es256Public(Es256VerifyingKey),
    #[cfg(feature = "es256")]
    Es256Private(Es256SigningKey),
    #[cfg(feature = "eddsa")]
    Ed25519Public(Ed25519VerifyingKey),
    #[cfg(feature = "eddsa")]
    Ed25519Private(Ed25519SigningKey),
}

impl Key {
    /// The verifying key of a signing key.
    fn public(&self) -> Result<Self, jwt_status> {
        match self {
            #[cfg(feature = "es256")]
            Self::Es256Private(k) => Ok(Self::Es256Public(k.verifying_key())),
            #[cfg(feature = "eddsa")]
            Self::Ed25519Private(k) => Ok(Self::Ed25519Public(k.verifying_key())),
            _ => Err(jwt_status::JWT_ERR_WRONG_KEY_TYPE),
        }
    }
}

impl Slot for Key {
    const MAGIC: u64 = u64::from_be_bytes(*b"jwt-key1");
    const WORDS: usize = JWT_KEY_WORDS;
}

/// The key at `key`.
///
/// # Safety
/// `key` must be null or point to a `jwt_key` readable for `'a`.
pub(crate) unsafe fn key<'a>(key: *const jwt_key) -> Result<&'a Key, jwt_status> {
    // SAFETY: forwarded contract; `get` checks null, alignment and magic.
    unsafe { slot::get::<Key>(key.cast::<u64>()) }
}

/// Builds a key from the `len` bytes at `material` into `out`; on any error `out` is wiped.
///
/// # Safety
/// `out` must be null or point to writable `jwt_key` storage; a non-null `material` must be
/// readable for `len` bytes.
unsafe fn build(
    out: *mut jwt_key,
    material: *const u8,
    len: usize,
    make: impl FnOnce(&[u8]) -> Result<Key, jwt_status>,
) -> jwt_status {
    let words = out.cast::<u64>();
    let built = (|| {
        // SAFETY: forwarded contract.
        let material = unsafe { bytes(material, len) }?;
        let key = make(material)?;
        // SAFETY: `out` is writable `jwt_key` storage (the caller's contract); `put` checks
        // null and alignment.
        unsafe { slot::put(words, key) }
    })();
    match built {
        Ok(()) => jwt_status::JWT_OK,
        Err(status) => {
            // SAFETY: as above; `clear` checks null and alignment, and never reads a key from
            // storage that does not carry the magic.
            let _ = unsafe { slot::clear::<Key>(words) };
            status
        }
    }
}

/// An HS256 key from a secret of at least 32 bytes (`JWT_ERR_WEAK_KEY` otherwise; a secret
/// shaped like a PEM, JWK or DER key is `JWT_ERR_KEY_AS_SECRET`).
///
/// # Safety
/// `out` must be null or point to writable `jwt_key` storage; a non-null `secret` must be
/// readable for `secret_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_hs256(
    out: *mut jwt_key,
    secret: *const u8,
    secret_len: usize,
) -> jwt_status {
    #[cfg(feature = "hs256")]
    let make = |s: &[u8]| Hs256Key::new(s).map(Key::Hs256).map_err(of_error);
    #[cfg(not(feature = "hs256"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, secret, secret_len, make) }
}

/// An HS384 key from a secret of at least 48 bytes.
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_hs384(
    out: *mut jwt_key,
    secret: *const u8,
    secret_len: usize,
) -> jwt_status {
    #[cfg(feature = "hs384")]
    let make = |s: &[u8]| Hs384Key::new(s).map(Key::Hs384).map_err(of_error);
    #[cfg(not(feature = "hs384"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, secret, secret_len, make) }
}

/// An HS512 key from a secret of at least 64 bytes.
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_hs512(
    out: *mut jwt_key,
    secret: *const u8,
    secret_len: usize,
) -> jwt_status {
    #[cfg(feature = "hs512")]
    let make = |s: &[u8]| Hs512Key::new(s).map(Key::Hs512).map_err(of_error);
    #[cfg(not(feature = "hs512"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, secret, secret_len, make) }
}

/// An ES256 verifying key from a SEC1 public point (65 bytes uncompressed or 33 compressed).
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_es256_public(
    out: *mut jwt_key,
    sec1: *const u8,
    sec1_len: usize,
) -> jwt_status {
    #[cfg(feature = "es256")]
    let make = |b: &[u8]| {
        Es256VerifyingKey::from_sec1_bytes(b)
            .map(Key::Es256Public)
            .map_err(of_error)
    };
    #[cfg(not(feature = "es256"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, sec1, sec1_len, make) }
}

/// An ES256 verifying key from a public JWK (`{"kty":"EC","crv":"P-256","x":…,"y":…}`).
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_es256_public_jwk(
    out: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    #[cfg(feature = "es256")]
    let make = |b: &[u8]| {
        Es256VerifyingKey::from_jwk(b)
            .map(Key::Es256Public)
            .map_err(of_error)
    };
    #[cfg(not(feature = "es256"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, jwk, jwk_len, make) }
}

/// An ES256 signing key from its 32-byte private scalar (big-endian).
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_es256_private(
    out: *mut jwt_key,
    scalar: *const u8,
    scalar_len: usize,
) -> jwt_status {
    #[cfg(feature = "es256")]
    let make = |b: &[u8]| {
        Es256SigningKey::from_bytes(b)
            .map(Key::Es256Private)
            .map_err(of_error)
    };
    #[cfg(not(feature = "es256"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, scalar, scalar_len, make) }
}

/// An Ed25519 verifying key from its 32-byte public key.
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_ed25519_public(
    out: *mut jwt_key,
    public_key: *const u8,
    public_key_len: usize,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    let make = |b: &[u8]| {
        Ed25519VerifyingKey::from_bytes(b)
            .map(Key::Ed25519Public)
            .map_err(of_error)
    };
    #[cfg(not(feature = "eddsa"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, public_key, public_key_len, make) }
}

/// An Ed25519 verifying key from a public JWK (`{"kty":"OKP","crv":"Ed25519","x":…}`).
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_ed25519_public_jwk(
    out: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    let make = |b: &[u8]| {
        Ed25519VerifyingKey::from_jwk(b)
            .map(Key::Ed25519Public)
            .map_err(of_error)
    };
    #[cfg(not(feature = "eddsa"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, jwk, jwk_len, make) }
}

/// An Ed25519 signing key from its 32-byte seed.
///
/// # Safety
/// As `jwt_key_hs256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_ed25519_private(
    out: *mut jwt_key,
    seed: *const u8,
    seed_len: usize,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    let make = |b: &[u8]| {
        Ed25519SigningKey::from_bytes(b)
            .map(Key::Ed25519Private)
            .map_err(of_error)
    };
    #[cfg(not(feature = "eddsa"))]
    let make = unsupported;
    // SAFETY: forwarded contract.
    unsafe { build(out, seed, seed_len, make) }
}

/// The verifying key of the signing key `signing` (ES256 or Ed25519), into `out`: what a
/// device hands to its verifiers, and the public half an opaque signer checks itself against.
///
/// # Safety
/// `signing` must be null or point to a readable `jwt_key`; `out` must be null or point to
/// writable `jwt_key` storage. They may be the same: the signing key is then wiped and
/// replaced by its public key.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_public(out: *mut jwt_key, signing: *const jwt_key) -> jwt_status {
    if out.is_null() {
        return jwt_status::JWT_ERR_NULL_POINTER;
    }
    status(|| {
        // SAFETY: forwarded contract.
        let public = unsafe { key(signing) }?.public()?;
        // SAFETY: `out` is writable `jwt_key` storage (the caller's contract).
        unsafe { slot::put(out.cast::<u64>(), public) }
    })
}

/// Wipes `key`: the key material is zeroized and every word of the storage overwritten, so the
/// struct reads as uninitialized afterwards. Safe to call on storage that holds no key.
///
/// # Safety
/// `key` must be null or point to writable `jwt_key` storage that no other call is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_clear(key: *mut jwt_key) -> jwt_status {
    // SAFETY: forwarded contract.
    match unsafe { slot::clear::<Key>(key.cast::<u64>()) } {
        Ok(()) => jwt_status::JWT_OK,
        Err(status) => status,
    }
}

#[cfg(not(all(
    feature = "hs256",
    feature = "hs384",
    feature = "hs512",
    feature = "es256",
    feature = "eddsa"
)))]
fn unsupported(_: &[u8]) -> Result<Key, jwt_status> {
    Err(jwt_status::JWT_ERR_UNSUPPORTED)
}
