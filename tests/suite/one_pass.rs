//! `verify_into` reads the claims set strictly and into the caller's type in one walk; its
//! verdict must be that of the two-pass path (`verify`, then `deserialize_claims`) on every
//! payload: the same value, or the same error.

use std::collections::BTreeMap;
use std::fmt::Debug;

use jwt_core::{Error, Hs256Key, Required, SignHeader, Time, Validation};
use proptest::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::common;
use crate::properties::{Node, json_text, node};

/// Every registered claim in a lenient type, and two private claims.
#[allow(
    dead_code,
    reason = "read through `Debug`: verdicts are compared as text"
)]
#[derive(Deserialize, Debug)]
struct Seen<'a> {
    #[serde(borrow, default)]
    sub: Option<&'a str>,
    #[serde(default)]
    exp: Option<u64>,
    #[serde(default)]
    nbf: Option<f64>,
    #[serde(default)]
    aud: Option<IgnoredAny>,
    #[serde(borrow, default)]
    a: Option<&'a str>,
    #[serde(default)]
    b: Option<Vec<Option<i64>>>,
}

/// A type that reads the claims set without visiting its members one by one.
#[allow(
    dead_code,
    reason = "read through `Debug`: verdicts are compared as text"
)]
#[derive(Deserialize, Debug)]
enum Tagged {
    #[serde(rename = "a")]
    A(IgnoredAny),
    #[serde(rename = "exp")]
    Exp(u64),
}

/// Strict about unknown members.
#[allow(
    dead_code,
    reason = "read through `Debug`: verdicts are compared as text"
)]
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Closed {
    exp: u64,
}

const POLICY: Validation<'static> = Validation::new().require(Required::NONE);
const NOW: Time = Time::At(2_000_000_000);

fn one_pass<'a, T: Deserialize<'a> + Debug>(token: &[u8], scratch: &'a mut [u8]) -> String {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let verdict = jwt_core::verify_into::<T, _>(token, &key, &POLICY, NOW, scratch)
        .map(|(v, value)| (format!("{:?}", v.claims()), value));
    format!("{verdict:?}")
}

fn two_pass<'a, T: Deserialize<'a> + Debug>(token: &[u8], scratch: &'a mut [u8]) -> String {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let verdict = jwt_core::verify(token, &key, &POLICY, NOW, scratch).and_then(|v| {
        let value = v.deserialize_claims::<T>()?;
        Ok((format!("{:?}", v.claims()), value))
    });
    format!("{verdict:?}")
}

/// The two verdicts for every type, with a scratch buffer of `len` bytes (short ones leave no
/// room to unescape).
#[allow(
    clippy::zero_sized_map_values,
    reason = "a map of ignored values visits every member name and nothing else"
)]
fn same_verdicts(token: &str, len: usize) -> Result<(), TestCaseError> {
    let t = token.as_bytes();
    macro_rules! each_type {
        ($($ty:ty),*) => {$(
            let (mut a, mut b) = (vec![0u8; len], vec![0u8; len]);
            prop_assert_eq!(
                one_pass::<$ty>(t, &mut a),
                two_pass::<$ty>(t, &mut b),
                "{} into {}", token, stringify!($ty)
            );
        )*};
    }
    each_type!(
        Seen<'_>,
        IgnoredAny,
        BTreeMap<String, IgnoredAny>,
        BTreeMap<&str, Option<u64>>,
        Tagged,
        Closed,
        Vec<IgnoredAny>
    );
    Ok(())
}

/// Bytes that make a valid text invalid, or valid in another way, when put anywhere.
const EDITS: [&str; 14] = [
    "0", "-", ",", ":", "}", "]", "{", "[", "\"", "\\", " ", "\t", "\u{1}", "\"a\":1,",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Claims of every shape, written unchecked (so duplicates, deep nesting, wrong types and
    /// broken pre-formatted text reach the reader), then edited once at any byte.
    #[test]
    fn one_pass_verdicts_equal_two_pass_verdicts(
        members in proptest::collection::vec((0..crate::properties::NAMES.len(), node()), 0..6),
        edit in proptest::option::of((any::<prop::sample::Index>(), 0..EDITS.len(), any::<bool>())),
        short in any::<bool>(),
    ) {
        let key = Hs256Key::new(common::SECRET).unwrap();
        let mut out = vec![0u8; 1 << 16];
        let Ok(token) = jwt_core::sign_unchecked(&key, &SignHeader::new(), &Node::Obj(members), &mut out) else {
            return Ok(());
        };
        let mut payload = String::from_utf8(common::unb64(token.split('.').nth(1).unwrap())).unwrap();
        if let Some((at, which, delete)) = edit {
            let boundaries: Vec<usize> = (0..=payload.len()).filter(|&i| payload.is_char_boundary(i)).collect();
            let i = boundaries[at.index(boundaries.len())];
            if delete && i < payload.len() {
                let next = boundaries.iter().copied().find(|&j| j > i).unwrap_or(payload.len());
                payload.replace_range(i..next, "");
            } else {
                payload.insert_str(i, EDITS[which]);
            }
        }
        let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, &payload);
        let len = jwt_core::scratch_len(token.as_bytes());
        same_verdicts(&token, if short { len - payload.len() / 2 } else { len })?;
    }

    /// JSON-ish payloads, some broken on purpose.
    #[test]
    fn one_pass_verdicts_equal_two_pass_verdicts_on_json_ish_text(payload in json_text()) {
        let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, &payload);
        same_verdicts(&token, jwt_core::scratch_len(token.as_bytes()))?;
    }
}

/// Each rule the reader enforces itself, with the exact error both paths give.
#[test]
fn rules_the_reader_enforces_in_the_one_pass() {
    let cases = [
        (r#"{"exp":0123}"#, Error::InvalidJson),
        (r#"{"a":"x","a":"y"}"#, Error::DuplicateMember),
        (r#"{"a":"x","\u0061":"y"}"#, Error::DuplicateMember),
        (r#"{"sub":"x","sub":"y"}"#, Error::DuplicateMember),
        (r#"{"exp":1,"a":2,"\u0065xp":3}"#, Error::DuplicateMember),
        (
            r#"{"exp":{"exp":1},"q":{"exp":1}}"#,
            Error::InvalidNumericDate,
        ),
        (r#"{"b":[1,2,]}"#, Error::InvalidJson),
        (r#"{"q":{"z":1,"z":2}}"#, Error::DuplicateMember),
        (r#"{"exp":1,}"#, Error::InvalidJson),
        (r#"{"sub":"a"} x"#, Error::InvalidJson),
        (r#"[{"exp":1}]"#, Error::NotAnObject),
        (r#"{"exp":"soon"}"#, Error::InvalidNumericDate),
        (r#"{"aud":[]}"#, Error::InvalidClaim),
        (
            r#"{"b":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}"#,
            Error::NestingTooDeep,
        ),
    ];
    // Registered names count toward the member bound as any other name does.
    let full = members_with_registered(jwt_core::MAX_OPEN_MEMBERS);
    let too_many = members_with_registered(jwt_core::MAX_OPEN_MEMBERS + 1);
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = vec![0u8; 4096];
    for (payload, expected) in [(&full, None), (&too_many, Some(Error::TooManyMembers))] {
        let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, payload);
        same_verdicts(&token, jwt_core::scratch_len(token.as_bytes())).unwrap();
        let policy = POLICY.audiences(&["a"]);
        let verdict = jwt_core::verify_into::<Seen<'_>, _>(
            token.as_bytes(),
            &key,
            &policy,
            NOW,
            &mut scratch,
        );
        assert_eq!(verdict.err(), expected, "{payload}");
    }
    for (payload, expected) in cases {
        let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, payload);
        same_verdicts(&token, jwt_core::scratch_len(token.as_bytes())).unwrap();
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        let verdict = jwt_core::verify_into::<Seen<'_>, _>(
            token.as_bytes(),
            &key,
            &POLICY,
            NOW,
            &mut scratch,
        );
        assert_eq!(verdict.err(), Some(expected), "{payload}");
    }
}

/// A claims set of `count` members: the seven registered claims, then private ones.
fn members_with_registered(count: usize) -> String {
    let registered = [
        r#""iss":"i""#,
        r#""sub":"s""#,
        r#""aud":"a""#,
        r#""exp":2000000001"#,
        r#""nbf":1"#,
        r#""iat":1"#,
        r#""jti":"j""#,
    ];
    let private = (registered.len()..count).map(|i| format!(r#""p{i}":{i}"#));
    let members: Vec<String> = registered
        .iter()
        .map(|m| (*m).to_owned())
        .chain(private)
        .collect();
    format!("{{{}}}", members.join(","))
}
