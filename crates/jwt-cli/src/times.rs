//! Times as people read them, and durations as people type them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::Failure;

/// Seconds since the epoch, from the system clock.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// RFC 3339 in UTC, e.g. `2023-11-14T22:13:20Z`; beyond year 9999, the plain number.
pub fn rfc3339(seconds: u64) -> String {
    const YEAR_10000: u64 = 253_402_300_800;
    match UNIX_EPOCH.checked_add(Duration::from_secs(seconds)) {
        Some(t) if seconds < YEAR_10000 => humantime::format_rfc3339_seconds(t).to_string(),
        _ => format!("{seconds} (after the year 9999)"),
    }
}

/// A span of seconds for a sentence: `40 s`, `3 h 2 min` is left to the reader as `10920 s`.
pub fn span(seconds: u64) -> String {
    format!("{seconds} s")
}

/// A time as a flag takes it: a UNIX time (`1700000000`), a duration from `now` (`+1h`,
/// `-90s`), or an RFC 3339 time in UTC (`2023-11-14T22:13:20Z`).
pub fn parse_instant(text: &str, now: u64) -> Result<u64, String> {
    const FORMS: &str = "expected a UNIX time, +DURATION or -DURATION (+1h, -90s) or RFC 3339 (2023-11-14T22:13:20Z)";
    if let Some(later) = text.strip_prefix('+') {
        return whole_seconds(later).map(|d| now.saturating_add(d));
    }
    if let Some(earlier) = text.strip_prefix('-') {
        return now
            .checked_sub(whole_seconds(earlier)?)
            .ok_or_else(|| format!("{text} is before 1970"));
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().map_err(|_| format!("{text}: {FORMS}"));
    }
    humantime::parse_rfc3339(text)
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
        .ok_or_else(|| format!("{text:?}: {FORMS}"))
}

/// A length of time as a flag takes it: seconds (`30`) or a duration (`30s`, `5m`, `1h`).
pub fn parse_seconds(text: &str) -> Result<u64, String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().map_err(|_| format!("{text}: too large"));
    }
    whole_seconds(text)
}

/// `--now`: [`parse_instant`] relative to the system clock.
pub fn now_arg(text: &str) -> Result<u64, String> {
    parse_instant(text, now())
}

/// A duration in whole seconds (`90s`, `30m`, `1h 30m`, `7d`).
fn whole_seconds(text: &str) -> Result<u64, String> {
    let d = humantime::parse_duration(text)
        .map_err(|e| format!("{text:?}: {e} (examples: 30s, 5m, 1h, 7d)"))?;
    if d.subsec_nanos() == 0 {
        Ok(d.as_secs())
    } else {
        Err(format!("{text:?}: JWT times are whole seconds"))
    }
}

/// `--exp`/`--nbf`: [`parse_instant`] relative to the token's `now`, as a usage error.
pub fn parse_time(text: &str, now: u64, flag: &str) -> Result<u64, Failure> {
    parse_instant(text, now).map_err(|e| Failure::Usage(format!("{flag} {e}")))
}
