//! Properties, checked on generated inputs (proptest). Failing cases are kept in
//! `tests/suite/proptest-regressions/` and replayed first on every run.

use std::collections::BTreeMap;

#[cfg(feature = "eddsa")]
use jwt_core::Ed25519SigningKey;
#[cfg(feature = "es256")]
use jwt_core::Es256SigningKey;
#[cfg(feature = "es384")]
use jwt_core::Es384SigningKey;
use jwt_core::{
    Error, ErrorClass, Hs256Key, Hs384Key, Hs512Key, Limits, Required, SignHeader, SigningKey,
    Time, Validation, VerifyingKey,
};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use crate::common;

/// Claims with every kind of field: registered ones (optional), strings of any Unicode
/// (quotes, backslashes, control characters, astral planes), integers at their edges, nested
/// arrays and maps.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Claims {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    iss: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    sub: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    jti: Option<String>,
    exp: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    iat: Option<u64>,
    text: String,
    ints: (i64, u64, i32, u8),
    list: Vec<String>,
    nested: Vec<Vec<i64>>,
    map: BTreeMap<String, String>,
    flag: bool,
}

/// The same claims, borrowing every string from the scratch buffer.
#[derive(Deserialize, Debug, PartialEq)]
struct Borrowed<'a> {
    #[serde(borrow, default)]
    iss: Option<&'a str>,
    #[serde(borrow, default)]
    sub: Option<&'a str>,
    text: &'a str,
    #[serde(borrow)]
    list: Vec<&'a str>,
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\/\\u{0}-\\u{1f}a-zé😀\\u{2028}]{0,24}",
        Just(String::new()),
    ]
}

fn claims() -> impl Strategy<Value = Claims> {
    (
        (
            proptest::option::of(any_text()),
            proptest::option::of(any_text()),
            proptest::option::of(any_text()),
            0..=jwt_core::MAX_NUMERIC_DATE,
            proptest::option::of(0..=jwt_core::MAX_NUMERIC_DATE),
        ),
        any_text(),
        (
            prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()],
            prop_oneof![Just(u64::MAX), any::<u64>()],
            any::<i32>(),
            any::<u8>(),
        ),
        proptest::collection::vec(any_text(), 0..6),
        proptest::collection::vec(proptest::collection::vec(any::<i64>(), 0..4), 0..4),
        proptest::collection::btree_map(any_text(), any_text(), 0..5),
        any::<bool>(),
    )
        .prop_map(
            |((iss, sub, jti, exp, iat), text, ints, list, nested, map, flag)| Claims {
                iss,
                sub,
                jti,
                exp,
                iat,
                text,
                ints,
                list,
                nested,
                map,
                flag,
            },
        )
}

fn header() -> impl Strategy<Value = (Option<String>, Option<String>, Option<String>)> {
    (
        proptest::option::of(any_text()),
        proptest::option::of(any_text()),
        proptest::option::of(any_text()),
    )
}

fn sign_header<'a>(
    typ: &'a Option<String>,
    cty: &'a Option<String>,
    kid: &'a Option<String>,
) -> SignHeader<'a> {
    let mut h = SignHeader::new().without_typ();
    if let Some(t) = typ {
        h = h.typ(t);
    }
    if let Some(c) = cty {
        h = h.cty(c);
    }
    if let Some(k) = kid {
        h = h.kid(k);
    }
    h
}

/// sign → verify → deserialize gives back exactly what was signed, and the header too; the
/// computed sizes are exact (sign) and enough without being far too much (verify).
fn round_trip<K: SigningKey, V: VerifyingKey>(
    signer: &K,
    verifier: &V,
    claims: &Claims,
    (typ, cty, kid): &(Option<String>, Option<String>, Option<String>),
) -> Result<(), TestCaseError> {
    let header = sign_header(typ, cty, kid);
    let len = jwt_core::signed_len(signer, &header, claims).unwrap();
    let mut out = vec![0u8; len];
    let token = jwt_core::sign(signer, &header, claims, &mut out)
        .unwrap()
        .to_owned();
    prop_assert_eq!(token.len(), len);

    let need = jwt_core::scratch_len(token.as_bytes());
    prop_assert!(need <= jwt_core::scratch_len_for(token.len()));
    prop_assert!(
        need <= token.len() * 3 / 2 + 8,
        "scratch {} for a {}-byte token",
        need,
        token.len()
    );
    let mut scratch = vec![0u8; need];
    let policy = Validation::new()
        .require(Required::EXP)
        .limits(Limits::new().max_token_len(jwt_core::MAX_TOKEN_LEN));
    let v = jwt_core::verify(
        token.as_bytes(),
        verifier,
        &policy,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    )
    .unwrap();
    let back: Claims = v.deserialize_claims().unwrap();
    prop_assert_eq!(&back, claims);
    let borrowed: Borrowed<'_> = v.deserialize_claims().unwrap();
    prop_assert_eq!(borrowed.text, claims.text.as_str());
    prop_assert_eq!(borrowed.iss, claims.iss.as_deref());
    prop_assert_eq!(borrowed.sub, claims.sub.as_deref());
    prop_assert_eq!(
        borrowed.list,
        claims.list.iter().map(String::as_str).collect::<Vec<_>>()
    );
    prop_assert_eq!(v.claims().exp(), Some(claims.exp));
    prop_assert!(v.claims().sub().map(|s| s.to_string()) == claims.sub);
    prop_assert!(v.header().typ().map(|s| s.to_string()) == *typ);
    prop_assert!(v.header().cty().map(|s| s.to_string()) == *cty);
    prop_assert!(v.header().kid().map(|s| s.to_string()) == *kid);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn round_trip_every_algorithm(claims in claims(), header in header()) {
        let hs256 = Hs256Key::new(&[1; 32]).unwrap();
        let hs384 = Hs384Key::new(&[2; 48]).unwrap();
        let hs512 = Hs512Key::new(&[3; 64]).unwrap();
        round_trip(&hs256, &hs256, &claims, &header)?;
        round_trip(&hs384, &hs384, &claims, &header)?;
        round_trip(&hs512, &hs512, &claims, &header)?;
        #[cfg(feature = "es256")]
        {
            let es256 = Es256SigningKey::from_bytes(&[4; 32]).unwrap();
            round_trip(&es256, &es256.verifying_key(), &claims, &header)?;
        }
        #[cfg(feature = "es384")]
        {
            let es384 = Es384SigningKey::from_bytes(&[5; 48]).unwrap();
            round_trip(&es384, &es384.verifying_key(), &claims, &header)?;
        }
        #[cfg(feature = "eddsa")]
        {
            let ed = Ed25519SigningKey::from_bytes(&[6; 32]).unwrap();
            round_trip(&ed, &ed.verifying_key(), &claims, &header)?;
        }
    }
}

/// A valid token and the key that verifies it.
fn valid_token() -> (String, Hs256Key) {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 256];
    let token = jwt_core::sign_json(
        &key,
        &SignHeader::new().kid("k"),
        br#"{"sub":"a\"b","exp":9,"n":[1,{"x":null}]}"#,
        &mut out,
    )
    .unwrap()
    .to_owned();
    (token, key)
}

fn verdict(token: &[u8], key: &Hs256Key) -> Result<(), Error> {
    let mut scratch = vec![0u8; jwt_core::scratch_len(token).max(64)];
    jwt_core::verify(token, key, &Validation::new(), Time::At(0), &mut scratch).map(|_| ())
}

#[derive(Debug, Clone)]
enum Tamper {
    FlipBit(usize, u8),
    Delete(usize),
    Insert(usize, u8),
    Duplicate(usize),
    SwapSegments(usize, usize),
    Truncate(usize, usize),
    NonCanonical(usize),
}

fn tamper() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(i, b)| Tamper::FlipBit(i, b)),
        any::<usize>().prop_map(Tamper::Delete),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Tamper::Insert(i, b)),
        any::<usize>().prop_map(Tamper::Duplicate),
        (0usize..3, 0usize..3).prop_map(|(a, b)| Tamper::SwapSegments(a, b)),
        (0usize..3, any::<usize>()).prop_map(|(s, n)| Tamper::Truncate(s, n)),
        (0usize..3).prop_map(Tamper::NonCanonical),
    ]
}

fn apply(token: &str, t: &Tamper) -> Vec<u8> {
    let mut b = token.as_bytes().to_vec();
    let n = b.len();
    let mut segs: Vec<String> = token.split('.').map(str::to_owned).collect();
    match *t {
        Tamper::FlipBit(i, bit) => b[i % n] ^= 1 << bit,
        Tamper::Delete(i) => {
            b.remove(i % n);
        }
        Tamper::Insert(i, byte) => b.insert(i % (n + 1), byte),
        Tamper::Duplicate(i) => {
            let byte = b[i % n];
            b.insert(i % n, byte);
        }
        Tamper::SwapSegments(x, y) => {
            segs.swap(x, y);
            b = segs.join(".").into_bytes();
        }
        Tamper::Truncate(s, k) => {
            let len = segs[s].len();
            segs[s].truncate(k % (len + 1));
            b = segs.join(".").into_bytes();
        }
        Tamper::NonCanonical(s) => {
            // Set an unused trailing bit if the segment has any, else append padding.
            let seg = &mut segs[s];
            match seg.len() % 4 {
                2 | 3 => {
                    let last = seg.pop().unwrap();
                    let alphabet =
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                    let v = alphabet.find(last).unwrap();
                    seg.push(alphabet.as_bytes()[v ^ 1] as char);
                }
                _ => seg.push('='),
            }
            b = segs.join(".").into_bytes();
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Any change to a valid token is refused, never accepted and never a panic, unless it
    /// leaves the bytes identical; and it is refused before the claims are read (by the
    /// format, the JSON, the header, the algorithm or the signature), never by a claims rule.
    #[test]
    fn every_tampering_is_refused_before_the_claims(t in tamper()) {
        let (token, key) = valid_token();
        prop_assert_eq!(verdict(token.as_bytes(), &key), Ok(()));
        let changed = apply(&token, &t);
        prop_assume!(changed != token.as_bytes());
        let refused = verdict(&changed, &key);
        let class = refused.err().map(Error::class);
        prop_assert!(
            matches!(
                class,
                Some(
                    ErrorClass::Format
                        | ErrorClass::Json
                        | ErrorClass::Header
                        | ErrorClass::Algorithm
                        | ErrorClass::Signature
                )
            ),
            "{:?}: {:?}",
            t,
            refused
        );
    }

    /// A key set reads the header once and hands it to the verification (its fast path):
    /// whatever the tampering, its verdict is exactly that of verifying with the key it
    /// chose, unless the tampering made it choose none.
    #[test]
    fn a_key_set_verdict_equals_the_chosen_keys(t in tamper()) {
        let (token, key) = valid_token();
        let changed = apply(&token, &t);
        let mut set = jwt_core::KeySet::<2>::new();
        set.insert(Some("k"), jwt_core::SetKey::Hs256(key.clone())).unwrap();
        let mut scratch = vec![0u8; jwt_core::scratch_len(&changed).max(64)];
        let through_set = set
            .verify(&changed, &Validation::new(), Time::At(0), &mut scratch)
            .map(|v| v.payload_json().to_vec());
        prop_assume!(through_set != Err(Error::UnknownKey));
        let mut scratch = vec![0u8; jwt_core::scratch_len(&changed).max(64)];
        let direct = jwt_core::verify(&changed, &key, &Validation::new(), Time::At(0), &mut scratch)
            .map(|v| v.payload_json().to_vec());
        prop_assert_eq!(through_set, direct, "{:?}", t);
    }

    /// Arbitrary bytes never panic. (That the cost is linear in the length is measured, not
    /// timed here: callgrind instruction counts at two token sizes, `dev/bench-peers`, and
    /// libFuzzer's per-input timeout.)
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let key = Hs256Key::new(common::SECRET).unwrap();
        let _ = verdict(&bytes, &key);
        let mut buf = vec![0u8; bytes.len()];
        let _ = jwt_core::UnverifiedHeader::dangerous_peek(&bytes, &Limits::new(), &mut buf);
        let _ = jwt_core::check_claims_json(&bytes, &Limits::new());
        let _ = jwt_core::jwk_thumbprint(&bytes);
        let _ = jwt_core::KeySet::<4>::new().extend_from_jwks(&bytes);
    }

    /// Almost-valid tokens, MAC'd over their exact bytes so that they reach the JSON and
    /// claims code: never a panic.
    #[test]
    fn almost_valid_tokens_never_panic(header in json_text(), payload in json_text()) {
        let key = Hs256Key::new(common::SECRET).unwrap();
        let token = common::hs256(common::SECRET, &header, &payload);
        let _ = verdict(token.as_bytes(), &key);
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        if let Ok(v) = jwt_core::verify(token.as_bytes(), &key, &Validation::new().require(Required::NONE), Time::DangerouslySkipTimeChecks, &mut scratch) {
            let _ = v.deserialize_claims::<Claims>();
        }
    }
}

/// JSON-ish text: mostly valid JSON objects with registered names and awkward values, sometimes
/// broken on purpose.
pub fn json_text() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("alg".to_owned()),
        Just("exp".to_owned()),
        Just("aud".to_owned()),
        Just("crit".to_owned()),
        Just("\\u0061lg".to_owned()),
        "[a-z]{1,3}",
    ];
    let leaf = prop_oneof![
        Just("\"HS256\"".to_owned()),
        Just("\"none\"".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("1e400".to_owned()),
        Just("-0.5".to_owned()),
        Just("9223372036854775807".to_owned()),
        Just("[]".to_owned()),
        Just("\"\\ud800\"".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    let value = leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| format!("[{}]", v.join(","))),
            proptest::collection::vec(("[a-z]{1,2}", inner), 0..4).prop_map(|v| format!(
                "{{{}}}",
                v.iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
        ]
    });
    let member = (name, value).prop_map(|(n, v)| format!("\"{n}\":{v}"));
    let object =
        proptest::collection::vec(member, 0..6).prop_map(|m| format!("{{{}}}", m.join(",")));
    prop_oneof![
        8 => object.clone(),
        1 => object.prop_map(|o| o.chars().take(o.chars().count() / 2).collect()),
        1 => any::<String>(),
    ]
}

/// The reference model of RFC 7519's time rules, in u128 so that nothing can overflow.
fn model(
    now: u64,
    leeway: u64,
    exp: u64,
    nbf: Option<u64>,
    iat: Option<u64>,
    max_age: Option<u64>,
) -> Result<(), Error> {
    let (now, leeway) = (u128::from(now), u128::from(leeway));
    if now >= u128::from(exp) + leeway {
        return Err(Error::Expired);
    }
    if nbf.is_some_and(|nbf| u128::from(nbf) > now + leeway) {
        return Err(Error::NotYetValid);
    }
    if let Some(iat) = iat {
        if u128::from(iat) > now + leeway {
            return Err(Error::IssuedInFuture);
        }
        if max_age.is_some_and(|max| now > u128::from(iat) + u128::from(max) + leeway) {
            return Err(Error::TooOld);
        }
    }
    Ok(())
}

fn edge() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(jwt_core::MAX_NUMERIC_DATE),
        Just(jwt_core::MAX_NUMERIC_DATE - 1),
        1_699_999_000u64..1_700_001_000,
        0..=jwt_core::MAX_NUMERIC_DATE,
    ]
}

fn big() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(u64::MAX),
        Just(u64::MAX - 1),
        0u64..120,
        1_699_999_000u64..1_700_001_000,
        any::<u64>()
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// The policy's verdict equals the reference model, at every boundary.
    #[test]
    fn time_policy_matches_the_model(
        now in big(), leeway in big(), exp in edge(),
        nbf in proptest::option::of(edge()), iat in proptest::option::of(edge()),
        max_age in proptest::option::of(big()),
    ) {
        let mut claims = serde_json::json!({"exp": exp});
        if let Some(nbf) = nbf { claims["nbf"] = nbf.into(); }
        if let Some(iat) = iat { claims["iat"] = iat.into(); }
        let key = Hs256Key::new(common::SECRET).unwrap();
        let mut out = [0u8; 256];
        let token = jwt_core::sign_json(&key, &SignHeader::new(), &serde_json::to_vec(&claims).unwrap(), &mut out).unwrap();
        let mut policy = Validation::new().leeway(leeway);
        if let Some(max) = max_age { policy = policy.max_age(max); }
        let mut scratch = [0u8; 256];
        let got = jwt_core::verify(token.as_bytes(), &key, &policy, Time::At(now), &mut scratch).map(|_| ());
        let want = if max_age.is_some() && iat.is_none() { Err(Error::MissingClaim) } else { model(now, leeway, exp, nbf, iat, max_age) };
        prop_assert_eq!(got, want);
    }
}

/// The registered claims, in the order of a bit mask.
const REGISTERED: [(&str, Required); 7] = [
    ("iss", Required::ISS),
    ("sub", Required::SUB),
    ("aud", Required::AUD),
    ("exp", Required::EXP),
    ("nbf", Required::NBF),
    ("iat", Required::IAT),
    ("jti", Required::JTI),
];

/// The claims of a bit mask, as a set.
fn required_of(mask: u8) -> Required {
    REGISTERED
        .iter()
        .enumerate()
        .filter(|(bit, _)| mask & (1 << bit) != 0)
        .fold(Required::NONE, |set, (_, (_, claim))| set.and(*claim))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// `Validation::missing` (what an explanation asks) names a claim exactly when
    /// verification refuses with `missing-claim`, and names what the policy needs.
    #[test]
    fn missing_claims_match_the_verdict(
        present in 0u8..128, required in 0u8..128,
        issuer in any::<bool>(), subject in any::<bool>(), max_age in any::<bool>(),
    ) {
        let mut claims = serde_json::Map::new();
        for (bit, (name, _)) in REGISTERED.iter().enumerate() {
            if present & (1 << bit) != 0 {
                let value = if matches!(*name, "exp" | "nbf" | "iat") { 1.into() } else { "v".into() };
                claims.insert((*name).to_owned(), value);
            }
        }
        let key = Hs256Key::new(common::SECRET).unwrap();
        let json = serde_json::to_vec(&claims).unwrap();
        let mut out = [0u8; 256];
        let token = jwt_core::sign_json(&key, &SignHeader::new(), &json, &mut out).unwrap();
        let audiences: &[&str] = if claims.contains_key("aud") { &["v"] } else { &[] };
        let mut policy = Validation::new().require(required_of(required)).audiences(audiences);
        if issuer { policy = policy.issuers(&["v"]); }
        if subject { policy = policy.subject("v"); }
        if max_age { policy = policy.max_age(u64::MAX); }
        let mut scratch = [0u8; 256];
        let got = jwt_core::verify(token.as_bytes(), &key, &policy, Time::DangerouslySkipTimeChecks, &mut scratch).map(|_| ());
        let parsed = jwt_core::check_claims_json(&json, &Limits::new()).unwrap();
        let missing = policy.missing(&parsed);
        let want = if missing == Required::NONE { Ok(()) } else { Err(Error::MissingClaim) };
        prop_assert_eq!(got, want);
        let mut needed = required_of(required);
        if issuer { needed = needed.and(Required::ISS); }
        if subject { needed = needed.and(Required::SUB); }
        if max_age { needed = needed.and(Required::IAT); }
        let expected: Vec<_> = REGISTERED
            .iter()
            .filter(|(name, claim)| needed.contains(*claim) && !claims.contains_key(*name))
            .map(|(name, _)| *name)
            .collect();
        prop_assert_eq!(missing.names().collect::<Vec<_>>(), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A `NumericDate` field reads a date as the verifier reads it, rounded either way, in
    /// every spelling: plain, with a fraction, with an exponent.
    #[test]
    fn a_numeric_date_field_reads_what_the_verifier_reads(
        whole in 0u64..(1 << 40), millis in proptest::option::of(0u16..1000), spelling in 0u8..3,
    ) {
        let digits = match millis {
            Some(m) => format!("{whole}{m:03}"),
            None => whole.to_string(),
        };
        let scale = if millis.is_some() { 3 } else { 0 };
        let text = match spelling {
            0 => match millis {
                Some(m) => format!("{whole}.{m:03}"),
                None => whole.to_string(),
            },
            1 => format!("{digits}e-{scale}"),
            _ => {
                // One digit before the point: d.ddd…e(n)
                let (first, rest) = digits.split_at(1);
                let exponent = digits.len() - 1 - scale;
                format!("{first}.{rest}0E+{exponent}")
            }
        };
        let json = format!(r#"{{"exp":{text},"nbf":{text}}}"#);
        let registered = jwt_core::check_claims_json(json.as_bytes(), &Limits::new()).unwrap();
        #[derive(Deserialize)]
        struct Dates {
            exp: jwt_core::NumericDate,
            nbf: jwt_core::NumericDate,
        }
        let (dates, _): (Dates, _) = serde_json_core::from_str(&json).unwrap();
        prop_assert_eq!(Some(dates.exp.rounded_down()), registered.exp(), "{}", text);
        prop_assert_eq!(Some(dates.nbf.rounded_up()), registered.nbf(), "{}", text);
    }
}

/// Member names for generated claims: the registered ones (whose types signing checks), a few
/// others, and names that need escapes.
pub const NAMES: [&str; 12] = [
    "exp", "nbf", "iat", "iss", "sub", "jti", "aud", "a", "b", "a\"b", "\u{1}", "\u{e9}",
];

/// A JSON-shaped value whose `Serialize` can write what derived types cannot: duplicate
/// names, any nesting, enum variants, and pre-formatted text (as `serde_json`'s `RawValue`).
#[derive(Debug, Clone)]
pub enum Node {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Arr(Vec<Node>),
    Obj(Vec<(usize, Node)>),
    /// An object written as a struct: its names as static field names.
    Record(Vec<(usize, Node)>),
    Deep(usize, Box<Node>),
    Newtype(usize, Box<Node>),
    Struct(usize, Vec<(usize, Node)>),
    Tuple(usize, Vec<Node>),
    Raw(String),
}

impl Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{
            SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant,
            SerializeTupleVariant,
        };
        match self {
            Self::Str(x) => s.serialize_str(x),
            Self::Int(i) => s.serialize_i64(*i),
            Self::Float(f) => s.serialize_f64(*f),
            Self::Bool(b) => s.serialize_bool(*b),
            Self::Null => s.serialize_unit(),
            Self::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Obj(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(NAMES[*name], value)?;
                }
                map.end()
            }
            Self::Record(fields) => {
                let mut record = s.serialize_struct("Record", fields.len())?;
                for (field, value) in fields {
                    record.serialize_field(NAMES[*field], value)?;
                }
                record.end()
            }
            Self::Deep(0, inner) => inner.serialize(s),
            Self::Deep(n, inner) => [Self::Deep(n - 1, inner.clone())].serialize(s),
            Self::Newtype(name, inner) => s.serialize_newtype_variant("E", 0, NAMES[*name], inner),
            Self::Struct(name, fields) => {
                let mut v = s.serialize_struct_variant("E", 0, NAMES[*name], fields.len())?;
                for (field, value) in fields {
                    v.serialize_field(NAMES[*field], value)?;
                }
                v.end()
            }
            Self::Tuple(name, items) => {
                let mut v = s.serialize_tuple_variant("E", 0, NAMES[*name], items.len())?;
                for item in items {
                    v.serialize_field(item)?;
                }
                v.end()
            }
            Self::Raw(text) => {
                let mut raw = s.serialize_struct("$serde_json::private::RawValue", 1)?;
                raw.serialize_field("$serde_json::private::RawValue", text)?;
                raw.end()
            }
        }
    }
}

pub fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        any::<String>().prop_map(Node::Str),
        Just(Node::Str("x\"\\\n".to_owned())),
        any::<i64>().prop_map(Node::Int),
        (0i64..=4_000_000_000).prop_map(Node::Int),
        prop_oneof![
            Just(1.5),
            Just(-0.5),
            Just(1e300),
            Just(f64::NAN),
            any::<f64>()
        ]
        .prop_map(Node::Float),
        any::<bool>().prop_map(Node::Bool),
        Just(Node::Null),
        prop_oneof![
            Just(r#"{"a":1,"a":2}"#.to_owned()),
            Just(r#"[1,{"b":[]}]"#.to_owned()),
            Just("1700000000".to_owned()),
            Just("{".to_owned()),
        ]
        .prop_map(Node::Raw),
    ];
    let name = 0..NAMES.len();
    leaf.prop_recursive(4, 24, 4, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Node::Arr),
            proptest::collection::vec((name.clone(), inner.clone()), 0..5).prop_map(Node::Obj),
            (0usize..20, inner.clone()).prop_map(|(n, v)| Node::Deep(n, Box::new(v))),
            (name.clone(), inner.clone()).prop_map(|(n, v)| Node::Newtype(n, Box::new(v))),
            (
                name.clone(),
                proptest::collection::vec((name.clone(), inner.clone()), 0..3)
            )
                .prop_map(|(n, f)| Node::Struct(n, f)),
            (name.clone(), proptest::collection::vec(inner, 0..3))
                .prop_map(|(n, v)| Node::Tuple(n, v)),
        ]
    })
}

/// Signing as it was: write without checks, then read the claims back as verification would.
fn sign_then_scan(key: &Hs256Key, claims: &Node) -> Result<String, Error> {
    let mut out = vec![0u8; 1 << 16];
    let token = jwt_core::sign_unchecked(key, &SignHeader::new(), claims, &mut out)?;
    let payload = common::unb64(token.split('.').nth(1).unwrap());
    match jwt_core::check_claims_json(&payload, &Limits::new()) {
        Ok(_) => Ok(token.to_owned()),
        Err(Error::NotAnObject) => Err(Error::Unserializable),
        Err(e) => Err(e),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// `sign` checks its claims while serializing them; its verdict and token equal those of
    /// serializing unchecked and then pre-scanning the result, on claims of every shape:
    /// duplicates at any depth, registered claims of wrong types, nesting past the limit,
    /// enum variants, and pre-formatted text (which is read back). The top-level object is
    /// written as a map or as a struct, whose names reach the serializer by different paths.
    #[test]
    fn checking_while_signing_equals_scanning_after(
        members in proptest::collection::vec((0..NAMES.len(), node()), 0..7),
        top in prop_oneof![8 => Just(None), 1 => node().prop_map(Some)],
        record in any::<bool>(),
    ) {
        let key = Hs256Key::new(common::SECRET).unwrap();
        let object = if record { Node::Record(members) } else { Node::Obj(members) };
        let claims = top.unwrap_or(object);
        let mut out = vec![0u8; 1 << 16];
        let checked = jwt_core::sign(&key, &SignHeader::new(), &claims, &mut out).map(str::to_owned);
        prop_assert_eq!(checked, sign_then_scan(&key, &claims), "{:?}", claims);
    }
}
