//! Signing: exact lengths, escaping, deterministic headers, and the round trip through verify
//! into borrowed, owned and escaped string fields.
use crate::common;

use jwt_core::{
    Error, Hs256Key, Hs384Key, Hs512Key, Required, SignHeader, SigningKey, Time, Validation,
    VerifyingKey,
};
use serde::{Deserialize, Serialize};
use serde_json_core::str::EscapedStr;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Claims<'a> {
    sub: &'a str,
    name: &'a str,
    exp: u64,
    roles: [&'a str; 2],
    n: i64,
    ok: bool,
}

const TRICKY: &str = "q\"b\\s/ctl\u{1}\u{1f}\ttab é 😀 \u{2028}";

fn sign<K: SigningKey, T: Serialize>(key: &K, claims: &T) -> String {
    let len = jwt_core::signed_len(key, &SignHeader::new(), claims).unwrap();
    let mut out = vec![0u8; len];
    let token = jwt_core::sign(key, &SignHeader::new(), claims, &mut out)
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), len, "signed_len is exact");
    for shorter in [0, len / 4, len / 2, len - 2, len - 1] {
        let mut short = vec![0u8; shorter];
        assert_eq!(
            jwt_core::sign(key, &SignHeader::new(), claims, &mut short),
            Err(Error::BufferTooSmall)
        );
    }
    // Claims are serialized once, at a place that depends on the buffer's length: every
    // larger buffer must give the same token.
    for longer in [len + 1, len + 2, len + 3, len + 7, 2 * len] {
        let mut out = vec![0u8; longer];
        let again = jwt_core::sign(key, &SignHeader::new(), claims, &mut out).unwrap();
        assert_eq!(again, token);
    }
    token
}

fn round_trip<K: SigningKey + VerifyingKey>(key: &K) {
    let claims = Claims {
        sub: TRICKY,
        name: "Zoë",
        exp: 2_000_000_000,
        roles: ["admin", "a\"b"],
        n: i64::MIN,
        ok: true,
    };
    let token = sign(key, &claims);
    // serde_json agrees on the claims (an independent parser).
    let payload = common::unb64(token.split('.').nth(1).unwrap());
    let independent: serde_json::Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(independent["sub"], TRICKY);
    assert_eq!(independent["n"], i64::MIN);

    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let verified = jwt_core::verify(
        token.as_bytes(),
        key,
        &Validation::new(),
        Time::At(1),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(verified.algorithm(), <K as VerifyingKey>::ALG);
    assert!(verified.header().typ().unwrap() == "JWT");
    let back: Claims<'_> = verified.deserialize_claims().unwrap();
    assert_eq!(back, claims);
    assert!(verified.claims().sub().unwrap() == TRICKY);
}

#[test]
fn every_hmac_algorithm_round_trips_exactly() {
    round_trip(&Hs256Key::new(&[1; 32]).unwrap());
    round_trip(&Hs384Key::new(&[2; 48]).unwrap());
    round_trip(&Hs512Key::new(&[3; 64]).unwrap());
}

#[test]
fn escaped_strings_reach_every_kind_of_field_correctly() {
    #[derive(Deserialize)]
    struct Borrowed<'a> {
        sub: &'a str,
    }
    #[derive(Deserialize)]
    struct Owned {
        sub: heapless::String<64>,
    }
    #[derive(Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        sub: EscapedStr<'a>,
    }
    // Written by hand with escapes a signer may choose: \/ and \u escapes.
    let token = common::hs256(
        common::SECRET,
        r#"{"alg":"HS256"}"#,
        r#"{"exp":9,"sub":"a\"b\\c\/d\u00e9\ud83d\ude00"}"#,
    );
    let key = Hs256Key::new(common::SECRET).unwrap();
    let expected = "a\"b\\c/dé😀";

    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let v = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(
        v.deserialize_claims::<Borrowed<'_>>().unwrap().sub,
        expected,
        "borrowed &str is unescaped"
    );
    assert_eq!(
        v.deserialize_claims::<Owned>().unwrap().sub.as_str(),
        expected,
        "heapless::String is unescaped"
    );
    assert_eq!(
        v.deserialize_claims::<Raw<'_>>().unwrap().sub.0,
        r#"a\"b\\c\/d\u00e9\ud83d\ude00"#,
        "EscapedStr stays raw"
    );

    // With room for the payload but none to unescape into: a distinct error, never escaped text.
    let payload_len = common::unb64(token.split('.').nth(1).unwrap()).len();
    let header_len = 15;
    let mut tight = vec![0u8; header_len + payload_len];
    let v = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut tight,
    )
    .unwrap();
    assert_eq!(
        v.deserialize_claims::<Borrowed<'_>>().err(),
        Some(Error::BufferTooSmall)
    );
    assert_eq!(
        v.deserialize_claims::<Owned>().err(),
        Some(Error::BufferTooSmall),
        "unescaping always needs room"
    );
    assert_eq!(
        v.deserialize_claims::<Raw<'_>>().unwrap().sub.0,
        r#"a\"b\\c\/d\u00e9\ud83d\ude00"#,
        "raw needs none"
    );
}

#[test]
fn claims_of_the_wrong_shape_are_a_distinct_error() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Needs {
        user_id: u32,
    }
    let key = Hs256Key::new(common::SECRET).unwrap();
    for payload in [
        r#"{"exp":9}"#,
        r#"{"exp":9,"user_id":"7"}"#,
        r#"{"exp":9,"user_id":-1}"#,
        r#"{"exp":9,"user_id":4294967296}"#,
    ] {
        let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, payload);
        let mut scratch = [0u8; 256];
        let v = jwt_core::verify(
            token.as_bytes(),
            &key,
            &Validation::new(),
            Time::At(0),
            &mut scratch,
        )
        .unwrap();
        assert_eq!(
            v.deserialize_claims::<Needs>().unwrap_err(),
            Error::ClaimsMismatch,
            "{payload}"
        );
    }
}

#[test]
fn headers_are_short_and_deterministic() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let claims = serde_json::json!({"exp": 9});
    let cases = [
        (SignHeader::new(), r#"{"alg":"HS256","typ":"JWT"}"#),
        (SignHeader::new().without_typ(), r#"{"alg":"HS256"}"#),
        (
            SignHeader::new().kid("k\"1").cty("x"),
            r#"{"alg":"HS256","typ":"JWT","cty":"x","kid":"k\"1"}"#,
        ),
        (
            SignHeader::new().typ("at+jwt"),
            r#"{"alg":"HS256","typ":"at+jwt"}"#,
        ),
    ];
    for (header, expected) in cases {
        let mut out = [0u8; 512];
        let token = jwt_core::sign(&key, &header, &claims, &mut out).unwrap();
        let decoded = common::unb64(token.split('.').next().unwrap());
        assert_eq!(std::str::from_utf8(&decoded).unwrap(), expected);
    }
    let mut out = [0u8; 512];
    let token = jwt_core::sign(&key, &SignHeader::new().kid("k\"1"), &claims, &mut out)
        .unwrap()
        .to_owned();
    let mut scratch = [0u8; 512];
    let v = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    assert!(v.header().kid().unwrap() == "k\"1");
}

#[test]
fn signing_refuses_claims_verification_would_refuse() {
    struct Dup;
    impl Serialize for Dup {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("exp", &1)?;
            m.serialize_entry("exp", &2)?;
            m.end()
        }
    }
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 512];
    let h = SignHeader::new();
    assert_eq!(
        jwt_core::sign(&key, &h, &Dup, &mut out),
        Err(Error::DuplicateMember)
    );
    assert_eq!(
        jwt_core::sign(&key, &h, &42u32, &mut out),
        Err(Error::Unserializable)
    );
    assert_eq!(
        jwt_core::sign(&key, &h, &[1, 2], &mut out),
        Err(Error::Unserializable)
    );
    assert_eq!(
        jwt_core::sign(&key, &h, &serde_json::json!({"exp": "soon"}), &mut out),
        Err(Error::InvalidNumericDate)
    );
    assert_eq!(
        jwt_core::sign(&key, &h, &serde_json::json!({"aud": []}), &mut out),
        Err(Error::InvalidClaim)
    );
    #[derive(Serialize)]
    struct Float {
        x: f64,
    }
    assert_eq!(
        jwt_core::sign(&key, &h, &Float { x: f64::NAN }, &mut out),
        Err(Error::Unserializable)
    );
    assert_eq!(
        jwt_core::sign(&key, &h, &Float { x: f64::INFINITY }, &mut out),
        Err(Error::Unserializable)
    );
    let map: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
    assert_eq!(
        jwt_core::sign(&key, &h, &map, &mut out),
        Err(Error::Unserializable),
        "non-string keys"
    );
    let deep = (0..20).fold(serde_json::json!(1), |v, _| serde_json::json!([v]));
    assert_eq!(
        jwt_core::sign(&key, &h, &serde_json::json!({"d": deep}), &mut out),
        Err(Error::NestingTooDeep)
    );
}

#[test]
fn sign_and_verify_agree_on_many_sizes() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    for n in 0..300 {
        let claims = serde_json::json!({"exp": 9, "pad": "x".repeat(n), "esc": "\"".repeat(n % 7)});
        let token = sign(&key, &claims);
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        let v = jwt_core::verify(
            token.as_bytes(),
            &key,
            &Validation::new().require(Required::EXP),
            Time::At(0),
            &mut scratch,
        )
        .unwrap();
        let back: serde_json::Value = serde_json::from_slice(v.payload_json()).unwrap();
        assert_eq!(back, claims);
    }
}

#[test]
fn pre_serialized_claims_sign_identically() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let claims = serde_json::json!({"sub": "a\"b", "exp": 9, "n": [1, 2, {"x": null}]});
    let json = serde_json::to_vec(&claims).unwrap();
    let mut a = [0u8; 512];
    let mut b = [0u8; 512];
    let via_serde = jwt_core::sign(&key, &SignHeader::new(), &claims, &mut a).unwrap();
    let via_json = jwt_core::sign_json(&key, &SignHeader::new(), &json, &mut b).unwrap();
    assert_eq!(via_serde, via_json);
    assert_eq!(
        via_json.len(),
        jwt_core::signed_json_len(&key, &SignHeader::new(), &json)
    );
    for (bad, err) in [
        (&br#"{"exp":1,"exp":1}"#[..], Error::DuplicateMember),
        (b"[1]", Error::NotAnObject),
        (b"{", Error::InvalidJson),
        (br#"{"iss":1}"#, Error::InvalidClaim),
    ] {
        let mut c = [0u8; 512];
        assert_eq!(
            jwt_core::sign_json(&key, &SignHeader::new(), bad, &mut c),
            Err(err)
        );
    }
    let mut scratch = [0u8; 512];
    let v = jwt_core::verify(
        via_json.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(v.payload_json(), &json[..]);
    assert_eq!(v.header_json(), br#"{"alg":"HS256","typ":"JWT"}"#);
}

#[test]
fn unchecked_signing_differs_from_sign_only_in_what_it_does_not_scan() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let claims =
        serde_json::json!({"sub": TRICKY, "exp": 9, "aud": ["a", "b"], "n": [1, {"x": null}]});
    let mut a = [0u8; 512];
    let mut b = [0u8; 512];
    assert_eq!(
        jwt_core::sign(&key, &SignHeader::new(), &claims, &mut a).unwrap(),
        jwt_core::sign_unchecked(&key, &SignHeader::new(), &claims, &mut b).unwrap()
    );
    // Not an object: both refuse.
    assert_eq!(
        jwt_core::sign_unchecked(&key, &SignHeader::new(), &[1, 2], &mut b),
        Err(Error::Unserializable)
    );
    // Duplicates through flatten: only `sign` looks.
    #[derive(Serialize)]
    struct Inner {
        exp: u64,
    }
    #[derive(Serialize)]
    struct Outer {
        exp: u64,
        #[serde(flatten)]
        inner: Inner,
    }
    let dup = Outer {
        exp: 1,
        inner: Inner { exp: 2 },
    };
    assert_eq!(
        jwt_core::sign(&key, &SignHeader::new(), &dup, &mut a),
        Err(Error::DuplicateMember)
    );
    let token = jwt_core::sign_unchecked(&key, &SignHeader::new(), &dup, &mut b).unwrap();
    let mut scratch = [0u8; 512];
    assert_eq!(
        jwt_core::verify(
            token.as_bytes(),
            &key,
            &Validation::new(),
            Time::At(0),
            &mut scratch
        )
        .map(|_| ()),
        Err(Error::DuplicateMember),
        "verification still refuses what unchecked signing let through"
    );
}

#[test]
fn extra_header_members_are_signed_as_given_and_the_library_owns_its_names() {
    let key = Hs256Key::new(&[7u8; 32]).unwrap();
    let dpop_jwk = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
    let extra =
        format!(r#"{{"nonce":"n\"1","jwk":{dpop_jwk},"x5t#S256":"abc","n":[1,2.5,null,true]}}"#);
    let header = SignHeader::new().typ("dpop+jwt").kid("k1").members(&extra);
    let claims = br#"{"jti":"x","exp":9}"#;
    let len = jwt_core::signed_json_len(&key, &header, claims);
    let mut out = vec![0u8; len];
    let token = jwt_core::sign_json(&key, &header, claims, &mut out)
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), len, "signed_json_len counts the extra members");
    let header_json = common::unb64(token.split('.').next().unwrap());
    assert_eq!(
        String::from_utf8(header_json).unwrap(),
        format!(
            r#"{{"alg":"HS256","typ":"dpop+jwt","kid":"k1","nonce":"n\"1","jwk":{dpop_jwk},"x5t#S256":"abc","n":[1,2.5,null,true]}}"#
        )
    );
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let verified = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new().typ("dpop+jwt"),
        Time::At(1),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(verified.header().kid().and_then(|k| k.as_str()), Some("k1"));

    let refused = |members: &str| {
        let mut out = [0u8; 1024];
        jwt_core::sign_json(&key, &SignHeader::new().members(members), claims, &mut out).map(|_| ())
    };
    for owned in ["alg", "crit", "b64", "typ", "cty", "kid", "\\u0061lg"] {
        assert_eq!(
            refused(&format!(r#"{{"{owned}":"x"}}"#)),
            Err(Error::ReservedHeaderMember),
            "{owned}"
        );
    }
    assert_eq!(
        refused(r#"{"nonce":1,"nonce":2}"#),
        Err(Error::DuplicateMember)
    );
    assert_eq!(refused(r#"{"nonce":1"#), Err(Error::InvalidJson));
    assert_eq!(refused(r#"["nonce"]"#), Err(Error::NotAnObject));
    assert_eq!(
        refused(&format!("{{\"a\":{}1{}}}", "[".repeat(20), "]".repeat(20))),
        Err(Error::NestingTooDeep)
    );
    assert_eq!(refused("{}"), Ok(()));
}

/// The claims text a signed token carries.
fn payload_of<T: Serialize>(claims: &T) -> String {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 2048];
    let token = jwt_core::sign_unchecked(&key, &SignHeader::new(), claims, &mut out)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let payload = token.split('.').nth(1).unwrap();
    String::from_utf8(common::unb64(payload)).unwrap()
}

#[test]
fn claims_serialize_to_the_text_serde_json_writes() {
    #[derive(Serialize)]
    struct Values {
        control: String,
        zero: i64,
        minus_one: i32,
        min: i64,
        max: u64,
        wide: u128,
        wide_min: i128,
        narrow: i8,
        float: f64,
    }
    // Every control character, the two that must be escaped, and the rest of Unicode as is.
    let control: String = (0u8..0x20)
        .map(char::from)
        .chain("\"\\/é😀\u{2028}\u{7f}".chars())
        .collect();
    let values = Values {
        control,
        zero: 0,
        minus_one: -1,
        min: i64::MIN,
        max: u64::MAX,
        wide: u128::MAX,
        wide_min: i128::MIN,
        narrow: -128,
        float: 0.25,
    };
    assert_eq!(payload_of(&values), serde_json::to_string(&values).unwrap());
    // u64::MAX and its neighbours on either side of the narrow path.
    for n in [
        u128::from(u64::MAX) - 1,
        u128::from(u64::MAX),
        u128::from(u64::MAX) + 1,
    ] {
        #[derive(Serialize)]
        struct N {
            n: u128,
        }
        assert_eq!(payload_of(&N { n }), format!(r#"{{"n":{n}}}"#));
    }
}

#[test]
fn every_kind_of_serde_value_serializes_as_serde_json_writes_it() {
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Unit;
    #[derive(Serialize)]
    struct Newtype(u16);
    #[derive(Serialize)]
    struct Pair(i8, char);
    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(u32),
        Pair(u8, u8),
        Shape { w: u16, h: u16 },
    }
    /// Bytes through `serialize_bytes`, as `serde_bytes` would.
    struct Bytes(&'static [u8]);
    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    /// A value written through its `Display`, as many types serialize themselves.
    struct Shown(u32);
    impl Serialize for Shown {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&format_args!("v{}", self.0))
        }
    }
    #[derive(Serialize)]
    struct Everything {
        i8: i8,
        i16: i16,
        u16: u16,
        u32: u32,
        u128: u128,
        f32: f32,
        char: char,
        bytes: Bytes,
        none: Option<u8>,
        some: Option<u8>,
        unit: (),
        unit_struct: Unit,
        newtype: Newtype,
        tuple_struct: Pair,
        tuple: (u8, bool),
        kinds: [Kind; 4],
        by_number: BTreeMap<u32, &'static str>,
        by_char: BTreeMap<char, bool>,
        // Map keys of every kind serde_json writes as a string.
        by_i8: BTreeMap<i8, u8>,
        by_i16: BTreeMap<i16, u8>,
        by_i32: BTreeMap<i32, u8>,
        by_i64: BTreeMap<i64, u8>,
        by_i128: BTreeMap<i128, u8>,
        by_u8: BTreeMap<u8, u8>,
        by_u16: BTreeMap<u16, u8>,
        by_u64: BTreeMap<u64, u8>,
        by_u128: BTreeMap<u128, u8>,
        by_variant: BTreeMap<Key, u8>,
        by_newtype: BTreeMap<KeyNewtype, u8>,
    }
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Key {
        First,
        Second,
    }
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct KeyNewtype(&'static str);
    let value = Everything {
        i8: -7,
        i16: -300,
        u16: 65_535,
        u32: 4_000_000_000,
        u128: 1 << 100,
        f32: 0.5,
        char: 'é',
        bytes: Bytes(&[0, 1, 255]),
        none: None,
        some: Some(3),
        unit: (),
        unit_struct: Unit,
        newtype: Newtype(9),
        tuple_struct: Pair(-1, '"'),
        tuple: (2, true),
        kinds: [
            Kind::Plain,
            Kind::Wrapped(5),
            Kind::Pair(1, 2),
            Kind::Shape { w: 3, h: 4 },
        ],
        by_number: BTreeMap::from([(1, "one"), (20, "twenty")]),
        by_char: BTreeMap::from([('k', true)]),
        by_i8: BTreeMap::from([(i8::MIN, 1), (i8::MAX, 2)]),
        by_i16: BTreeMap::from([(i16::MIN, 1)]),
        by_i32: BTreeMap::from([(i32::MIN, 1)]),
        by_i64: BTreeMap::from([(i64::MIN, 1), (0, 2)]),
        by_i128: BTreeMap::from([(i128::MIN, 1)]),
        by_u8: BTreeMap::from([(u8::MAX, 1)]),
        by_u16: BTreeMap::from([(u16::MAX, 1)]),
        by_u64: BTreeMap::from([(u64::MAX, 1)]),
        by_u128: BTreeMap::from([(u128::MAX, 1)]),
        by_variant: BTreeMap::from([(Key::First, 1), (Key::Second, 2)]),
        by_newtype: BTreeMap::from([(KeyNewtype("inner"), 1)]),
    };
    assert_eq!(payload_of(&value), serde_json::to_string(&value).unwrap());
    // A value that writes itself through `Display` needs formatting machinery and a buffer of
    // unknown size: refused, as are map keys that are not strings, numbers or chars.
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 512];
    let shown = BTreeMap::from([("v", Shown(42))]);
    let bools = BTreeMap::from([(true, 1)]);
    for refused in [
        jwt_core::sign_unchecked(&key, &SignHeader::new(), &shown, &mut out).map(|_| ()),
        jwt_core::sign_unchecked(&key, &SignHeader::new(), &bools, &mut out).map(|_| ()),
    ] {
        assert_eq!(refused, Err(Error::Unserializable));
    }
}
