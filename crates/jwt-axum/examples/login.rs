//! The classic login flow on `jwt-axum`: `POST /login` mints an HS256 token for the demo user
//! (`401` with a `WWW-Authenticate` challenge on a wrong password), `GET /me` needs it and
//! returns its claims, `GET /admin` also needs the `admin` scope.
//!
//! `cargo run -p jwt-axum --example login`, configured by `PORT` and `JWT_SECRET` (a random
//! key when unset).

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jwt_axum::{AuthLayer, Authenticator, Bearer, SingleKey};
use jwt_core::{Hs256Key, NumericDate, Required, SignHeader, Time, Validation};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "https://login.example";
const AUDIENCE: &str = "jwt-axum-example";
const LIFETIME: u64 = 900;

#[derive(Clone, Debug, Serialize, Deserialize)]
struct UserClaims {
    sub: String,
    name: String,
    scope: String,
    iss: String,
    aud: String,
    // Dates as NumericDate: every spelling the verifier accepts reads back.
    iat: NumericDate,
    exp: NumericDate,
}

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

#[derive(Clone)]
struct App {
    auth: Authenticator,
    key: Hs256Key,
}

impl axum::extract::FromRef<App> for Authenticator {
    fn from_ref(app: &App) -> Self {
        app.auth.clone()
    }
}

async fn login(State(app): State<App>, Json(body): Json<Login>) -> Response {
    // The demo's only user; a real service checks a password hash (argon2, scrypt).
    let known =
        body.username == "alice" && constant_time_eq(body.password.as_bytes(), b"wonderland");
    if !known {
        let mut refused = StatusCode::UNAUTHORIZED.into_response();
        refused.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"login\""),
        );
        return refused;
    }
    let Time::At(iat) = Time::now() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let claims = UserClaims {
        sub: "alice".into(),
        name: "Alice Liddell".into(),
        scope: "read".into(),
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat: iat.into(),
        exp: iat.saturating_add(LIFETIME).into(),
    };
    match jwt_core::sign_to_string(&app.key, &SignHeader::new(), &claims) {
        Ok(token) => Json(serde_json::json!({
            "access_token": token, "token_type": "Bearer", "expires_in": LIFETIME
        }))
        .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn me(Bearer(claims): Bearer<UserClaims>) -> Json<UserClaims> {
    Json(claims)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The service's routes, verifying and minting with `key`.
fn app(key: Hs256Key) -> Router {
    let policy = Validation::new()
        .leeway(60)
        .issuers(&[ISSUER])
        .audiences(&[AUDIENCE])
        .require(Required::EXP.and(Required::IAT).and(Required::SUB));
    let auth = Authenticator::new(SingleKey(key.clone()), policy).realm("jwt-axum-example");
    Router::new()
        .route("/login", post(login))
        .route("/me", get(me))
        .route(
            "/admin",
            get(|| async { "admin area" })
                .layer(AuthLayer::<UserClaims>::new(auth.clone()).require_scopes(&["admin"])),
        )
        .with_state(App { auth, key })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = if let Ok(secret) = std::env::var("JWT_SECRET") {
        Hs256Key::new(secret.as_bytes())?
    } else {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)?;
        Hs256Key::new(&secret)?
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app(key)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure is the test failing")]

    use super::*;

    #[tokio::test]
    async fn login_then_me_then_admin() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let key = Hs256Key::new(b"test secret for the login example").unwrap();
        tokio::spawn(async move { axum::serve(listener, app(key)).await.unwrap() });
        let http = reqwest::Client::new();
        let login = |password: &'static str| {
            http.post(format!("{base}/login"))
                .json(&serde_json::json!({"username": "alice", "password": password}))
                .send()
        };
        let wrong = login("x").await.unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.headers()["www-authenticate"], "Basic realm=\"login\"");
        let body: serde_json::Value = login("wonderland").await.unwrap().json().await.unwrap();
        let token = body["access_token"].as_str().unwrap();
        let me: serde_json::Value = http
            .get(format!("{base}/me"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["sub"], "alice");
        let admin = http
            .get(format!("{base}/admin"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(admin.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            admin.headers()["www-authenticate"],
            "Bearer realm=\"jwt-axum-example\", error=\"insufficient_scope\", scope=\"admin\""
        );
    }
}
