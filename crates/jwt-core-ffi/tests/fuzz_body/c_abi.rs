//! The body of the fuzz target `c_abi`: verification driven through the C API's functions, with
//! raw pointers and lengths as a C caller passes them. It lives in the C API's crate, the one
//! crate where `unsafe` is allowed, and is shared by `fuzz/fuzz_targets/c_abi.rs` and by
//! `tests/fuzz_replay.rs`, which replays the committed inputs on stable.
//!
//! The token is either the fuzzer's bytes or the fuzzer's header and payload MAC'd with a fixed
//! key (so the input reaches the header, claims and policy), verified under a fuzzed policy, time
//! and scratch length. Properties: the C API's status is the Rust API's verdict for the same
//! arguments, code for code; on success every reader, with fuzzed names and buffer capacities,
//! returns what the Rust API reads, and never writes past the capacity it was given.

#![allow(
    dead_code,
    unsafe_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "fuzzing code: a property violation is a panic"
)]

use std::ffi::CStr;

use arbitrary::{Arbitrary, Unstructured};
use jwt_core::{Hs256Key, Limits, Required, SigningKey as _, Time, Validation};
use jwt_core_ffi::{
    JWT_CLAIM_EXP, JWT_NO_MAX_AGE, jwt_error_code, jwt_key, jwt_key_clear, jwt_key_hs256,
    jwt_policy, jwt_policy_default, jwt_status, jwt_str, jwt_time, jwt_time_at,
    jwt_time_dangerously_skip_checks, jwt_time_within, jwt_verified, jwt_verified_claim_bool,
    jwt_verified_claim_int, jwt_verified_claim_json, jwt_verified_claim_str,
    jwt_verified_claim_str_copy, jwt_verified_exp, jwt_verified_has_audience, jwt_verified_kid,
    jwt_verify,
};

/// The fixed HMAC secret.
const SECRET: &[u8] = b"c abi fuzzing secret, 32 bytes!!";

/// The fixed-size fields come first and the token takes the rest, so that a seed is a prefix
/// of zeros followed by a token (`fuzz/seed.py`).
#[derive(Arbitrary, Debug)]
struct Input<'a> {
    /// MAC the token's bytes, split at the first 0xff into header and payload, or take them as
    /// the token itself.
    signed: bool,
    time: TimeKind,
    now: u64,
    span: u32,
    leeway: u16,
    required: u8,
    issuer: Option<Name>,
    audience: Option<Name>,
    subject: Option<Name>,
    typ: Option<Name>,
    max_age: Option<u32>,
    max_depth: u8,
    /// Bytes taken off the scratch length the library asks for.
    short_by: u16,
    /// Claim names to read back, each with a buffer capacity for the copying readers.
    reads: [(Name, u8); 3],
    /// The rest of the bytes, as they are.
    token: &'a [u8],
}

/// A name from [`NAMES`]: claim names and the values the vectors use.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Name(u8);

const NAMES: &[&str] = &[
    "sub",
    "exp",
    "iss",
    "aud",
    "jti",
    "nbf",
    "iat",
    "typ",
    "kid",
    "https://issuer.example",
    "device-42",
    "user-1",
    "JWT",
    "at+jwt",
    "x",
    "\u{e9}",
    "",
];

impl Name {
    fn text(self) -> &'static str {
        NAMES[usize::from(self.0) % NAMES.len()]
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum TimeKind {
    At,
    Within,
    Skip,
    Invalid(u32),
}

/// Returns the C API's status, or `None` when the bytes are not an input.
pub fn c_abi(data: &[u8]) -> Option<jwt_status> {
    let input = Input::arbitrary_take_rest(Unstructured::new(data)).ok()?;
    let token = token(&input);
    let mut key = jwt_key {
        words: [0; jwt_core_ffi::JWT_KEY_WORDS],
    };
    // SAFETY: `key` is a live, writable `jwt_key`; the secret's pointer and length come from
    // one live slice.
    let keyed = unsafe { jwt_key_hs256(&raw mut key, SECRET.as_ptr(), SECRET.len()) };
    assert_eq!(keyed, jwt_status::JWT_OK);
    let rust_key = Hs256Key::new(SECRET).unwrap();
    let (c_time, rust_time) = times(&input);
    let scratch_len = jwt_core_ffi::jwt_scratch_len(token.len())
        .min(1 << 20)
        .saturating_sub(usize::from(input.short_by));

    // The C API, with its policy pointing into these vectors.
    let issuers: Vec<jwt_str> = input.issuer.iter().map(|n| jwt_str_of(n.text())).collect();
    let audiences: Vec<jwt_str> = (input.audience.iter())
        .map(|n| jwt_str_of(n.text()))
        .collect();
    let policy = c_policy(&input, &issuers, &audiences);
    let mut c_scratch = vec![0u8; scratch_len];
    let mut verified = jwt_verified {
        words: [0; jwt_core_ffi::JWT_VERIFIED_WORDS],
    };
    // SAFETY: the token's and the scratch's pointer and length each come from one live vector;
    // `key` was initialised by `jwt_key_hs256`; `policy` points into `issuers` and `audiences`,
    // which outlive the call, and into `NAMES`, which is static; `verified` is writable.
    let status = unsafe {
        jwt_verify(
            token.as_ptr(),
            token.len(),
            &raw const key,
            &raw const policy,
            c_time,
            c_scratch.as_mut_ptr(),
            c_scratch.len(),
            &raw mut verified,
        )
    };

    // The Rust API's verdict for the same arguments.
    let rust_issuers: Vec<&str> = input.issuer.iter().map(|n| n.text()).collect();
    let rust_audiences: Vec<&str> = input.audience.iter().map(|n| n.text()).collect();
    let validation = validation(&input, &rust_issuers, &rust_audiences);
    let mut rust_scratch = vec![0u8; scratch_len];
    let expected = match rust_time {
        None => Err("invalid-time"),
        Some(time) => jwt_core::verify(&token, &rust_key, &validation, time, &mut rust_scratch)
            .map_err(jwt_core::Error::code),
    };
    let got = if status == jwt_status::JWT_OK {
        Ok(())
    } else {
        Err(code(status))
    };
    assert_eq!(
        got,
        expected.as_ref().map(|_| ()).map_err(|e| *e),
        "the C API's verdict differs from the Rust API's"
    );
    if let Ok(rust) = &expected {
        for (name, cap) in input.reads {
            read_back(&verified, rust, name.text(), usize::from(cap));
        }
        read_back(&verified, rust, "sub", 64);
        read_header(&verified, rust);
    }
    // SAFETY: `key` is a live, writable `jwt_key`.
    let cleared = unsafe { jwt_key_clear(&raw mut key) };
    assert_eq!(cleared, jwt_status::JWT_OK);
    Some(status)
}

/// The token: the fuzzer's bytes, or its header and payload MAC'd.
fn token(input: &Input<'_>) -> Vec<u8> {
    if input.signed {
        let at = (input.token.iter())
            .position(|&b| b == 0xff)
            .unwrap_or(input.token.len());
        let (header, payload) = input.token.split_at(at);
        hs256_token(header, payload.get(1..).unwrap_or_default()).into_bytes()
    } else {
        input.token.to_vec()
    }
}

/// The time as C passes it, and as Rust does (`None`: a kind C may pass and Rust cannot).
fn times(input: &Input<'_>) -> (jwt_time, Option<Time>) {
    let latest = input.now.saturating_add(u64::from(input.span));
    match input.time {
        TimeKind::At => (jwt_time_at(input.now), Some(Time::At(input.now))),
        TimeKind::Within => (
            jwt_time_within(input.now, latest),
            Some(Time::Within {
                earliest: input.now,
                latest,
            }),
        ),
        TimeKind::Skip => (
            jwt_time_dangerously_skip_checks(),
            Some(Time::DangerouslySkipTimeChecks),
        ),
        TimeKind::Invalid(kind) => (
            jwt_time {
                kind: kind.max(4),
                earliest: input.now,
                latest,
            },
            None,
        ),
    }
}

fn c_policy(input: &Input<'_>, issuers: &[jwt_str], audiences: &[jwt_str]) -> jwt_policy {
    let mut policy = jwt_policy_default();
    policy.exp_leeway = u64::from(input.leeway);
    policy.nbf_leeway = u64::from(input.leeway);
    policy.iat_leeway = u64::from(input.leeway);
    policy.required = u32::from(input.required & 0x7f);
    policy.issuers = issuers.as_ptr();
    policy.issuers_len = issuers.len();
    policy.audiences = audiences.as_ptr();
    policy.audiences_len = audiences.len();
    if let Some(subject) = input.subject {
        policy.subject = jwt_str_of(subject.text());
    }
    if let Some(typ) = input.typ {
        policy.typ = jwt_str_of(typ.text());
    }
    policy.max_age = input.max_age.map_or(JWT_NO_MAX_AGE, u64::from);
    policy.max_depth = usize::from(input.max_depth % 40);
    policy
}

fn validation<'a>(
    input: &Input<'_>,
    issuers: &'a [&'a str],
    audiences: &'a [&'a str],
) -> Validation<'a> {
    let mut validation = Validation::new()
        .exp_leeway(u64::from(input.leeway))
        .nbf_leeway(u64::from(input.leeway))
        .iat_leeway(u64::from(input.leeway))
        .require(required(input.required))
        .issuers(issuers)
        .audiences(audiences)
        .limits(Limits::new().max_depth(usize::from(input.max_depth % 40)));
    if let Some(subject) = input.subject {
        validation = validation.subject(subject.text());
    }
    if let Some(typ) = input.typ {
        validation = validation.typ(typ.text());
    }
    if let Some(age) = input.max_age {
        validation = validation.max_age(u64::from(age));
    }
    validation
}

/// `exp` and `kid` (into a buffer of 8 of 16 bytes) against the Rust API's.
fn read_header(verified: &jwt_verified, rust: &jwt_core::Verified<'_>) {
    let mut exp = 0u64;
    // SAFETY: `verified` was filled by a successful `jwt_verify` whose token and scratch are
    // still alive (true of every `verified` in this file); `exp` is writable.
    let status = unsafe { jwt_verified_exp(verified, &raw mut exp) };
    match rust.claims().exp() {
        Some(expected) => assert_eq!((status, exp), (jwt_status::JWT_OK, expected)),
        None => assert_eq!(status, jwt_status::JWT_ERR_CLAIM_ABSENT),
    }
    let mut kid = [0xAAu8; 16];
    let mut len = usize::MAX;
    // SAFETY: the buffer has 16 writable bytes and the call is told 8; `len` is writable.
    let status = unsafe { jwt_verified_kid(verified, kid.as_mut_ptr().cast(), 8, &raw mut len) };
    assert!(
        kid[8..].iter().all(|&b| b == 0xAA),
        "wrote past the capacity"
    );
    match (status, rust.header().kid()) {
        (jwt_status::JWT_OK, Some(_)) => assert!(len < 8 && kid[len] == 0),
        (jwt_status::JWT_ERR_BUFFER_TOO_SMALL, Some(_))
        | (jwt_status::JWT_ERR_CLAIM_ABSENT, None) => {}
        other => panic!("kid: {other:?}"),
    }
}

/// Every reader of the claim `name` against what the Rust API reads.
fn read_back(verified: &jwt_verified, rust: &jwt_core::Verified<'_>, name: &str, cap: usize) {
    let value = rust.claim(name);
    let (ptr, len) = (name.as_ptr(), name.len());
    let mut out = jwt_str {
        ptr: std::ptr::null(),
        len: 0,
    };
    // SAFETY: `ptr` and `len` come from one live `&str` (true of every reader below); `out` is
    // writable.
    let status = unsafe { jwt_verified_claim_json(verified, ptr, len, &raw mut out) };
    match value {
        None => assert_eq!(status, jwt_status::JWT_ERR_CLAIM_ABSENT),
        Some(v) => {
            assert_eq!(status, jwt_status::JWT_OK);
            // SAFETY: on success `out` spans bytes of the token or scratch, both still alive.
            let json = unsafe { std::slice::from_raw_parts(out.ptr, out.len) };
            assert_eq!(json, v.json().as_bytes());
        }
    }
    // SAFETY: as above.
    let status = unsafe { jwt_verified_claim_str(verified, ptr, len, &raw mut out) };
    let text = value.and_then(|v| v.as_str()).map(|s| rust.unescaped(s));
    match &text {
        Some(Ok(s)) => {
            assert_eq!(status, jwt_status::JWT_OK);
            // SAFETY: on success `out` spans bytes of the token or scratch, both still alive.
            let text = unsafe { std::slice::from_raw_parts(out.ptr, out.len) };
            assert_eq!(text, s.as_bytes());
        }
        Some(Err(e)) => assert_eq!(code(status), e.code()),
        None if value.is_none() => assert_eq!(status, jwt_status::JWT_ERR_CLAIM_ABSENT),
        None => assert_eq!(status, jwt_status::JWT_ERR_CLAIM_TYPE),
    }
    // The copying reader writes at most `cap` bytes: the rest of the buffer stays untouched.
    let mut buf = vec![0xAAu8; cap + 16];
    let mut copied = usize::MAX;
    // SAFETY: the buffer has `cap + 16` writable bytes and the call is told `cap`; `copied` is
    // writable.
    let status = unsafe {
        jwt_verified_claim_str_copy(
            verified,
            ptr,
            len,
            buf.as_mut_ptr().cast(),
            cap,
            &raw mut copied,
        )
    };
    assert!(
        buf[cap..].iter().all(|&b| b == 0xAA),
        "wrote past the capacity"
    );
    if let Some(Ok(s)) = &text {
        if s.len() < cap {
            assert_eq!(status, jwt_status::JWT_OK);
            assert_eq!((&buf[..copied], buf[copied]), (s.as_bytes(), 0));
        } else {
            assert_eq!(status, jwt_status::JWT_ERR_BUFFER_TOO_SMALL);
        }
    }
    let mut number = 0i64;
    // SAFETY: `number` is writable.
    let status = unsafe { jwt_verified_claim_int(verified, ptr, len, &raw mut number) };
    match value.and_then(|v| v.as_i64()) {
        Some(n) => assert_eq!((status, number), (jwt_status::JWT_OK, n)),
        None => assert_ne!(status, jwt_status::JWT_OK),
    }
    let mut flag = false;
    // SAFETY: `flag` is writable.
    let status = unsafe { jwt_verified_claim_bool(verified, ptr, len, &raw mut flag) };
    match value.and_then(|v| v.as_bool()) {
        Some(b) => assert_eq!((status, flag), (jwt_status::JWT_OK, b)),
        None => assert_ne!(status, jwt_status::JWT_OK),
    }
    // SAFETY: `flag` is writable.
    let status = unsafe { jwt_verified_has_audience(verified, ptr, len, &raw mut flag) };
    assert_eq!(status, jwt_status::JWT_OK);
    assert_eq!(
        flag,
        rust.claims().aud().is_some_and(|aud| aud.contains(name))
    );
}

fn code(status: jwt_status) -> &'static str {
    #[allow(
        clippy::as_conversions,
        reason = "a repr(C) enum's discriminant, as C holds it"
    )]
    let value = status as i32;
    // SAFETY: `jwt_error_code` returns a static, NUL-terminated string for every value.
    let text = unsafe { CStr::from_ptr(jwt_error_code(value)) };
    text.to_str().unwrap()
}

fn jwt_str_of(text: &str) -> jwt_str {
    jwt_str {
        ptr: text.as_ptr(),
        len: text.len(),
    }
}

fn required(bits: u8) -> Required {
    [
        (JWT_CLAIM_EXP, Required::EXP),
        (JWT_CLAIM_EXP << 1, Required::NBF),
        (JWT_CLAIM_EXP << 2, Required::IAT),
        (JWT_CLAIM_EXP << 3, Required::ISS),
        (JWT_CLAIM_EXP << 4, Required::SUB),
        (JWT_CLAIM_EXP << 5, Required::AUD),
        (JWT_CLAIM_EXP << 6, Required::JTI),
    ]
    .iter()
    .filter(|(bit, _)| u32::from(bits) & bit != 0)
    .fold(Required::NONE, |set, (_, r)| set.and(*r))
}

/// A compact token over exactly these header and payload bytes, HS256 with [`SECRET`].
fn hs256_token(header: &[u8], payload: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let signing_input = format!("{}.{}", b64(header), b64(payload));
    let mut tag = [0u8; 32];
    Hs256Key::new(SECRET)
        .unwrap()
        .sign_into(signing_input.as_bytes(), &mut tag)
        .unwrap();
    format!("{signing_input}.{}", b64(&tag))
}
