//! The answers to a request that is not let through (RFC 6750 §3).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jwt_core::Error;

/// Why a request was refused, with its status and `WWW-Authenticate` challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthRejection {
    status: StatusCode,
    challenge: String,
    /// The library's error, when a token was refused.
    pub error: Option<Error>,
}

impl AuthRejection {
    /// No bearer credentials: `401` and a bare challenge (RFC 6750 §3.1: no error code).
    pub(crate) fn missing(realm: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            format!("Bearer realm=\"{realm}\""),
            None,
        )
    }

    /// Two `Authorization` headers: `400 invalid_request`.
    pub(crate) fn two_headers(realm: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            format!(
                "Bearer realm=\"{realm}\", error=\"invalid_request\", error_description=\"more than one Authorization header\""
            ),
            None,
        )
    }

    /// A refused token: `401 invalid_token` with the library's code and message.
    pub(crate) fn invalid(realm: &str, e: Error) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            format!(
                "Bearer realm=\"{realm}\", error=\"invalid_token\", error_description=\"{}: {}\"",
                e.code(),
                e.message()
            ),
            Some(e),
        )
    }

    /// A valid token without the scopes the route needs: `403 insufficient_scope`.
    pub(crate) fn insufficient_scope(realm: &str, required: &[String]) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!(
                "Bearer realm=\"{realm}\", error=\"insufficient_scope\", scope=\"{}\"",
                required.join(" ")
            ),
            None,
        )
    }

    /// No keys to verify with (the JWKS cannot be had): `503`, and the client may retry.
    pub(crate) fn unavailable(realm: &str) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("Bearer realm=\"{realm}\""),
            None,
        )
    }

    fn new(status: StatusCode, challenge: String, error: Option<Error>) -> Self {
        Self {
            status,
            challenge,
            error,
        }
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `WWW-Authenticate` value.
    #[must_use]
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Ok(value) = HeaderValue::from_str(&self.challenge) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}
