//! The Bearer-token flow of RFC 6750 on axum, verified by jwt-core.
//!
//! - `POST /login` takes `{"username", "password"}` and returns an access token.
//! - `GET /me` requires `Authorization: Bearer <token>` and returns its claims.
//! - A refused token gets `401` with `WWW-Authenticate: Bearer error="invalid_token",
//!   error_description="<jwt-core error code>: <message>"` (RFC 6750 §3); a request without
//!   credentials gets a bare `WWW-Authenticate: Bearer realm=...` (RFC 6750 §3.1).
//!
//! [`Bearer`] is the reusable part: any handler that takes `Bearer<YourClaims>` as an argument
//! runs only for a verified, valid token.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{FromRef, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jwt_core::{Error, Hs256Key, Required, SignHeader, Time, Validation};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// How long a token from `/login` lives, in seconds.
pub const TOKEN_LIFETIME: u64 = 900;
/// The issuer and audience this service uses.
pub const ISSUER: &str = "https://login.example";
/// The audience of the tokens this service mints and accepts.
pub const AUDIENCE: &str = "jwt-web-example";
const REALM: &str = "jwt-web-example";

/// What verifying a bearer token needs: the key and the policy.
#[derive(Debug)]
pub struct Verifier {
    key: Hs256Key,
}

impl Verifier {
    /// A verifier with this HS256 key.
    #[must_use]
    pub fn new(key: Hs256Key) -> Self {
        Self { key }
    }

    /// The policy: exp and iat required, our issuer and audience, one minute of leeway.
    #[must_use]
    pub fn policy() -> Validation<'static> {
        Validation::new()
            .leeway(60)
            .issuers(&[ISSUER])
            .audiences(&[AUDIENCE])
            .require(Required::EXP.and(Required::IAT).and(Required::SUB))
            .typ("JWT")
    }

    /// Verifies `token` now and deserializes its claims.
    ///
    /// # Errors
    /// The reason the token is refused.
    pub fn verify<T: DeserializeOwned>(&self, token: &str) -> Result<T, Error> {
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        let verified = jwt_core::verify(
            token.as_bytes(),
            &self.key,
            &Self::policy(),
            Time::At(now()),
            &mut scratch,
        )?;
        verified.deserialize_claims()
    }

    /// Mints a token for `claims`.
    ///
    /// # Errors
    /// When the claims cannot be signed.
    pub fn sign<T: Serialize>(&self, claims: &T) -> Result<String, Error> {
        let header = SignHeader::new();
        let mut out = vec![0u8; jwt_core::signed_len(&self.key, &header, claims)?];
        jwt_core::sign(&self.key, &header, claims, &mut out).map(str::to_owned)
    }
}

/// The service's state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Shared by every request.
    pub verifier: Arc<Verifier>,
}

impl FromRef<AppState> for Arc<Verifier> {
    fn from_ref(state: &AppState) -> Self {
        Arc::clone(&state.verifier)
    }
}

/// The claims this service puts in its tokens.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct UserClaims {
    /// The user.
    pub sub: String,
    /// Display name.
    pub name: String,
    /// Roles.
    pub roles: Vec<String>,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Issued at.
    pub iat: u64,
    /// Expires at.
    pub exp: u64,
}

/// Verified claims of type `T`, taken from `Authorization: Bearer <token>`.
///
/// ```
/// use jwt_axum::{Bearer, UserClaims};
///
/// async fn handler(Bearer(claims): Bearer<UserClaims>) -> String {
///     claims.sub
/// }
/// # let _ = handler;
/// ```
#[derive(Debug)]
pub struct Bearer<T>(pub T);

/// Why a request was not authenticated.
#[derive(Debug)]
pub enum AuthRejection {
    /// No `Authorization: Bearer` header at all (RFC 6750 §3.1: no error code).
    Missing,
    /// A token was presented and refused.
    Invalid(Error),
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let challenge = match self {
            Self::Missing => format!("Bearer realm=\"{REALM}\""),
            Self::Invalid(e) => format!(
                "Bearer realm=\"{REALM}\", error=\"invalid_token\", error_description=\"{}: {}\"",
                e.code(),
                e.message()
            ),
        };
        let mut response = StatusCode::UNAUTHORIZED.into_response();
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

impl<S, T> FromRequestParts<S> for Bearer<T>
where
    S: Send + Sync,
    Arc<Verifier>: FromRef<S>,
    T: DeserializeOwned,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Arc::<Verifier>::from_ref(state);
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .ok_or(AuthRejection::Missing)?;
        let text = value
            .to_str()
            .map_err(|_| AuthRejection::Invalid(Error::MalformedToken))?;
        // RFC 6750 §2.1: the scheme is case-insensitive, followed by one space and the token.
        let token = match text.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token,
            _ => return Err(AuthRejection::Missing),
        };
        verifier
            .verify(token)
            .map(Bearer)
            .map_err(AuthRejection::Invalid)
    }
}

/// `POST /login`'s body.
#[derive(Debug, Deserialize)]
pub struct Login {
    /// Who.
    pub username: String,
    /// Their password.
    pub password: String,
}

/// `POST /login`'s answer (RFC 6749 §5.1 shape).
#[derive(Debug, Serialize, Deserialize)]
pub struct TokenResponse {
    /// The JWT.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until it expires.
    pub expires_in: u64,
}

/// The demo's only user. A real service checks a password hash (argon2, scrypt) instead.
const DEMO_USER: (&str, &str, &str) = ("alice", "wonderland", "Alice Liddell");

async fn login(
    State(state): State<AppState>,
    Json(body): Json<Login>,
) -> Result<Json<TokenResponse>, StatusCode> {
    let (user, password, name) = DEMO_USER;
    if body.username != user || !constant_time_eq(body.password.as_bytes(), password.as_bytes()) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let iat = now();
    let claims = UserClaims {
        sub: user.into(),
        name: name.into(),
        roles: vec!["reader".into()],
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat,
        exp: iat.saturating_add(TOKEN_LIFETIME),
    };
    let token = state
        .verifier
        .sign(&claims)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: TOKEN_LIFETIME,
    }))
}

async fn me(Bearer(claims): Bearer<UserClaims>) -> Json<UserClaims> {
    Json(claims)
}

/// The service's routes.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/login", post(login))
        .route("/me", get(me))
        .with_state(state)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
