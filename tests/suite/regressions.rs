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
