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

/// `+DURATION` relative to `now` (`+90s`, `+30m`, `+1h`, `+7d`), or a bare integer as an
/// absolute UNIX time.
pub fn parse_time(text: &str, now: u64, flag: &str) -> Result<u64, Failure> {
    if let Some(relative) = text.strip_prefix('+') {
        let d = humantime::parse_duration(relative).map_err(|e| {
            Failure::Usage(format!(
                "{flag} {text}: {e} (examples: +90s, +30m, +1h, +7d)"
            ))
        })?;
        return Ok(now.saturating_add(d.as_secs()));
    }
    text.parse::<u64>().map_err(|_| {
        Failure::Usage(format!(
            "{flag} {text}: expected +DURATION (e.g. +1h) or a UNIX time"
        ))
    })
}
