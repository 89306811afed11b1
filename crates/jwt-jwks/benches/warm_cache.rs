//! A warm `JwksClient` against the `KeySet` it wraps, verifying the same ES256 and HS256
//! tokens by `kid` under the same policy: interleaved rounds (each round times a batch of
//! both, back to back), reported as the median ratio with its spread. No assertion: numbers
//! for the README. `cargo bench -p jwt-jwks`.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_precision_loss,
    clippy::as_conversions,
    reason = "benchmark harness"
)]

use std::hint::black_box;
use std::time::Instant;

use axum::Router;
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{Es256SigningKey, KeySet, SignHeader, Time, Validation};
use jwt_jwks::{Config, JwksClient, Source, Transport};

const ROUNDS: usize = 31;
const BATCH: usize = 200;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let key = Es256SigningKey::from_bytes(&[3; 32]).unwrap();
    let (x, y) = key.verifying_key().coordinates();
    let jwks = format!(
        r#"{{"keys":[{{"kty":"EC","crv":"P-256","kid":"k3","x":"{}","y":"{}"}},{{"kty":"oct","alg":"HS256","kid":"h","k":"{}"}}]}}"#,
        URL_SAFE_NO_PAD.encode(x),
        URL_SAFE_NO_PAD.encode(y),
        URL_SAFE_NO_PAD.encode([7u8; 32])
    );
    let mut set = KeySet::<16>::new();
    set.extend_from_jwks(jwks.as_bytes()).unwrap();
    let client = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/jwks", listener.local_addr().unwrap());
        let app = Router::new().route("/jwks", get(move || async move { jwks }));
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = JwksClient::<16>::new(
            Config::new(Source::JwksUrl(url)).transport(Transport::AlsoLoopbackHttp),
        )
        .unwrap();
        client.refresh().await.unwrap();
        client
    });
    let claims = br#"{"sub":"u","exp":4000000000}"#;
    let mut out = [0u8; 512];
    let es = jwt_core::sign_json(&key, &SignHeader::new().kid("k3"), claims, &mut out)
        .unwrap()
        .to_owned();
    let hs_key = jwt_core::Hs256Key::new(&[7u8; 32]).unwrap();
    let hs = jwt_core::sign_json(&hs_key, &SignHeader::new().kid("h"), claims, &mut out)
        .unwrap()
        .to_owned();
    let policy = Validation::new();
    let time = Time::At(1_700_000_000);
    for (name, token, batch) in [("ES256", &es, BATCH / 20), ("HS256", &hs, BATCH * 20)] {
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        let mut ratios = Vec::new();
        for _ in 0..ROUNDS {
            let start = Instant::now();
            for _ in 0..batch {
                black_box(
                    set.verify(token.as_bytes(), &policy, time, &mut scratch)
                        .unwrap(),
                );
            }
            let direct = start.elapsed().as_nanos() as f64;
            let start = Instant::now();
            runtime.block_on(async {
                for _ in 0..batch {
                    black_box(
                        client
                            .verify(token.as_bytes(), &policy, time, &mut scratch)
                            .await
                            .unwrap(),
                    );
                }
            });
            let cached = start.elapsed().as_nanos() as f64;
            ratios.push(cached / direct);
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "{name} verify by kid, warm JwksClient vs KeySet: median {:.3}x (rounds {:.3}x .. {:.3}x, {ROUNDS} rounds of {batch})",
            ratios[ROUNDS / 2],
            ratios[0],
            ratios[ROUNDS - 1]
        );
    }
}
