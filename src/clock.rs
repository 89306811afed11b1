//! The caller reading the system clock, for `std` programs. The library itself never reads a
//! clock: [`Time::now`] is called by the caller, at the call site, like any other `Time`.

extern crate std;

use std::time::{SystemTime, UNIX_EPOCH};

use crate::policy::Time;

impl Time {
    /// The system clock's current second, as [`Time::At`]. A clock before 1970 reads as
    /// `Time::At(0)`, which every token with `exp` or `nbf` after 1970 then fails closed on.
    ///
    /// ```
    /// let now = jwt_core::Time::now();
    /// assert!(matches!(now, jwt_core::Time::At(t) if t > 1_700_000_000));
    /// ```
    #[must_use]
    pub fn now() -> Self {
        Self::At(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
    }
}
