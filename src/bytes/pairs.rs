//! Word-at-a-time runs, two `u64`s per step (`fast` on 64-bit targets, where each is one
//! register and the two are worked on at once).

/// The length of the run at the start of `bytes` before the first byte that `stops`, eight
/// bytes at a time: `flags` of eight bytes (the first in the lowest) sets the high bit of at
/// least the lowest byte that stops and of no byte below it.
///
/// Sixteen bytes go per step, as two independent words, so the processor works on both at
/// once. The last few bytes are read as the word that ends the input, overlapping bytes
/// already known to need no stop (its lowest flag is then still exact); only an input shorter
/// than a word goes a byte at a time.
#[inline]
pub(crate) fn run_until(
    bytes: &[u8],
    flags: impl Fn(u64) -> u64,
    stops: impl Fn(u8) -> bool,
) -> usize {
    let word = |chunk: &[u8; 8]| flags(u64::from_le_bytes(*chunk));
    let lowest = |found: u64| usize::try_from(found.trailing_zeros() / 8).unwrap_or(0);
    let mut run = 0usize;
    let mut pairs = bytes.chunks_exact(16);
    for pair in pairs.by_ref() {
        let (Some(low), Some(high)) = (pair.first_chunk::<8>(), pair.last_chunk::<8>()) else {
            break;
        };
        let (low, high) = (word(low), word(high));
        if low | high != 0 {
            let at = if low != 0 {
                lowest(low)
            } else {
                lowest(high).saturating_add(8)
            };
            return run.saturating_add(at);
        }
        run = run.saturating_add(16);
    }
    let rest = pairs.remainder();
    if rest.is_empty() {
        return run;
    }
    match bytes.last_chunk::<8>() {
        Some(last) => {
            // Every byte before the last word that is not before `run` is in `first`.
            if let Some(first) = rest.first_chunk::<8>() {
                let found = word(first);
                if found != 0 {
                    return run.saturating_add(lowest(found));
                }
            }
            let found = word(last);
            if found != 0 {
                bytes.len().saturating_sub(8).saturating_add(lowest(found))
            } else {
                bytes.len()
            }
        }
        None => run.saturating_add(rest.iter().position(|&b| stops(b)).unwrap_or(rest.len())),
    }
}
