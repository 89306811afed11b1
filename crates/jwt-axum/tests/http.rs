//! The extractor and the layer behind a real HTTP server on a loopback port, driven by a real
//! HTTP client: valid, expired, tampered, wrong audience, missing, wrong scheme, two
//! headers, oversized, insufficient scope, and a JWKS rotation mid-run.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test: a failure is the test failing"
)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_axum::{AuthLayer, Authenticator, Bearer, SingleKey};
use jwt_core::{Es256SigningKey, Hs256Key, SignHeader, SigningKey, Validation};
use jwt_jwks::{Config, JwksClient, Source, Transport};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};

const SECRET: &[u8] = b"test secret for the axum crate!!";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
struct Claims {
    sub: String,
    aud: String,
    exp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
}

fn claims(aud: &str, exp: u64, scope: Option<&str>) -> Claims {
    Claims {
        sub: "alice".into(),
        aud: aud.into(),
        exp,
        scope: scope.map(str::to_owned),
    }
}

fn sign<K: SigningKey>(key: &K, kid: Option<&str>, claims: &Claims) -> String {
    let header = kid.map_or(SignHeader::new(), |kid| SignHeader::new().kid(kid));
    jwt_core::sign_to_string(key, &header, claims).unwrap()
}

fn policy() -> Validation<'static> {
    Validation::new().audiences(&["api"])
}

async fn me(Bearer(claims): Bearer<Claims>) -> String {
    claims.sub
}

/// Serves `/me` (any valid token) and `/admin` (scope `admin`) with `auth`.
async fn serve(auth: Authenticator) -> String {
    let app = Router::new()
        .route("/me", get(me))
        .route(
            "/admin",
            get(|Bearer(c): Bearer<Claims>| async move { format!("admin {}", c.sub) })
                .layer(AuthLayer::<Claims>::new(auth.clone()).require_scopes(&["admin"])),
        )
        .with_state(auth);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

struct Answer {
    status: StatusCode,
    challenge: String,
    body: String,
}

async fn get_with(url: &str, authorization: &[&str]) -> Answer {
    let mut request = reqwest::Client::new().get(url);
    for value in authorization {
        request = request.header("authorization", *value);
    }
    let response = request.send().await.unwrap();
    Answer {
        status: response.status(),
        challenge: response
            .headers()
            .get("www-authenticate")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default(),
        body: response.text().await.unwrap(),
    }
}

async fn bearer(url: &str, token: &str) -> Answer {
    get_with(url, &[&format!("Bearer {token}")]).await
}

fn refused(a: &Answer, code: &str) {
    assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{code}");
    assert!(
        a.challenge.starts_with(&format!(
            "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"{code}: "
        )),
        "{code}: {}",
        a.challenge
    );
}

#[tokio::test]
async fn every_answer_of_rfc_6750() {
    let key = Hs256Key::new(SECRET).unwrap();
    let auth = Authenticator::new(SingleKey(key.clone()), policy())
        .realm("test")
        .max_token_len(2048);
    let base = serve(auth).await;
    let me = format!("{base}/me");
    let admin = format!("{base}/admin");
    let later = 4_000_000_000;

    let valid = sign(&key, None, &claims("api", later, Some("read admin")));
    let a = bearer(&me, &valid).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "alice"));
    // Scheme names are case-insensitive (RFC 6750 §2.1).
    let a = get_with(&me, &[&format!("bEaReR {valid}")]).await;
    assert_eq!(a.status, StatusCode::OK);
    let a = bearer(&admin, &valid).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "admin alice"));

    refused(
        &bearer(&me, &sign(&key, None, &claims("api", 1_000, None))).await,
        "expired",
    );
    refused(
        &bearer(&me, &sign(&key, None, &claims("web", later, None))).await,
        "invalid-audience",
    );
    let mut tampered = valid.clone();
    let at = tampered.find('.').unwrap() + 3;
    let swap = if &tampered[at..=at] == "A" { "B" } else { "A" };
    tampered.replace_range(at..=at, swap);
    refused(&bearer(&me, &tampered).await, "invalid-signature");
    let other_key = Hs256Key::new(b"another secret, also 32 bytes!!!").unwrap();
    refused(
        &bearer(&me, &sign(&other_key, None, &claims("api", later, None))).await,
        "invalid-signature",
    );
    // Checked against the limit before any buffer is allocated.
    refused(&bearer(&me, &"a".repeat(3000)).await, "token-too-large");

    // No credentials, or another scheme: a bare challenge (RFC 6750 §3.1).
    for headers in [
        &[][..],
        &["Basic YWxpY2U6d29uZGVybGFuZA=="][..],
        &["Bearer"][..],
    ] {
        let a = get_with(&me, headers).await;
        assert_eq!(
            (a.status, a.challenge.as_str()),
            (StatusCode::UNAUTHORIZED, "Bearer realm=\"test\"")
        );
    }
    // Two Authorization headers: a malformed request.
    let a = get_with(
        &me,
        &[&format!("Bearer {valid}"), &format!("Bearer {valid}")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.challenge.contains("error=\"invalid_request\""),
        "{}",
        a.challenge
    );

    // A valid token without the scope: 403 naming the scope needed (RFC 6750 §3.1).
    let reader = sign(&key, None, &claims("api", later, Some("read")));
    let a = bearer(&admin, &reader).await;
    assert_eq!(
        (a.status, a.challenge.as_str()),
        (
            StatusCode::FORBIDDEN,
            "Bearer realm=\"test\", error=\"insufficient_scope\", scope=\"admin\""
        )
    );
    // The layer refuses an invalid token before the route runs.
    refused(&bearer(&admin, &tampered).await, "invalid-signature");
}

fn ec_jwk(seed: u8) -> String {
    let (x, y) = Es256SigningKey::from_bytes(&[seed; 32])
        .unwrap()
        .verifying_key()
        .coordinates();
    format!(
        r#"{{"kty":"EC","crv":"P-256","kid":"k{seed}","x":"{}","y":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(x),
        URL_SAFE_NO_PAD.encode(y)
    )
}

#[tokio::test]
async fn a_jwks_rotation_mid_run() {
    // The identity provider: a JWKS on another loopback port.
    let served = Arc::new(Mutex::new(format!(r#"{{"keys":[{}]}}"#, ec_jwk(1))));
    let idp = Router::new()
        .route(
            "/jwks",
            get(|State(s): State<Arc<Mutex<String>>>| async move { s.lock().unwrap().clone() }),
        )
        .with_state(Arc::clone(&served));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let jwks_url = format!("http://{}/jwks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, idp).await.unwrap() });

    let keys = JwksClient::<8>::new(
        Config::new(Source::JwksUrl(jwks_url))
            .transport(Transport::AlsoLoopbackHttp)
            .unknown_kid_refresh_interval(Duration::ZERO),
    )
    .unwrap();
    let base = serve(Authenticator::new(keys, policy()).realm("test")).await;
    let me = format!("{base}/me");
    let token = |seed: u8| {
        let key = Es256SigningKey::from_bytes(&[seed; 32]).unwrap();
        sign(
            &key,
            Some(&format!("k{seed}")),
            &claims("api", 4_000_000_000, None),
        )
    };
    assert_eq!(bearer(&me, &token(1)).await.status, StatusCode::OK);
    *served.lock().unwrap() = format!(r#"{{"keys":[{}]}}"#, ec_jwk(2));
    // The new key's token is accepted after one refresh; the old key's kid is now unknown.
    assert_eq!(bearer(&me, &token(2)).await.status, StatusCode::OK);
    refused(&bearer(&me, &token(1)).await, "unknown-key");
}
