//! One test per defect found after the fact, so that each stays fixed.

use std::collections::BTreeMap;

use jwt_core::{Error, Hs256Key, SignHeader, Time, Validation};
use serde::Deserialize;

use crate::common;

/// Found by `properties::time_policy_matches_the_model`: with `now` and `leeway` both
/// `u64::MAX`, `exp + leeway` saturated to `u64::MAX` and `now >= u64::MAX` called a token
/// expired whose exact `exp + leeway` is beyond any `now`.
#[test]
fn expiry_boundary_does_not_move_when_exp_plus_leeway_overflows() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 256];
    let token = jwt_core::sign_json(
        &key,
        &SignHeader::new(),
        br#"{"exp":1,"nbf":1,"iat":1}"#,
        &mut out,
    )
    .unwrap();
    let mut scratch = [0u8; 256];
    let policy = Validation::new().leeway(u64::MAX).max_age(u64::MAX);
    assert!(
        jwt_core::verify(
            token.as_bytes(),
            &key,
            &policy,
            Time::At(u64::MAX),
            &mut scratch
        )
        .is_ok()
    );
    let policy = Validation::new().leeway(u64::MAX - 1);
    assert_eq!(
        jwt_core::verify(
            token.as_bytes(),
            &key,
            &policy,
            Time::At(u64::MAX),
            &mut scratch
        )
        .unwrap_err(),
        Error::Expired,
        "exp + leeway = u64::MAX exactly, and now reaches it"
    );
}

/// Found by `properties::round_trip_every_algorithm`: serde-json-core's map-key deserializer
/// reaches `unreachable!()` for a `String` key (and every other non-`&str` key type), so a
/// claims type with a `BTreeMap<String, _>` panicked. Keys are now routed through the
/// library's own key deserializer.
#[test]
fn map_keys_of_any_type_never_panic() {
    #[derive(Deserialize, Debug)]
    struct Strings {
        map: BTreeMap<String, String>,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Integers {
        map: BTreeMap<u32, String>,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Chars {
        map: BTreeMap<char, u8>,
    }
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 256];
    let token = jwt_core::sign_json(
        &key,
        &SignHeader::new(),
        br#"{"exp":9,"map":{"a\"b":"c","1":"d"}}"#,
        &mut out,
    )
    .unwrap();
    let mut scratch = [0u8; 512];
    let v = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    let strings: Strings = v.deserialize_claims().unwrap();
    assert_eq!(strings.map.get("a\"b").map(String::as_str), Some("c"));
    assert_eq!(
        v.deserialize_claims::<Integers>().unwrap_err(),
        Error::ClaimsMismatch
    );
    assert_eq!(
        v.deserialize_claims::<Chars>().unwrap_err(),
        Error::ClaimsMismatch
    );
}

/// Found by `properties::round_trip_every_algorithm` (in CI, on a fresh seed): unescaped
/// strings were handed out front to back from the scratch buffer, so a second
/// `deserialize_claims` of a payload full of escapes ran out of room with a buffer of exactly
/// `scratch_len` bytes. Each string's text now has a fixed slot, filled once.
#[test]
fn deserializing_again_never_runs_out_of_scratch() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Owned {
        text: String,
        list: Vec<String>,
        skipped: String,
    }
    #[derive(Deserialize, Debug, PartialEq)]
    struct Borrowed<'a> {
        text: &'a str,
        list: Vec<&'a str>,
    }
    #[derive(Deserialize, Debug, PartialEq)]
    struct Late<'a> {
        #[serde(rename = "a\"b")]
        late: &'a str,
        skipped: &'a str,
    }
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 512];
    let token = jwt_core::sign_json(
        &key,
        &SignHeader::new(),
        br##"{"exp":9,"skipped":"\u00e9\t","text":"\"\u0ea5\u0800","list":["\"#&\\\/","J\\g\u00a0"],"a\"b":"\n"}"##,
        &mut out,
    )
    .unwrap();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let v = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    // Borrowed first: it skips strings that come before ones it reads.
    let first: Borrowed<'_> = v.deserialize_claims().unwrap();
    let late: Late<'_> = v.deserialize_claims().unwrap();
    let owned: Owned = v.deserialize_claims().unwrap();
    let again: Borrowed<'_> = v.deserialize_claims().unwrap();
    assert_eq!(first, again);
    assert_eq!(first.text, "\"\u{ea5}\u{800}");
    assert_eq!(first.list, ["\"#&\\/", "J\\g\u{a0}"]);
    assert_eq!(
        late,
        Late {
            late: "\n",
            skipped: "\u{e9}\t"
        }
    );
    assert_eq!(owned.text, first.text);
    assert_eq!(owned.skipped, "\u{e9}\t");
    for _ in 0..100 {
        let _: Borrowed<'_> = v.deserialize_claims().unwrap();
    }
}
