//! The integration tests: one binary, one module per topic, vectors as data files.
//!
//! The library's no-panic lints guard `src/`; tests may unwrap, index and do plain arithmetic.
//! These allowances are crate-wide (not `expect`) because which of them fire depends on the
//! features a run builds.
#![allow(missing_docs, reason = "test modules are not API")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "helpers outside #[test] functions, which clippy.toml's allow-*-in-tests does not reach: a failure there is the test failing"
)]
#![allow(
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    reason = "tests build inputs with plain arithmetic on small, known values"
)]
#![allow(
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
    clippy::type_complexity,
    reason = "pedantic style lints: tests are tables of cases, written as the RFCs and vector files write them"
)]

// Counts only inside `alloc_counter::count`, so the other tests are unaffected.
#[global_allocator]
static ALLOCATOR: alloc_counter::Counting = alloc_counter::Counting;

mod common;

#[cfg(all(feature = "es256", feature = "es384", feature = "eddsa"))]
mod asymmetric;
mod attack_vectors;
mod every_error;
mod freshness;
#[cfg(all(
    feature = "rsa",
    feature = "es256",
    feature = "es384",
    feature = "eddsa"
))]
mod fuzz_replay;
#[cfg(feature = "es256")]
mod key_edges;
#[cfg(all(feature = "es256", feature = "eddsa"))]
mod keyset;
#[cfg(all(feature = "rsa", feature = "es256"))]
mod keyset_idp;
mod no_alloc;
mod one_pass;
#[cfg(feature = "std")]
mod owned;
mod properties;
mod reading;
mod regressions;
mod rfc_examples;
#[cfg(feature = "rsa")]
mod rsa;
mod sign_roundtrip;
mod strictness;
mod verify_policy;
#[cfg(any(feature = "es384", feature = "es512", feature = "rsa"))]
mod wycheproof_curves;
mod wycheproof_hmac;
#[cfg(feature = "es256")]
mod wycheproof_jws;
