//! Byte-at-a-time searches: the smallest code, for firmware built without `fast`.

/// The positions of `byte` in `haystack`, in order.
pub(crate) fn positions(haystack: &[u8], byte: u8) -> impl Iterator<Item = usize> + '_ {
    haystack
        .iter()
        .enumerate()
        .filter_map(move |(at, &b)| (b == byte).then_some(at))
}

/// The number of ASCII digits at the start of `bytes`.
pub(crate) fn digit_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(bytes.len())
}

/// The integer of the run of 1 to 18 digits at the start of `bytes`, and the run's length.
pub(crate) fn leading_integer(bytes: &[u8]) -> Option<(u64, usize)> {
    let run = digit_run(bytes);
    small_integer(bytes.get(..run)?).map(|value| (value, run))
}

/// The common case: a plain integer of 1 to 18 digits, which cannot exceed the maximum and
/// needs no rounding.
pub(crate) fn small_integer(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 18 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |d: u8| u64::from(d.wrapping_sub(b'0'));
    Some(
        text.iter()
            .fold(0u64, |v, &d| v.wrapping_mul(10).wrapping_add(digit(d))),
    )
}
