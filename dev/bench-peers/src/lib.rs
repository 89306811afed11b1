//! jwt-core next to its peers and to the bare primitives, on the same tokens.
//!
//! Every contender is a closure that does one whole operation and returns a number derived
//! from its result (so the work cannot be optimised away). The criterion bench
//! (`benches/compare.rs`), the allocation test (`tests/allocations.rs`) and the
//! instruction-count probe (`src/bin/instructions.rs`) all run these same closures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::missing_panics_doc,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "benchmark harness: a contender that fails must stop the run loudly"
)]

pub mod asymmetric;
pub mod fixture;
pub mod hmac_family;
pub mod key_sets;

/// One way of doing an operation, by name.
pub struct Contender {
    /// Who does it: `jwt-core`, a peer crate, or a floor built on the primitives.
    pub name: &'static str,
    /// The operation; returns a number derived from its output.
    pub run: Box<dyn FnMut() -> usize>,
}

impl core::fmt::Debug for Contender {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name)
    }
}

impl Contender {
    fn new(name: &'static str, run: impl FnMut() -> usize + 'static) -> Self {
        Self {
            name,
            run: Box::new(run),
        }
    }
}

/// One benchmarked operation and everyone who does it.
#[derive(Debug)]
pub struct Case {
    /// e.g. `HS256 verify typical`.
    pub name: String,
    /// jwt-core first, then peers, then floors.
    pub contenders: Vec<Contender>,
}

/// The name given to jwt-core's own contender in every case.
pub const OURS: &str = "jwt-core";
/// Names of the floors (bare primitives), which are not JWT libraries; the "vs floor" column
/// divides by the first of them a case has.
pub const FLOORS: [&str; 3] = ["HMAC-only floor", "bare primitive", PIPELINE_FLOOR];
/// The hand-tuned verification without strictness (see `hmac_family`).
pub const PIPELINE_FLOOR: &str = "pipeline floor (no strictness)";

/// Every case, in the order the report prints them.
#[must_use]
pub fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for size in [fixture::Size::Typical, fixture::Size::Large] {
        cases.extend(hmac_family::cases(size));
    }
    cases.extend(asymmetric::cases());
    cases.extend(key_sets::cases());
    cases
}
