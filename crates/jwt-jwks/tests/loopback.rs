//! The client against a real HTTP server on a loopback port, started by each test: discovery,
//! rotation, a server that goes down, is slow, or answers too much or nonsense, and 100
//! concurrent requests for one unknown `kid`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    missing_docs,
    reason = "a test: a failure is the test failing"
)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{Error, Es256SigningKey, SignHeader, Time, Validation};
use jwt_jwks::{Config, FetchError, JwksClient, KeysUnavailable, Source, Transport, VerifyError};

struct Served {
    issuer: String,
    jwks: String,
    status: StatusCode,
    delay: Duration,
    max_age: Option<u64>,
    jwks_hits: usize,
}

type Shared = Arc<Mutex<Served>>;

async fn discovery(State(s): State<Shared>) -> (HeaderMap, String) {
    let (issuer, base) = {
        let s = s.lock().unwrap();
        (s.issuer.clone(), s.issuer.clone())
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (
        headers,
        format!(r#"{{"issuer":"{issuer}","jwks_uri":"{base}/jwks"}}"#),
    )
}

async fn jwks(State(s): State<Shared>) -> (StatusCode, HeaderMap, String) {
    let (status, delay, max_age, body) = {
        let mut s = s.lock().unwrap();
        s.jwks_hits += 1;
        (s.status, s.delay, s.max_age, s.jwks.clone())
    };
    tokio::time::sleep(delay).await;
    let mut headers = HeaderMap::new();
    if let Some(age) = max_age {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_str(&format!("public, max-age={age}")).unwrap(),
        );
    }
    (status, headers, body)
}

/// Starts a server; returns its base URL (also its issuer) and its state.
async fn server() -> (String, Shared) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = Arc::new(Mutex::new(Served {
        issuer: base.clone(),
        jwks: String::new(),
        status: StatusCode::OK,
        delay: Duration::ZERO,
        max_age: None,
        jwks_hits: 0,
    }));
    let app = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route(
            "/loop",
            get(|| async { axum::response::Redirect::temporary("/loop") }),
        )
        .route(
            "/hop",
            get(|| async { axum::response::Redirect::temporary("/jwks") }),
        )
        .route(
            "/away",
            get(|| async { axum::response::Redirect::temporary("http://10.0.0.1/jwks") }),
        )
        .with_state(Arc::clone(&shared));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, shared)
}

fn key(seed: u8) -> Es256SigningKey {
    Es256SigningKey::from_bytes(&[seed; 32]).unwrap()
}

fn jwk(seed: u8) -> String {
    let (x, y) = key(seed).verifying_key().coordinates();
    format!(
        r#"{{"kty":"EC","crv":"P-256","kid":"k{seed}","use":"sig","x":"{}","y":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(x),
        URL_SAFE_NO_PAD.encode(y)
    )
}

fn jwks_of(seeds: &[u8]) -> String {
    let keys: Vec<String> = seeds.iter().map(|&s| jwk(s)).collect();
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

fn token(seed: u8) -> String {
    let mut out = [0u8; 512];
    jwt_core::sign_json(
        &key(seed),
        &SignHeader::new().kid(&format!("k{seed}")),
        br#"{"sub":"u","exp":2000000000}"#,
        &mut out,
    )
    .unwrap()
    .to_owned()
}

fn config(source: Source) -> Config {
    Config::new(source)
        .transport(Transport::AlsoLoopbackHttp)
        .unknown_kid_refresh_interval(Duration::ZERO)
}

async fn verify<const N: usize>(client: &JwksClient<N>, token: &str) -> Result<(), VerifyError> {
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    client
        .verify(
            token.as_bytes(),
            &Validation::new(),
            Time::At(1_700_000_000),
            &mut scratch,
        )
        .await
        .map(|_| ())
}

fn unavailable(last_failure: FetchError) -> Result<(), VerifyError> {
    Err(VerifyError::KeysUnavailable(KeysUnavailable {
        last_failure,
    }))
}

#[tokio::test]
async fn discovery_and_rotation() {
    let (base, served) = server().await;
    served.lock().unwrap().jwks = jwks_of(&[1]);
    let client = JwksClient::<8>::new(config(Source::Issuer(base.clone()))).unwrap();
    assert_eq!(verify(&client, &token(1)).await, Ok(()));
    // Rotation: key 2 appears, key 1 disappears. A token by key 2 is accepted after one
    // refresh; key 1's kid is then unknown.
    served.lock().unwrap().jwks = jwks_of(&[2]);
    assert_eq!(verify(&client, &token(2)).await, Ok(()));
    assert_eq!(served.lock().unwrap().jwks_hits, 2);
    assert_eq!(
        verify(&client, &token(1)).await,
        Err(VerifyError::Token(Error::UnknownKey))
    );
    let m = client.metrics();
    assert_eq!(
        (m.keys_loaded, m.refresh_attempts, m.refresh_failures),
        (1, 3, 0)
    );
    assert!(m.last_refresh.is_some());
}

#[tokio::test]
async fn a_discovery_document_for_another_issuer_is_refused() {
    let (base, served) = server().await;
    {
        let mut s = served.lock().unwrap();
        s.jwks = jwks_of(&[1]);
        s.issuer = "https://evil.example".into();
    }
    let client = JwksClient::<8>::new(config(Source::Issuer(base))).unwrap();
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::IssuerMismatch)
    );
}

#[tokio::test]
async fn a_server_down_is_served_stale_until_max_stale_then_fails_closed() {
    let (base, served) = server().await;
    served.lock().unwrap().jwks = jwks_of(&[1]);
    let ttl = Duration::from_millis(100);
    let client = JwksClient::<8>::new(
        config(Source::JwksUrl(format!("{base}/jwks")))
            .ttl(ttl, ttl, ttl)
            .max_stale(Duration::from_millis(500)),
    )
    .unwrap();
    assert_eq!(verify(&client, &token(1)).await, Ok(()));
    served.lock().unwrap().status = StatusCode::INTERNAL_SERVER_ERROR;
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Expired but within max-stale: the old keys verify while refreshes fail.
    assert_eq!(verify(&client, &token(1)).await, Ok(()));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::Status(500))
    );
    assert!(client.metrics().refresh_failures >= 1);
    // Back up: keys again, once the retry interval (the minimum TTL) has passed.
    served.lock().unwrap().status = StatusCode::OK;
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(verify(&client, &token(1)).await, Ok(()));
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let (base, served) = server().await;
    {
        let mut s = served.lock().unwrap();
        s.jwks = jwks_of(&[1]);
        s.delay = Duration::from_secs(3);
    }
    let client = JwksClient::<8>::new(
        config(Source::JwksUrl(format!("{base}/jwks")))
            .timeouts(Duration::from_secs(1), Duration::from_millis(300)),
    )
    .unwrap();
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::Timeout)
    );
}

#[tokio::test]
async fn oversized_malformed_empty_and_plain_http_are_refused() {
    let (base, served) = server().await;
    let url = format!("{base}/jwks");
    let with = |body: String, config: Config| {
        served.lock().unwrap().jwks = body;
        JwksClient::<2>::new(config).unwrap()
    };
    let padded = format!(r#"{{"pad":"{}","keys":[{}]}}"#, "x".repeat(2000), jwk(1));
    let client = with(
        padded,
        config(Source::JwksUrl(url.clone())).max_response_bytes(1000),
    );
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::TooLarge)
    );
    let client = with(r#"{"keys":["#.into(), config(Source::JwksUrl(url.clone())));
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::MalformedJwks(Error::InvalidJson))
    );
    let client = with("[]".into(), config(Source::JwksUrl(url.clone())));
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::MalformedJwks(Error::NotAnObject))
    );
    let client = with(
        r#"{"keys":[{"kty":"EC","use":"enc"}]}"#.into(),
        config(Source::JwksUrl(url.clone())),
    );
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::NoUsableKeys)
    );
    let client = with(jwks_of(&[1, 2, 3]), config(Source::JwksUrl(url.clone())));
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::TooManyKeys)
    );
    let https_only = Config::new(Source::JwksUrl(url.clone()));
    let client = with(jwks_of(&[1]), https_only);
    assert_eq!(
        verify(&client, &token(1)).await,
        unavailable(FetchError::UrlRefused(url))
    );
}

#[tokio::test]
async fn a_hundred_requests_for_one_unknown_kid_cause_one_fetch() {
    let (base, served) = server().await;
    served.lock().unwrap().jwks = jwks_of(&[1]);
    let client = JwksClient::<8>::new(
        config(Source::JwksUrl(format!("{base}/jwks")))
            .unknown_kid_refresh_interval(Duration::from_secs(60)),
    )
    .unwrap();
    client.refresh().await.unwrap();
    {
        let mut s = served.lock().unwrap();
        s.jwks = jwks_of(&[1, 2]);
        s.delay = Duration::from_millis(100);
    }
    let token = token(2);
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            let token = token.clone();
            tokio::spawn(async move { verify(&client, &token).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), Ok(()));
    }
    assert_eq!(
        served.lock().unwrap().jwks_hits,
        2,
        "start-up fetch plus one refresh"
    );
    // Within the interval, another unknown kid does not fetch again.
    assert_eq!(
        verify(&client, &self::token(3)).await,
        Err(VerifyError::Token(Error::UnknownKey))
    );
    assert_eq!(served.lock().unwrap().jwks_hits, 2);
}

#[tokio::test]
async fn redirects_are_limited_and_must_stay_on_allowed_urls() {
    let (base, served) = server().await;
    served.lock().unwrap().jwks = jwks_of(&[1]);
    let client = |path: &str| {
        JwksClient::<8>::new(config(Source::JwksUrl(format!("{base}{path}")))).unwrap()
    };
    // One hop to an allowed URL is followed.
    assert_eq!(verify(&client("/hop"), &token(1)).await, Ok(()));
    for path in ["/loop", "/away"] {
        match verify(&client(path), &token(1)).await {
            Err(VerifyError::KeysUnavailable(KeysUnavailable { last_failure })) => {
                assert_eq!(last_failure.code(), "transport", "{path}: {last_failure}");
            }
            other => panic!("{path}: {other:?}"),
        }
    }
}
