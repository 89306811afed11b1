//! What a service watches about its keys.

use std::time::SystemTime;

/// A snapshot of the client's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Metrics {
    /// When keys were last fetched successfully.
    pub last_refresh: Option<SystemTime>,
    /// Keys in the set now.
    pub keys_loaded: usize,
    /// JWKs the last successful fetch left out (each is logged with its reason).
    pub keys_skipped: usize,
    /// Fetch attempts, successful or not.
    pub refresh_attempts: u64,
    /// Fetch attempts that failed.
    pub refresh_failures: u64,
}
