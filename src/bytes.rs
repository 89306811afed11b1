//! Searches over bytes, below everything that reads JSON or tokens.
//!
//! Each search has two implementations: with `fast`, vectorized (`memchr`) or eight bytes at a
//! time (`wide`); without, a byte at a time in less flash (`narrow`). Runs of plain-string bytes
//! and digits go a `u64` at a time, two per step with `fast` on a 64-bit target (`pairs`), one
//! elsewhere (`word`): on a 32-bit core the second word costs more than it saves. The tests
//! prove every variant gives the answers of the simplest loop.

#[cfg(not(feature = "fast"))]
mod narrow;
#[cfg(all(feature = "fast", target_pointer_width = "64"))]
mod pairs;
#[cfg(feature = "fast")]
mod wide;
#[cfg(not(all(feature = "fast", target_pointer_width = "64")))]
mod word;

#[cfg(not(feature = "fast"))]
pub(crate) use narrow::{digit_run, leading_integer, positions, small_integer};
#[cfg(all(feature = "fast", target_pointer_width = "64"))]
pub(crate) use pairs::run_until;
#[cfg(feature = "fast")]
pub(crate) use wide::{digit_run, leading_integer, positions, small_integer};
#[cfg(not(all(feature = "fast", target_pointer_width = "64")))]
pub(crate) use word::run_until;

/// The length of the run of string bytes at the start of `bytes` that need no attention:
/// no `"`, no `\\`, no control character.
///
/// Eight bytes are tested at once with the usual carry tricks on a `u64`. A flag can be
/// wrong only in a byte above a byte that truly matches (a borrow runs upwards), so the
/// lowest flag is always exact: its position ends the run. Claims are mostly plain strings,
/// where this is several times faster than a byte at a time.
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
    const SPACES: u64 = u64::from_le_bytes([0x20; 8]);
    // High bit set in (at least) the lowest byte of `x` below the byte in `limit` (<= 0x80).
    let below = |x: u64, limit: u64| x.wrapping_sub(limit) & !x & HIGH;
    run_until(
        bytes,
        |x| below(x ^ QUOTES, ONES) | below(x ^ BACKSLASHES, ONES) | below(x, SPACES),
        needs_attention,
    )
}

/// Whether no byte of `name` needs attention ([`plain_run`] covers all of it), a byte at a time
/// and inlined: for struct field names, a few bytes each, where the call and the word set-up of
/// `plain_run` cost more than the bytes.
#[inline]
pub(crate) fn is_short_plain(name: &[u8]) -> bool {
    !name.iter().any(|&b| needs_attention(b))
}

/// `"`, `\\` or a control character: a byte a JSON string cannot hold as it is.
#[inline]
const fn needs_attention(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    use super::*;

    proptest::proptest! {
        /// The plain run ends where a byte-at-a-time one does, at every length and position.
        #[test]
        fn plain_runs_end_at_the_first_byte_needing_attention(bytes in proptest::collection::vec(
            proptest::prop_oneof![
                8 => 0x20u8..=0xFF,
                1 => proptest::prop_oneof![0u8..0x20, proptest::strategy::Just(b'"'), proptest::strategy::Just(b'\\')],
            ],
            0..80,
        )) {
            let expected = bytes.iter().position(|&b| needs_attention(b)).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(plain_run(&bytes), expected);
        }

        /// The byte-at-a-time test for short names agrees with the plain run.
        #[test]
        fn short_plain_names_are_whole_plain_runs(bytes in proptest::collection::vec(
            proptest::prop_oneof![4 => b'a'..=b'z', 1 => proptest::prelude::any::<u8>()], 0..20,
        )) {
            proptest::prop_assert_eq!(is_short_plain(&bytes), plain_run(&bytes) == bytes.len());
        }

        /// The leading integer is the small integer of the digit run, when it has 1 to 18
        /// digits.
        #[test]
        fn leading_integers_are_the_small_integers_of_digit_runs(bytes in proptest::collection::vec(
            proptest::prop_oneof![4 => b'0'..=b'9', 1 => proptest::prelude::any::<u8>()], 0..30,
        )) {
            let run = digit_run(&bytes);
            let expected = if (1..=18).contains(&run) {
                small_integer(&bytes[..run]).map(|value| (value, run))
            } else {
                None
            };
            proptest::prop_assert_eq!(leading_integer(&bytes), expected);
        }

        /// The digit run ends where a byte-at-a-time one does.
        #[test]
        fn digit_runs_end_at_the_first_non_digit(bytes in proptest::collection::vec(
            proptest::prop_oneof![b'0'..=b'9', proptest::prelude::any::<u8>()], 0..40,
        )) {
            let expected = bytes.iter().position(|b| !b.is_ascii_digit()).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(digit_run(&bytes), expected);
        }

        /// Small integers read as the standard library reads them, and whatever is not all
        /// digits is refused.
        #[test]
        fn small_integers_read_as_the_standard_library_reads_them(
            text in "[0-9]{1,18}|[0-9]{0,9}[^0-9][0-9]{0,9}|[0-9]{19,22}",
        ) {
            let expected = (text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u64>().ok())
                .flatten();
            proptest::prop_assert_eq!(small_integer(text.as_bytes()), expected);
        }

        /// Byte positions are those of the simplest loop.
        #[test]
        fn positions_are_the_simple_ones(bytes in proptest::collection::vec(
            proptest::prop_oneof![proptest::strategy::Just(b'.'), proptest::prelude::any::<u8>()], 0..80,
        )) {
            let expected: Vec<usize> = bytes.iter().enumerate().filter(|(_, b)| **b == b'.').map(|(i, _)| i).collect();
            let found: Vec<usize> = positions(&bytes, b'.').collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
