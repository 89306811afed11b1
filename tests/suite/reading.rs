//! Reading a verified token: any claim by name with its JSON kind and text, strings unescaped
//! into the scratch buffer, and what `Debug` shows.

use jwt_core::{Error, Hs256Key, JsonKind, SignHeader, Time, Validation};

use crate::common;

#[test]
fn any_claim_by_name_with_its_kind_and_text() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let claims = r#"{"exp":9e9,"r\u006fle":"ad\u006din","n":-7,"ok":false,"tags":["a",{"b":null}],"plain":"x","none":null}"#;
    let mut out = [0u8; 512];
    let token = jwt_core::sign_json(&key, &SignHeader::new(), claims.as_bytes(), &mut out).unwrap();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let verified = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();

    // A name by meaning: "role" finds the member written "r\u006fle".
    let role = verified.claim("role").unwrap();
    assert_eq!(role.kind(), JsonKind::String);
    assert_eq!(role.json(), r#""ad\u006din""#);
    let raw = role.as_str().unwrap();
    assert_eq!(verified.unescaped(raw), Ok("admin"));
    let plain = verified.claim("plain").unwrap().as_str().unwrap();
    assert_eq!(verified.unescaped(plain), Ok("x"));

    let n = verified.claim("n").unwrap();
    assert_eq!(
        (n.kind(), n.as_i64(), n.json()),
        (JsonKind::Number, Some(-7), "-7")
    );
    let ok = verified.claim("ok").unwrap();
    assert_eq!((ok.kind(), ok.as_bool()), (JsonKind::Bool, Some(false)));
    let tags = verified.claim("tags").unwrap();
    assert_eq!(
        (tags.kind(), tags.json()),
        (JsonKind::Array, r#"["a",{"b":null}]"#)
    );
    assert_eq!(verified.claim("none").unwrap().kind(), JsonKind::Null);
    assert_eq!(verified.claim("exp").unwrap().json(), "9e9");
    assert!(
        verified.claim("b").is_none(),
        "only top-level members are claims"
    );
    assert!(verified.claim("rol").is_none());

    // Every escaped string has a place of its own: both stay readable.
    let again = verified.unescaped(raw).unwrap();
    assert_eq!((again, verified.unescaped(plain).unwrap()), ("admin", "x"));
}

#[test]
fn an_escaped_string_needs_its_room_in_the_scratch_buffer() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let claims = r#"{"exp":9e9,"a":"\u0041\u0042\u0043"}"#;
    let mut out = [0u8; 256];
    let token = jwt_core::sign_json(&key, &SignHeader::new(), claims.as_bytes(), &mut out).unwrap();
    // Enough to verify (the decoded header, then the larger of the payload and the tag), not
    // to unescape: the header is {"alg":"HS256","typ":"JWT"}.
    let mut scratch = vec![0u8; 27 + claims.len()];
    let verified = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    let a = verified.claim("a").unwrap().as_str().unwrap();
    assert_eq!(verified.unescaped(a), Err(Error::BufferTooSmall));
}

#[test]
fn debug_shows_the_algorithm_header_and_claims() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 256];
    let header = SignHeader::new().kid("k1");
    let token =
        jwt_core::sign_json(&key, &header, br#"{"sub":"ada","exp":9e9}"#, &mut out).unwrap();
    let mut scratch = [0u8; 256];
    let verified = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    let shown = format!("{verified:?}");
    assert!(
        shown.starts_with(r#"Verified { alg: "HS256", header: "#),
        "{shown}"
    );
    for part in ["k1", "ada", "9000000000", ".. }"] {
        assert!(shown.contains(part), "{part} in {shown}");
    }
}

/// A token over `claims`, verified both ways: `verify` then `deserialize_claims::<T>`, and
/// `verify_into::<T>`, which must agree.
fn read_as<T>(claims: &str) -> Result<T, Error>
where
    T: for<'a> serde::Deserialize<'a> + PartialEq + std::fmt::Debug,
{
    let key = Hs256Key::new(common::SECRET).unwrap();
    let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, claims);
    let policy = Validation::new().require(jwt_core::Required::NONE);
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let two_pass = jwt_core::verify(token.as_bytes(), &key, &policy, Time::At(0), &mut scratch)
        .and_then(|v| v.deserialize_claims::<T>());
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let one_pass =
        jwt_core::verify_into::<T, _>(token.as_bytes(), &key, &policy, Time::At(0), &mut scratch)
            .map(|(_, value)| value);
    assert_eq!(one_pass, two_pass, "{claims}");
    one_pass
}

#[test]
fn self_describing_types_read_every_kind_of_value() {
    // `serde_json::Value` asks for whatever comes (deserialize_any): every JSON kind.
    let claims = r#"{"s":"t\u00e9xt","o":{"a":[1,-2,3.5,true,false,null]},"n":null,"e":{},"l":[]}"#;
    let expected: serde_json::Value = serde_json::from_str(claims).unwrap();
    assert_eq!(read_as::<serde_json::Value>(claims), Ok(expected));
    assert_eq!(
        read_as::<serde_json::Value>(r#"{"a":true}"#),
        Ok(serde_json::json!({"a": true}))
    );
}

#[derive(serde::Deserialize, Debug, PartialEq)]
enum Role {
    Admin,
    Reader { scope: String },
    Level(u8),
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct WithRoles {
    roles: Vec<Role>,
}

#[test]
fn enums_read_as_serde_json_reads_them() {
    let claims = r#"{"roles":["Admin",{"Admin":null},{"Reader":{"scope":"docs"}},{"Level":3}]}"#;
    let expected: WithRoles = serde_json::from_str(claims).unwrap();
    assert_eq!(read_as::<WithRoles>(claims), Ok(expected));
    for wrong in [
        r#"{"roles":[7]}"#,
        r#"{"roles":[{"Admin":1}]}"#,
        r#"{"roles":[{"Nobody":null}]}"#,
        r#"{"roles":[{"Level":3,"Admin":null}]}"#,
    ] {
        assert!(serde_json::from_str::<WithRoles>(wrong).is_err(), "{wrong}");
        assert_eq!(
            read_as::<WithRoles>(wrong),
            Err(Error::ClaimsMismatch),
            "{wrong}"
        );
    }
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Outer {
    exp: u64,
    inner: Inner,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Inner {
    // Registered names mean nothing below the top level: a number `sub`, a string `exp`.
    sub: u32,
    exp: String,
}

#[test]
fn only_top_level_members_are_registered_claims() {
    let claims = r#"{"exp":9000000000,"inner":{"sub":7,"exp":"never"}}"#;
    assert_eq!(
        read_as::<Outer>(claims),
        Ok(Outer {
            exp: 9_000_000_000,
            inner: Inner {
                sub: 7,
                exp: "never".to_owned()
            }
        })
    );
    let map = read_as::<std::collections::BTreeMap<String, serde_json::Value>>(claims).unwrap();
    assert_eq!(map["inner"]["sub"], 7);
    // At the top level the same members are registered claims of the wrong type.
    assert_eq!(
        read_as::<serde_json::Value>(r#"{"sub":7}"#),
        Err(Error::InvalidClaim)
    );
    assert_eq!(
        read_as::<serde_json::Value>(r#"{"exp":"never"}"#),
        Err(Error::InvalidNumericDate)
    );
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Counts {
    zero: u64,
    ten: u8,
    top: u64,
    bottom: i64,
    minus_zero: i64,
}

#[test]
fn integer_fields_read_zero_and_both_edges() {
    // A single `0` is a number; digits after a leading zero are not (the pre-scan refuses
    // them before any field is read).
    let claims = r#"{"zero":0,"ten":10,"top":18446744073709551615,"bottom":-9223372036854775808,"minus_zero":-0}"#;
    assert_eq!(
        read_as::<Counts>(claims),
        Ok(Counts {
            zero: 0,
            ten: 10,
            top: u64::MAX,
            bottom: i64::MIN,
            minus_zero: 0
        })
    );
    assert_eq!(
        read_as::<Counts>(&claims.replace(r#""zero":0"#, r#""zero":00"#)),
        Err(Error::InvalidJson)
    );
    assert_eq!(
        read_as::<Counts>(&claims.replace(r#""ten":10"#, r#""ten":256"#)),
        Err(Error::ClaimsMismatch)
    );
}
