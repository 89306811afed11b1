//! Byte-at-a-time searches, and the plain-string run a word at a time: the smallest code, for
//! firmware built without `fast`.

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

/// The length of the run at the start of `bytes` before the first byte that `stops`, eight
/// bytes at a time: `flags` of eight bytes (the first in the lowest) sets the high bit of at
/// least the lowest byte that stops and of no byte below it; the tail goes byte by byte.
#[inline]
pub(crate) fn run_until(
    bytes: &[u8],
    flags: impl Fn(u64) -> u64,
    stops: impl Fn(u8) -> bool,
) -> usize {
    let mut run = 0usize;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let found = flags(u64::from_le_bytes(chunk));
        if found != 0 {
            let at = usize::try_from(found.trailing_zeros() / 8).unwrap_or(0);
            return run.saturating_add(at);
        }
        run = run.saturating_add(8);
    }
    let rest = chunks.remainder();
    run.saturating_add(rest.iter().position(|&b| stops(b)).unwrap_or(rest.len()))
}
