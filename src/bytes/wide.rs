//! Vectorized and eight-at-a-time searches (the `fast` feature): the token is the longest
//! input, and NumericDates have ten digits.

use super::run_until;

/// The positions of `byte` in `haystack`, in order, a word or a vector at a time.
pub(crate) fn positions(haystack: &[u8], byte: u8) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(byte, haystack)
}

/// The number of ASCII digits at the start of `bytes`, eight at a time (NumericDates have ten).
pub(crate) fn digit_run(bytes: &[u8]) -> usize {
    run_until(bytes, non_digits, |b| !b.is_ascii_digit())
}

/// The high bit of (at least) the lowest byte of `x` that is not an ASCII digit, and of no
/// byte below it: zero exactly when all eight bytes are digits.
///
/// A byte above `'9'` carries into its high bit when 0x46 is added, one below `'0'` borrows
/// into it when 0x30 is taken away, one above 0x7F has it already. Digits neither carry nor
/// borrow, so a wrong flag can only sit above a true one, as in [`plain_run`].
fn non_digits(x: u64) -> u64 {
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let above_nine = x.wrapping_add(u64::from_le_bytes([0x46; 8]));
    let below_zero = x.wrapping_sub(u64::from_le_bytes([b'0'; 8]));
    (above_nine | below_zero | x) & HIGH
}

/// The common case: a plain integer of 1 to 18 digits, which cannot exceed the maximum and
/// needs no rounding. Eight digits are converted at once (a NumericDate has ten).
pub(crate) fn small_integer(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 18 {
        return None;
    }
    let mut value = 0u64;
    let mut chunks = text.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let chunk = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
        value = value
            .wrapping_mul(100_000_000)
            .wrapping_add(eight_digits(chunk)?);
    }
    for &b in chunks.remainder() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value
            .wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')));
    }
    Some(value)
}

/// The integer of the run of 1 to 18 digits at the start of `bytes`, and the run's length,
/// in one pass: eight digits at once when the first eight are digits, then one at a time.
pub(crate) fn leading_integer(bytes: &[u8]) -> Option<(u64, usize)> {
    let first = bytes
        .first_chunk::<8>()
        .and_then(|chunk| eight_digits(u64::from_le_bytes(*chunk)));
    let (mut value, mut run) = first.map_or((0, 0), |value| (value, 8));
    for &b in bytes.get(run..).unwrap_or(&[]) {
        if !b.is_ascii_digit() {
            break;
        }
        if run == 18 {
            return None;
        }
        value = value
            .wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')));
        run = run.saturating_add(1);
    }
    (run > 0).then_some((value, run))
}

/// The value of eight ASCII digits, the first in the lowest byte; `None` unless all are digits.
///
/// Adjacent digits are combined pairwise into 16-bit lanes, then pairs into 32-bit lanes, then
/// the two halves: three multiplications instead of eight. No lane can overflow into the next
/// (99, 9,999 and 99,999,999 fit their lanes), and the masks drop what the products leave
/// in between.
pub(crate) fn eight_digits(chunk: u64) -> Option<u64> {
    if non_digits(chunk) != 0 {
        return None;
    }
    let d = chunk.wrapping_sub(u64::from_le_bytes([b'0'; 8]));
    let d = d.wrapping_mul(10).wrapping_add(d >> 8) & 0x00FF_00FF_00FF_00FF;
    let d = d.wrapping_mul(100).wrapping_add(d >> 16) & 0x0000_FFFF_0000_FFFF;
    Some(d.wrapping_mul(10_000).wrapping_add(d >> 32) & 0xFFFF_FFFF)
}
