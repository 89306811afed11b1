//! Starts the service on a loopback port and drives it with a real HTTP client.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use jwt_axum::{AUDIENCE, AppState, ISSUER, TokenResponse, UserClaims, Verifier, app};
use jwt_core::{Hs256Key, SignHeader};
use reqwest::StatusCode;

const SECRET: &[u8] = b"test secret for the web example!";

async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState {
        verifier: Arc::new(Verifier::new(Hs256Key::new(SECRET).unwrap())),
    };
    tokio::spawn(async move { axum::serve(listener, app(state)).await.unwrap() });
    format!("http://{addr}")
}

fn challenge(r: &reqwest::Response) -> String {
    r.headers()
        .get("www-authenticate")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn login_access_and_refusals() {
    let base = start().await;
    let http = reqwest::Client::new();

    // Wrong password, then the right one.
    let r = http
        .post(format!("{base}/login"))
        .json(&serde_json::json!({"username": "alice", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = http
        .post(format!("{base}/login"))
        .json(&serde_json::json!({"username": "alice", "password": "wonderland"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let login: TokenResponse = r.json().await.unwrap();
    assert_eq!(login.token_type, "Bearer");

    // Access with the token.
    let r = http
        .get(format!("{base}/me"))
        .bearer_auth(&login.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let me: UserClaims = r.json().await.unwrap();
    assert_eq!(me.sub, "alice");
    assert_eq!(me.aud, AUDIENCE);

    // Missing header: a bare challenge, no error code (RFC 6750 §3.1).
    let r = http.get(format!("{base}/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(challenge(&r), "Bearer realm=\"jwt-web-example\"");

    // Tampered token: invalid_token with the library's code.
    let mut tampered = login.access_token.clone();
    let at = tampered.find('.').unwrap() + 4;
    tampered.replace_range(at..=at, if &tampered[at..=at] == "A" { "B" } else { "A" });
    let r = http
        .get(format!("{base}/me"))
        .bearer_auth(&tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let c = challenge(&r);
    assert!(c.contains("error=\"invalid_token\""), "{c}");
    assert!(c.contains("error_description=\"invalid-signature: "), "{c}");

    // Expired token, signed with the right key.
    let key = Hs256Key::new(SECRET).unwrap();
    let expired = UserClaims {
        sub: "alice".into(),
        name: "Alice".into(),
        roles: vec![],
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat: 1_600_000_000,
        exp: 1_600_000_900,
    };
    let mut out = [0u8; 512];
    let token = jwt_core::sign(&key, &SignHeader::new(), &expired, &mut out).unwrap();
    let r = http
        .get(format!("{base}/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(
        challenge(&r).contains("error_description=\"expired: "),
        "{}",
        challenge(&r)
    );

    // Another scheme is not a bearer token.
    let r = http
        .get(format!("{base}/me"))
        .header("authorization", "Basic YWxpY2U6d29uZGVybGFuZA==")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
