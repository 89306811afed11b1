//! The bodies of the fuzz targets, shared with `tests/suite/fuzz_replay.rs`, which replays every
//! committed seed and regression input through them on stable with a plain `cargo test`.
//!
//! Each function takes the fuzzer's bytes and must never panic; a property violation (an
//! accepted forgery, a round trip that changes the claims) panics on purpose.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::atomic::{AtomicU32, Ordering};

use arbitrary::{Arbitrary, Unstructured};
use jwt_core::{
    Ed25519SigningKey, Error, Es256SigningKey, Es384SigningKey, Hs256Key, Hs384Key, Hs512Key,
    KeySet, Limits, Required, SignHeader, Time, Validation,
};
use serde::{Deserialize, Serialize};

/// The fixed HMAC secret the structure-aware targets sign with.
pub const SECRET: &[u8] = b"fuzzing secret, exactly 32 bytes";

/// Keys are built once: building an EC or RSA key costs far more than a verification.
struct Keys {
    hs256: Hs256Key,
    hs384: Hs384Key,
    hs512: Hs512Key,
    es256: Es256SigningKey,
    es384: Es384SigningKey,
    ed: Ed25519SigningKey,
    rs256: jwt_core::Rs256VerifyingKey,
    ps256: jwt_core::Ps256VerifyingKey,
}

static KEYS: std::sync::LazyLock<Keys> = std::sync::LazyLock::new(|| {
    const N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
    let rsa = format!(r#"{{"kty":"RSA","n":"{N}","e":"AQAB"}}"#);
    Keys {
        hs256: Hs256Key::new(SECRET).unwrap(),
        hs384: Hs384Key::new(&[1; 48]).unwrap(),
        hs512: Hs512Key::new(&[2; 64]).unwrap(),
        es256: Es256SigningKey::from_bytes(&[3; 32]).unwrap(),
        es384: Es384SigningKey::from_bytes(&[4; 48]).unwrap(),
        ed: Ed25519SigningKey::from_bytes(&[5; 32]).unwrap(),
        rs256: jwt_core::Rs256VerifyingKey::from_jwk(rsa.as_bytes()).unwrap(),
        ps256: jwt_core::Ps256VerifyingKey::from_jwk(rsa.as_bytes()).unwrap(),
    }
});

fn scratch_for(data: &[u8]) -> Vec<u8> {
    vec![0u8; jwt_core::scratch_len(data).min(1 << 20)]
}

/// `UnverifiedHeader::dangerous_peek` on arbitrary bytes.
pub fn peek(data: &[u8]) {
    let mut buf = vec![0u8; data.len()];
    if let Ok(h) = jwt_core::UnverifiedHeader::dangerous_peek(data, &Limits::new(), &mut buf) {
        let _ = (
            h.alg().to_string(),
            h.kid().map(|k| k.to_string()),
            h.typ(),
            h.cty(),
        );
    }
}

fn verify_with<K: jwt_core::VerifyingKey>(data: &[u8], key: &K) {
    let mut scratch = scratch_for(data);
    let policy = Validation::new().require(Required::NONE);
    let _ = jwt_core::verify(
        data,
        key,
        &policy,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    );
    let mut scratch = scratch_for(data);
    let _ = jwt_core::verify_jws(data, key, &Limits::new(), &mut scratch);
}

/// `verify` and `verify_jws` with HMAC keys on arbitrary bytes.
pub fn verify_hmac(data: &[u8]) {
    verify_with(data, &KEYS.hs256);
    verify_with(data, &KEYS.hs384);
    verify_with(data, &KEYS.hs512);
}

/// `verify` with ES256 and ES384 public keys on arbitrary bytes.
pub fn verify_ecdsa(data: &[u8]) {
    verify_with(data, &KEYS.es256.verifying_key());
    verify_with(data, &KEYS.es384.verifying_key());
}

/// `verify` with an Ed25519 public key on arbitrary bytes.
pub fn verify_eddsa(data: &[u8]) {
    verify_with(data, &KEYS.ed.verifying_key());
}

/// `verify` with RSA public keys (the RFC 7515 A.2 key) on arbitrary bytes.
pub fn verify_rsa(data: &[u8]) {
    verify_with(data, &KEYS.rs256);
    verify_with(data, &KEYS.ps256);
}

/// What the structure-aware target builds a token and a policy from.
#[derive(Arbitrary, Debug)]
pub struct Signed {
    header: Vec<u8>,
    payload: Vec<u8>,
    now: u64,
    leeway: u16,
    max_age: Option<u32>,
    audiences: Vec<String>,
    issuers: Vec<String>,
    subject: Option<String>,
    typ: Option<String>,
    required: u8,
}

/// A claims type that asks for every kind of field, to drive the deserializer.
#[derive(Deserialize, Serialize, Debug, PartialEq, Arbitrary, Clone)]
pub struct AnyClaims {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iss: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exp: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    f: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    map: Option<std::collections::BTreeMap<String, i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nested: Option<Vec<Vec<Option<bool>>>>,
}

#[derive(Deserialize, Debug)]
struct Borrowing<'a> {
    #[serde(borrow, default)]
    iss: Option<&'a str>,
    #[serde(borrow, default)]
    list: Option<Vec<&'a str>>,
}

/// Signs the fuzzer's header and payload bytes with a fixed key, so that the input passes the
/// MAC and reaches the JSON pre-scan, the header, the claims and the policy.
pub fn signed_claims(data: &[u8]) {
    let Ok(input) = Signed::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let token = hs256_token(&input.header, &input.payload);
    let key = &KEYS.hs256;
    let issuers: Vec<&str> = input.issuers.iter().map(String::as_str).collect();
    let audiences: Vec<&str> = input.audiences.iter().map(String::as_str).collect();
    let mut policy = Validation::new()
        .leeway(u64::from(input.leeway))
        .issuers(&issuers)
        .audiences(&audiences)
        .require(required(input.required));
    if let Some(sub) = &input.subject {
        policy = policy.subject(sub);
    }
    if let Some(typ) = &input.typ {
        policy = policy.typ(typ);
    }
    if let Some(max) = input.max_age {
        policy = policy.max_age(u64::from(max));
    }
    let mut scratch = scratch_for(token.as_bytes());
    if let Ok(v) = jwt_core::verify(
        token.as_bytes(),
        key,
        &policy,
        Time::At(input.now),
        &mut scratch,
    ) {
        assert_eq!(v.payload_json(), &input.payload[..]);
        let _ = v.deserialize_claims::<Borrowing<'_>>();
        let _ = v.claims().aud().map(|a| a.contains("x"));
    }
    // The one-pass reader gives the two-pass verdict: the same claims, or the same error.
    let two_pass = jwt_core::verify(
        token.as_bytes(),
        key,
        &policy,
        Time::At(input.now),
        &mut scratch,
    )
    .and_then(|v| v.deserialize_claims::<AnyClaims>());
    let mut scratch = scratch_for(token.as_bytes());
    let one_pass = jwt_core::verify_into::<AnyClaims, _>(
        token.as_bytes(),
        key,
        &policy,
        Time::At(input.now),
        &mut scratch,
    )
    .map(|(_, claims)| claims);
    assert_eq!(
        one_pass, two_pass,
        "verify_into disagrees with verify + deserialize_claims"
    );
    let _ = jwt_core::check_claims_json(&input.payload, &Limits::new());
}

fn required(bits: u8) -> Required {
    [
        Required::EXP,
        Required::NBF,
        Required::IAT,
        Required::ISS,
        Required::SUB,
        Required::AUD,
        Required::JTI,
    ]
    .iter()
    .enumerate()
    .filter(|(i, _)| bits & (1 << i) != 0)
    .fold(Required::NONE, |set, (_, r)| set.and(*r))
}

/// A compact token over exactly these header and payload bytes, HS256 with [`SECRET`].
pub fn hs256_token(header: &[u8], payload: &[u8]) -> String {
    use jwt_core::SigningKey as _;
    let b64 = |bytes: &[u8]| {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut s = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..=chunk.len() {
                s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        s
    };
    let signing_input = format!("{}.{}", b64(header), b64(payload));
    let mut tag = [0u8; 32];
    KEYS.hs256
        .sign_into(signing_input.as_bytes(), &mut tag)
        .unwrap();
    format!("{signing_input}.{}", b64(&tag))
}

/// Every JWK and JWKS parser, and thumbprints, on arbitrary bytes.
pub fn jwk(data: &[u8]) {
    let _ = Hs256Key::from_jwk(data);
    let _ = jwt_core::Es256VerifyingKey::from_jwk(data);
    let _ = jwt_core::Es384VerifyingKey::from_jwk(data);
    let _ = jwt_core::Ed25519VerifyingKey::from_jwk(data);
    let _ = Es256SigningKey::from_jwk(data);
    let _ = Ed25519SigningKey::from_jwk(data);
    let _ = jwt_core::Rs256VerifyingKey::from_jwk(data);
    let _ = jwt_core::jwk_thumbprint(data);
    let _ = jwt_core::SetKey::from_jwk(data);
    let mut set = KeySet::<4>::new();
    let _ = set.extend_from_jwks(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jwt_core::Es256VerifyingKey::from_public_key_pem(text);
        let _ = Es256SigningKey::from_pem(text);
        let _ = Ed25519SigningKey::from_pem(text);
        let _ = jwt_core::RsaPublic::from_public_key_pem(text);
    }
    let _ = Es256SigningKey::from_der(data);
    let _ = jwt_core::Es256VerifyingKey::from_public_key_der(data);
    let _ = jwt_core::Ed25519VerifyingKey::from_public_key_der(data);
}

/// A key set read from the fuzzer's JWKS (RSA, EC, OKP and oct keys; seeded with the RFC
/// examples' keys), then the token after the first NUL byte verified through it. The set's
/// verdict must be the verdict of the one key it says it would use, and a key it finds for a
/// token it accepts must exist.
pub fn key_set(data: &[u8]) {
    let Some(split) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (jwks, token) = (&data[..split], &data[split + 1..]);
    let mut set = KeySet::<8>::new();
    if set.extend_from_jwks(jwks).is_err() {
        return;
    }
    let policy = Validation::new().require(Required::NONE);
    let time = Time::DangerouslySkipTimeChecks;
    let mut scratch = scratch_for(token);
    let verdict = set.verify(token, &policy, time, &mut scratch).map(|_| ());
    let mut scratch = scratch_for(token);
    match set.key_for(token, &policy, &mut scratch) {
        Ok(key) => {
            let mut scratch = scratch_for(token);
            let alone = key.verify(token, &policy, time, &mut scratch).map(|_| ());
            assert_eq!(verdict, alone, "the set and the key it chose disagree");
        }
        Err(e) => assert_eq!(verdict, Err(e), "the set verified with no key to choose"),
    }
    let mut scratch = scratch_for(token);
    let found = set.find_key(token, &policy, &mut scratch);
    if verdict.is_ok() {
        assert_eq!(
            found,
            Ok(()),
            "the set accepted a token it finds no key for"
        );
    }
}

/// Arbitrary claims signed with every no-heap algorithm verify and deserialize back equal.
pub fn round_trip(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(claims) = AnyClaims::arbitrary(&mut u) else {
        return;
    };
    let kid: Option<String> = u.arbitrary().unwrap_or(None);
    let k = &*KEYS;
    check_round_trip(&k.hs256, &k.hs256, &claims, kid.as_deref());
    // The JSON round trip does not depend on the algorithm, and under the fuzzer's
    // instrumentation an ES256 signature and verification cost thousands of HS256 round trips.
    // The asymmetric keys take the first input of a run and every 4,096th after it: a choice
    // by the input's bytes is learnt by the fuzzer, which then spends its time there. A crash
    // on that path still reproduces, since replaying one input is a run's first. (The property
    // tests round-trip every algorithm on every `cargo test`.)
    static INPUTS: AtomicU32 = AtomicU32::new(0);
    if INPUTS.fetch_add(1, Ordering::Relaxed).is_multiple_of(4096) {
        check_round_trip(&k.es256, &k.es256.verifying_key(), &claims, kid.as_deref());
        check_round_trip(&k.ed, &k.ed.verifying_key(), &claims, kid.as_deref());
    }
}

fn check_round_trip<K: jwt_core::SigningKey, V: jwt_core::VerifyingKey>(
    signer: &K,
    verifier: &V,
    claims: &AnyClaims,
    kid: Option<&str>,
) {
    let mut header = SignHeader::new();
    if let Some(kid) = kid {
        header = header.kid(kid);
    }
    // One buffer for the whole run: zeroing 64 KiB per input was a tenth of the target's time.
    thread_local! {
        static OUT: core::cell::RefCell<Vec<u8>> = core::cell::RefCell::new(vec![0u8; 1 << 16]);
    }
    OUT.with_borrow_mut(|out| check_signed(signer, verifier, claims, kid, header, out));
}

fn check_signed<K: jwt_core::SigningKey, V: jwt_core::VerifyingKey>(
    signer: &K,
    verifier: &V,
    claims: &AnyClaims,
    kid: Option<&str>,
    header: SignHeader<'_>,
    out: &mut [u8],
) {
    let token = match jwt_core::sign(signer, &header, claims, out) {
        Ok(token) => token,
        // JSON has no NaN or infinity; an `exp` beyond the NumericDate maximum is refused as
        // the verifier would refuse it.
        Err(Error::Unserializable) => return assert!(claims.f.is_some_and(|f| !f.is_finite())),
        Err(Error::InvalidNumericDate) => {
            return assert!(claims.exp.is_some_and(|e| e > jwt_core::MAX_NUMERIC_DATE));
        }
        Err(e) => panic!("signing failed: {e:?}"),
    };
    // Signing without the scan of its own output gives the same token for claims `sign` accepts
    // (every signer here is deterministic).
    let mut unchecked = vec![0u8; token.len()];
    assert_eq!(
        jwt_core::sign_unchecked(signer, &header, claims, &mut unchecked),
        Ok(token)
    );
    let mut scratch = scratch_for(token.as_bytes());
    // Every size the signer can produce: the fuzzer finds `kid`s longer than the default
    // 1 KB header limit.
    let policy = Validation::new().require(Required::NONE).limits(
        Limits::new()
            .max_token_len(jwt_core::MAX_TOKEN_LEN)
            .max_header_len(jwt_core::MAX_TOKEN_LEN),
    );
    let v = match jwt_core::verify(
        token.as_bytes(),
        verifier,
        &policy,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    ) {
        Ok(v) => v,
        Err(Error::TokenTooLarge) => return,
        Err(e) => panic!("verify failed: {e:?} for {token}"),
    };
    let back: AnyClaims = v.deserialize_claims().unwrap();
    assert_eq!(back, *claims);
    // Deserializing again never runs out of scratch (unescaped strings have fixed slots).
    let again: AnyClaims = v.deserialize_claims().unwrap();
    assert_eq!(again, back);
    assert_eq!(v.header().kid().map(|k| k.to_string()).as_deref(), kid);
}

/// jwt-core's side of the differential target: the token over the bytes before and after the
/// first 0xFF, and its verdict under a policy that checks no time and requires nothing.
pub fn differential_ours(data: &[u8]) -> Option<(String, Result<(), Error>)> {
    let split = data.iter().position(|&b| b == 0xFF)?;
    let (header, payload) = (data.get(..split)?, data.get(split + 1..)?);
    let token = hs256_token(header, payload);
    let mut scratch = scratch_for(token.as_bytes());
    let policy = Validation::new().require(Required::NONE);
    let verdict = jwt_core::verify(
        token.as_bytes(),
        &KEYS.hs256,
        &policy,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    )
    .map(|_| ());
    Some((token, verdict))
}
