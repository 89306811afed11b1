//! The integration tests: one binary, one module per topic, vectors as data files.
//!
//! The library's no-panic lints guard `src/`; tests may unwrap, index and do plain arithmetic.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    clippy::format_collect,
    clippy::format_push_string,
    clippy::needless_raw_string_hashes,
    clippy::match_same_arms,
    clippy::items_after_statements,
    clippy::too_many_lines,
    clippy::similar_names,
    clippy::unreadable_literal,
    clippy::single_match_else,
    clippy::many_single_char_names,
    clippy::ref_option,
    clippy::type_complexity
)]

// Counts only inside `alloc_counter::count`, so the other tests are unaffected.
#[global_allocator]
static ALLOCATOR: alloc_counter::Counting = alloc_counter::Counting;

mod common;

mod asymmetric;
mod attack_vectors;
mod freshness;
#[cfg(feature = "rsa")]
mod fuzz_replay;
mod keyset;
mod no_alloc;
mod properties;
mod regressions;
mod rfc_examples;
#[cfg(feature = "rsa")]
mod rsa;
mod sign_roundtrip;
mod strictness;
mod verify_policy;
mod wycheproof_hmac;
mod wycheproof_jws;
