//! Rust values in storage the C caller owns: a word of magic, then the value.
//!
//! Every object of the C API (a key, a verified token, a replay guard) is a fixed-size array of
//! `uint64_t`, aligned to 16 bytes, that the caller declares wherever it likes: on the stack, in
//! `.bss`, inside its own structs. The first word says what the rest holds, the second is
//! reserved, and the object starts at byte 16 (some of them need 16-byte alignment on 64-bit
//! hosts). The magic so a pointer to storage that was never
//! initialized, was cleared, or holds another kind of object is refused with its own status
//! instead of being read. This file is the only one that turns those pointers into references.

use core::mem::{align_of, size_of};
use core::ptr;

use crate::status::jwt_status;

/// The alignment of every C storage struct (`#[repr(C, align(16))]`), checked on every call.
pub(crate) const ALIGN: usize = 16;
/// The words before the object: the magic and one reserved word.
const HEADER_WORDS: usize = 2;

/// A kind of object kept in caller storage of `WORDS` words.
pub(crate) trait Slot: Sized {
    /// The first word of initialized storage: distinct per kind, unlikely in garbage.
    const MAGIC: u64;
    /// The storage's length in words, magic included.
    const WORDS: usize;
    /// Compile-time proof that `Self` fits after the two header words, at its alignment.
    const FITS: () = assert!(
        size_of::<Self>() <= (Self::WORDS - HEADER_WORDS) * 8 && align_of::<Self>() <= ALIGN,
        "the C storage is too small or too weakly aligned for this object"
    );
}

/// Moves `value` into the storage at `words`, after wiping whatever it held (a previous key is
/// dropped, which zeroizes it, and every word overwritten, as [`clear`] does).
///
/// # Safety
/// As [`clear`].
pub(crate) unsafe fn put<T: Slot>(words: *mut u64, value: T) -> Result<(), jwt_status> {
    let () = T::FITS;
    // SAFETY: forwarded contract; `clear` checks null and alignment.
    unsafe { clear::<T>(words) }?;
    // SAFETY: the caller guarantees `T::WORDS` writable words; `FITS` proves `T` fits after
    // the header words at an alignment the checked 16-byte alignment satisfies.
    unsafe { ptr::write(words.add(HEADER_WORDS).cast::<T>(), value) };
    // SAFETY: `words` is valid for writes (the caller's contract) and aligned (checked above).
    unsafe { ptr::write_volatile(words, T::MAGIC) };
    Ok(())
}

/// The object in the storage at `words`, if it holds a `T`.
///
/// # Safety
/// `words` must be null or valid for reads of `T::WORDS` words for `'a`, with no writer
/// meanwhile; storage that holds `T`'s magic must hold a `T` put there by [`put`].
pub(crate) unsafe fn get<'a, T: Slot>(words: *const u64) -> Result<&'a T, jwt_status> {
    let () = T::FITS;
    if words.is_null() {
        return Err(jwt_status::JWT_ERR_NULL_POINTER);
    }
    aligned::<T>(words)?;
    // SAFETY: non-null, aligned, readable (the caller's contract); volatile, because C code
    // may have written the word behind the compiler's back.
    if unsafe { ptr::read_volatile(words) } != T::MAGIC {
        return Err(jwt_status::JWT_ERR_UNINITIALIZED);
    }
    // SAFETY: the magic says `put` stored a `T` right after it, still alive (only `clear`
    // or another `put` ends it, and both need the exclusive access the caller is not giving).
    Ok(unsafe { &*words.add(HEADER_WORDS).cast::<T>() })
}

/// The object in the storage at `words`, mutably.
///
/// # Safety
/// As [`get`], and no other reference to the storage may exist for `'a`.
pub(crate) unsafe fn get_mut<'a, T: Slot>(words: *mut u64) -> Result<&'a mut T, jwt_status> {
    // SAFETY: forwarded contract; `get` checks null, alignment and magic.
    let shared: *const T = unsafe { get::<T>(words) }?;
    // SAFETY: the caller gives exclusive access to the storage, so the object may be mutated.
    Ok(unsafe { &mut *shared.cast_mut() })
}

/// Ends the object in the storage at `words`, if any (running its destructor, which wipes key
/// material), then overwrites every word with zeros the compiler cannot elide.
///
/// # Safety
/// `words` must be null or valid for writes of `T::WORDS` words, with no other reference to it.
pub(crate) unsafe fn clear<T: Slot>(words: *mut u64) -> Result<(), jwt_status> {
    if words.is_null() {
        return Err(jwt_status::JWT_ERR_NULL_POINTER);
    }
    aligned::<T>(words)?;
    // SAFETY: non-null, aligned, readable.
    if unsafe { ptr::read_volatile(words) } == T::MAGIC {
        // SAFETY: the magic says a live `T` follows; it is dropped once, and the magic is
        // overwritten below, so nothing can reach it again.
        unsafe { ptr::drop_in_place(words.add(HEADER_WORDS).cast::<T>()) };
    }
    for i in 0..T::WORDS {
        // SAFETY: `i < T::WORDS`, all writable (the caller's contract).
        unsafe { ptr::write_volatile(words.add(i), 0) };
    }
    Ok(())
}

/// Whether `words` can hold a `T`: non-null and aligned.
pub(crate) fn usable<T: Slot>(words: *const u64) -> Result<(), jwt_status> {
    aligned::<T>(words)
}

fn aligned<T: Slot>(words: *const u64) -> Result<(), jwt_status> {
    if words.is_null() {
        Err(jwt_status::JWT_ERR_NULL_POINTER)
    } else if words.addr() & (ALIGN - 1) == 0 {
        Ok(())
    } else {
        Err(jwt_status::JWT_ERR_MISALIGNED)
    }
}
#[cfg(test)]
mod sizes {
    #[test]
    fn print() {
        std::println!(
            "SIZES key={} verified={} guard={}",
            size_of::<crate::key::Key>(),
            size_of::<crate::verify::Handle>(),
            size_of::<crate::replay::Guard>()
        );
    }
}
