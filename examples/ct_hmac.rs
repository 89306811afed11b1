//! A dudect statistical timing test of the HMAC tag comparison: wrong tags that differ from the
//! right one in their first byte (Left) against wrong tags that differ in their last byte
//! (Right). A comparison that stops at the first difference separates the two classes; the
//! constant-time `verify_slice` should not.
//!
//! Run it with `cargo run --release --example ct_hmac` (add `-- --continuous
//! hmac_first_vs_last_byte` to keep sampling until interrupted). A `max t` that stays below 5
//! (dudect's threshold; 10 is the usual alarm) means no timing difference was detected.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use dudect_bencher::{BenchRng, Class, CtRunner, ctbench_main};
use jwt_core::{Hs256Key, SigningKey, VerifyingKey};

fn hmac_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    use dudect_bencher::rand::RngExt;
    let key = Hs256Key::new(b"dudect secret of exactly 32 byte").unwrap();
    let input = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aW1pbmcifQ";
    let mut good = [0u8; 32];
    key.sign_into(input, &mut good).unwrap();
    let mut cases = Vec::with_capacity(100_000);
    for _ in 0..100_000 {
        let mut tag = good;
        let class = if rng.random::<bool>() {
            tag[0] ^= 1;
            Class::Left
        } else {
            tag[31] ^= 1;
            Class::Right
        };
        cases.push((class, tag));
    }
    for (class, tag) in cases {
        runner.run_one(class, || key.verify_signature(input, &tag).is_err());
    }
}

ctbench_main!(hmac_first_vs_last_byte);
