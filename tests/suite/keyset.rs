//! Key sets: selection by kid, ambiguity, capacity and rotation.

use jwt_core::{
    Ed25519SigningKey, Error, Es256SigningKey, Hs256Key, JwksError, KeySet, SetKey, SignHeader,
    SkipReason, Time, Validation,
};

fn es(seed: u8) -> Es256SigningKey {
    Es256SigningKey::from_bytes(&[seed; 32]).unwrap()
}

fn ec_jwk(key: &Es256SigningKey, kid: Option<&str>) -> serde_json::Value {
    let (x, y) = key.verifying_key().coordinates();
    let mut v = serde_json::json!({"kty": "EC", "crv": "P-256", "x": crate::common::b64(&x), "y": crate::common::b64(&y)});
    if let Some(kid) = kid {
        v["kid"] = kid.into();
    }
    v
}

fn token<K: jwt_core::SigningKey>(key: &K, kid: Option<&str>) -> String {
    let mut header = SignHeader::new();
    if let Some(kid) = kid {
        header = header.kid(kid);
    }
    let mut out = [0u8; 512];
    jwt_core::sign_json(key, &header, br#"{"exp":9}"#, &mut out)
        .unwrap()
        .to_owned()
}

fn verify<const N: usize>(set: &KeySet<N>, token: &str) -> Result<&'static str, Error> {
    let mut scratch = [0u8; 512];
    set.verify(
        token.as_bytes(),
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .map(|v| v.algorithm())
}

#[test]
fn keys_are_chosen_by_kid_and_never_by_the_token_alone() {
    let ed = Ed25519SigningKey::from_bytes(&[2u8; 32]).unwrap();
    let ed_x = crate::common::b64(&ed.verifying_key().to_bytes());
    let jwks = serde_json::json!({"keys": [
        ec_jwk(&es(1), Some("ec-1")),
        {"kty": "OKP", "crv": "Ed25519", "kid": "ed-1", "x": ed_x},
        {"kty": "oct", "kid": "hs-1", "alg": "HS256", "k": crate::common::b64(b"0123456789abcdef0123456789abcdef")},
        {"kty": "EC", "crv": "P-256", "use": "enc", "kid": "enc", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
        {"kty": "RSA", "kid": "rsa", "n": "AQAB", "e": "AQAB"},
        {"kty": "oct", "kid": "no-alg", "k": "AAAA"}
    ]});
    let mut set = KeySet::<8>::new();
    let mut reasons = Vec::new();
    let summary = set
        .extend_from_jwks_noting(&serde_json::to_vec(&jwks).unwrap(), |s| {
            reasons.push((
                s.index,
                s.kid.and_then(|k| k.as_str().map(str::to_owned)),
                s.reason,
            ));
        })
        .unwrap();
    assert_eq!((summary.added, summary.skipped), (3, 3));
    let named = |i, kid: &str, r| (i, Some(kid.to_owned()), r);
    assert_eq!(
        reasons,
        [
            named(3, "enc", SkipReason::NotForVerifying),
            named(4, "rsa", SkipReason::NoAlgorithm),
            named(5, "no-alg", SkipReason::NoAlgorithm),
        ]
    );

    assert_eq!(verify(&set, &token(&es(1), Some("ec-1"))), Ok("ES256"));
    assert_eq!(verify(&set, &token(&ed, Some("ed-1"))), Ok("EdDSA"));
    let hs = Hs256Key::new(b"0123456789abcdef0123456789abcdef").unwrap();
    assert_eq!(verify(&set, &token(&hs, Some("hs-1"))), Ok("HS256"));
    // Without kid: the one key for the header's algorithm.
    assert_eq!(verify(&set, &token(&es(1), None)), Ok("ES256"));
    // Unknown kid, or the right kid with another key's signature.
    assert_eq!(
        verify(&set, &token(&es(1), Some("nope"))),
        Err(Error::UnknownKey)
    );
    assert_eq!(
        verify(&set, &token(&es(9), Some("ec-1"))),
        Err(Error::InvalidSignature)
    );
    // A kid naming a key of another algorithm: the refusal says so.
    assert_eq!(
        verify(&set, &token(&ed, Some("ec-1"))),
        Err(Error::AlgorithmMismatch)
    );
    // The encryption key was never added.
    assert_eq!(
        verify(&set, &token(&es(1), Some("enc"))),
        Err(Error::UnknownKey)
    );
    // alg none is refused before any key is looked for.
    let none = format!(
        "{}.{}.c2ln",
        crate::common::b64(br#"{"alg":"none"}"#),
        crate::common::b64(b"{}")
    );
    assert_eq!(verify(&set, &none), Err(Error::AlgorithmNone));
}

#[test]
fn several_candidates_without_kid_are_ambiguous_unless_asked_to_try_each() {
    let mut set = KeySet::<4>::new();
    set.insert(Some("a"), SetKey::Es256(es(1).verifying_key()))
        .unwrap();
    set.insert(Some("b"), SetKey::Es256(es(2).verifying_key()))
        .unwrap();
    assert_eq!(verify(&set, &token(&es(2), None)), Err(Error::AmbiguousKey));
    assert_eq!(verify(&set, &token(&es(2), Some("b"))), Ok("ES256"));
    let set = set.try_each_key_without_kid();
    assert_eq!(verify(&set, &token(&es(2), None)), Ok("ES256"));
    assert_eq!(
        verify(&set, &token(&es(3), None)),
        Err(Error::InvalidSignature)
    );
}

#[test]
fn capacity_is_fixed_and_what_does_not_fit_comes_back() {
    let mut set = KeySet::<2>::new();
    let jwks = serde_json::json!({"keys": [ec_jwk(&es(1), Some("1")), {"kty": "RSA"}, ec_jwk(&es(2), Some("2")), ec_jwk(&es(3), Some("3"))]});
    assert_eq!((set.len(), set.is_empty()), (0, true));
    match set.extend_from_jwks(&serde_json::to_vec(&jwks).unwrap()) {
        Err(e @ JwksError::Full(overflow)) => {
            assert_eq!(overflow.summary.added, 2);
            assert_eq!(overflow.summary.skipped, 1);
            assert_eq!(overflow.first_not_added, 3);
            assert_eq!(e.to_string(), "key set full after 2 keys (JWKS index 3)");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!((set.len(), set.is_empty()), (2, false));
    assert_eq!(
        format!("{set:?}"),
        r#"[(Some("1"), "ES256"), (Some("2"), "ES256")]"#
    );
    let (back, err) = set
        .insert(Some("4"), SetKey::Es256(es(4).verifying_key()))
        .unwrap_err();
    assert_eq!(err, Error::KeySetFull);
    assert_eq!(back.alg(), "ES256");
    // Rotation: drop a key, the returned one fits now.
    assert_eq!(set.remove("1"), 1);
    set.insert(Some("4"), back).unwrap();
    assert_eq!(verify(&set, &token(&es(4), Some("4"))), Ok("ES256"));
    assert_eq!(
        verify(&set, &token(&es(1), Some("1"))),
        Err(Error::UnknownKey)
    );
    set.clear();
    assert_eq!((set.len(), set.is_empty()), (0, true));
    let not_a_set = set.extend_from_jwks(b"[]").unwrap_err();
    assert_eq!(not_a_set, JwksError::Json(Error::NotAnObject));
    assert_eq!(not_a_set.to_string(), "json is not an object");
    assert_eq!(
        set.extend_from_jwks(br#"{"keys":{}}"#).unwrap_err(),
        JwksError::Json(Error::InvalidKey)
    );
    let one_jwk = set.extend_from_jwks(br#"{"kty":"oct"}"#).unwrap_err();
    assert_eq!(one_jwk, JwksError::NoKeys);
    assert_eq!(
        one_jwk.to_string(),
        r#"not a JWK Set: the object has no "keys" member"#
    );
    let long = "k".repeat(jwt_core::MAX_KID_LEN + 1);
    assert_eq!(
        set.insert(Some(&long), SetKey::Es256(es(1).verifying_key()))
            .unwrap_err()
            .1,
        Error::InvalidKey
    );
}

#[test]
fn a_kid_names_one_key_and_an_empty_kid_is_still_a_kid() {
    let mut set = KeySet::<4>::new();
    set.insert(Some("a"), SetKey::Es256(es(1).verifying_key()))
        .unwrap();
    let (back, err) = set
        .insert(Some("a"), SetKey::Es256(es(2).verifying_key()))
        .unwrap_err();
    assert_eq!((err, back.alg()), (Error::DuplicateKid, "ES256"));
    // Another algorithm does not make the kid free either.
    let hs = Hs256Key::new(b"0123456789abcdef0123456789abcdef").unwrap();
    assert_eq!(
        set.insert(Some("a"), SetKey::Hs256(hs.clone()))
            .unwrap_err()
            .1,
        Error::DuplicateKid
    );
    // `""` is a kid: a token with `"kid":""` finds its key, one without a kid does not use it.
    set.insert(Some(""), SetKey::Hs256(hs.clone())).unwrap();
    assert_eq!(
        set.iter().map(|(kid, _)| kid).collect::<Vec<_>>(),
        [Some("a"), Some("")]
    );
    assert_eq!(verify(&set, &token(&hs, Some(""))), Ok("HS256"));
    assert_eq!(
        verify(&set, &token(&es(1), Some(""))),
        Err(Error::AlgorithmMismatch)
    );
    // Keys without kid may be several (found by algorithm).
    set.insert(None, SetKey::Es256(es(3).verifying_key()))
        .unwrap();
    set.insert(None, SetKey::Es256(es(4).verifying_key()))
        .unwrap();
    assert_eq!(verify(&set, &token(&es(3), None)), Err(Error::AmbiguousKey));
    assert_eq!(set.remove(""), 1);
    assert_eq!(verify(&set, &token(&hs, Some(""))), Err(Error::UnknownKey));
}

#[test]
fn each_skipped_jwk_names_its_reason_and_never_drops_the_rest() {
    let ok = ec_jwk(&es(1), Some("ok"));
    let jwks = serde_json::json!({"keys": [
        {"kty": "EC", "crv": "P-256", "kid": "sign-only", "key_ops": ["sign"], "x": ok["x"], "y": ok["y"]},
        {"kty": "EC", "crv": "secp256k1", "kid": "k1", "x": ok["x"], "y": ok["y"]},
        {"kty": "oct", "alg": "HS256", "kid": "short", "k": crate::common::b64(b"sixteen bytes!!!")},
        {"kty": "oct", "alg": "HS999", "kid": "alg?", "k": crate::common::b64(&[1; 32])},
        {"kty": "EC", "crv": "P-256", "alg": "RS256", "kid": "ec-as-rsa", "x": ok["x"], "y": ok["y"]},
        {"kty": 7},
        "not an object",
        {"kty": "EC", "crv": "P-256", "kid": "off-curve", "x": ok["x"], "y": ok["x"]},
        {"kty": "EC", "crv": "P-256", "kid": "k".repeat(jwt_core::MAX_KID_LEN + 1), "x": ok["x"], "y": ok["y"]},
        ok,
    ]});
    let mut reasons = Vec::new();
    let mut set = KeySet::<4>::new();
    let summary = set
        .extend_from_jwks_noting(&serde_json::to_vec(&jwks).unwrap(), |s| {
            reasons.push((s.index, s.reason));
        })
        .unwrap();
    assert_eq!((summary.added, summary.skipped), (1, 9));
    assert_eq!(
        reasons,
        [
            (0, SkipReason::NotForVerifying),
            (1, SkipReason::Unsupported),
            (2, SkipReason::Rejected(Error::WeakKey)),
            (3, SkipReason::Unsupported),
            // An RSA algorithm for an EC key: not a key of any algorithm here.
            (4, SkipReason::Unsupported),
            (5, SkipReason::Malformed),
            (6, SkipReason::Malformed),
            (7, SkipReason::Rejected(Error::InvalidKey)),
            (8, SkipReason::KidTooLong),
        ]
    );
    assert_eq!(
        set.iter().map(|(kid, _)| kid).collect::<Vec<_>>(),
        [Some("ok")]
    );
    assert_eq!(set.len(), 1);
    assert_eq!(
        reasons[2].1.to_string(),
        "rejected: key is shorter than the hash output"
    );
    assert_eq!(reasons[1].1.to_string(), "unsupported");
    let codes: Vec<_> = reasons.iter().map(|(_, r)| r.code()).collect();
    assert_eq!(
        codes,
        [
            "not-for-verifying",
            "unsupported",
            "rejected",
            "unsupported",
            "unsupported",
            "malformed",
            "malformed",
            "rejected",
            "kid-too-long"
        ]
    );
}

#[test]
fn one_jwk_is_a_key_of_its_algorithm_or_the_reason_it_is_not() {
    let oct = |alg: &str, k: &[u8]| {
        serde_json::to_vec(
            &serde_json::json!({"kty": "oct", "alg": alg, "k": crate::common::b64(k)}),
        )
        .unwrap()
    };
    for (alg, len) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        assert_eq!(
            SetKey::from_jwk(&oct(alg, &vec![7; len])).unwrap().alg(),
            alg
        );
        // The key type's own refusal, not a generic one.
        assert_eq!(
            SetKey::from_jwk(&oct(alg, &vec![7; len - 1])).unwrap_err(),
            Error::WeakKey
        );
    }
    assert_eq!(
        SetKey::from_jwk(&oct("HS999", &[7; 64])).unwrap_err(),
        Error::InvalidKey
    );
}

#[test]
fn find_key_names_the_key_verify_would_use_without_verifying() {
    let mut set = KeySet::<4>::new();
    set.insert(Some("a"), SetKey::Es256(es(1).verifying_key()))
        .unwrap();
    let policy = Validation::new();
    let mut scratch = [0u8; 512];
    // The signature is not looked at: a token of another key with the known kid is found.
    assert_eq!(
        set.find_key(token(&es(9), Some("a")).as_bytes(), &policy, &mut scratch),
        Ok(())
    );
    assert_eq!(
        set.find_key(token(&es(1), Some("b")).as_bytes(), &policy, &mut scratch),
        Err(Error::UnknownKey)
    );
    assert_eq!(
        set.find_key(b"not a token", &policy, &mut scratch),
        Err(Error::MalformedToken)
    );
}
