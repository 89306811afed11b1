//! HS256 verify + validate and sign on a typical token (7 registered claims), next to the floor:
//! HMAC-SHA-256 over the same signing input with a pre-keyed state.
//!
//! `cargo bench --bench hs256`. Comparisons with other JWT crates belong in a separate bench
//! crate, so that `cargo test` and firmware builds never compile them.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{KeyInit, Mac};
use jwt_core::{Hs256Key, Required, SignHeader, Time, Validation};
use serde::Serialize;

#[derive(Serialize)]
struct Registered<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    exp: u64,
    nbf: u64,
    iat: u64,
    jti: &'a str,
}

const SECRET: &[u8] = b"benchmark secret of 32 bytes!!!!";
const NOW: u64 = 1_700_000_000;
const POLICY: Validation<'static> = Validation::new()
    .leeway(60)
    .issuers(&["https://issuer.example"])
    .audiences(&["device-42"])
    .require(Required::EXP.and(Required::NBF));

fn claims() -> Registered<'static> {
    Registered {
        iss: "https://issuer.example",
        sub: "user-1",
        aud: "device-42",
        exp: NOW + 3600,
        nbf: NOW - 60,
        iat: NOW - 60,
        jti: "4f1c2a9e-5b7d-4e8a-9c3f-1d2e3f4a5b6c",
    }
}

fn bench(c: &mut Criterion) {
    let key = Hs256Key::new(SECRET).unwrap();
    let claims = claims();
    let mut out = [0u8; 512];
    let token = jwt_core::sign(&key, &SignHeader::new(), &claims, &mut out)
        .unwrap()
        .to_owned();

    c.bench_function("hs256 verify+validate (jwt-core)", |b| {
        let mut scratch = [0u8; 1024];
        b.iter(|| {
            let v = jwt_core::verify(
                black_box(token.as_bytes()),
                &key,
                &POLICY,
                Time::At(NOW),
                &mut scratch,
            )
            .unwrap();
            black_box(v.claims().exp());
        });
    });
    c.bench_function("hs256 sign (jwt-core)", |b| {
        let mut out = [0u8; 512];
        b.iter(|| {
            black_box(
                jwt_core::sign(&key, &SignHeader::new(), black_box(&claims), &mut out)
                    .unwrap()
                    .len(),
            )
        });
    });
    let (signing_input, tag) = token.rsplit_once('.').unwrap();
    let tag =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, tag).unwrap();
    let keyed = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    c.bench_function("hs256 HMAC-only floor", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(signing_input.as_bytes()));
            black_box(mac.verify_slice(&tag).is_ok())
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
