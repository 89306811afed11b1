//! Word-at-a-time runs, one `u64` per step: for cores where a `u64` is two registers, and for
//! builds without `fast`.

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
