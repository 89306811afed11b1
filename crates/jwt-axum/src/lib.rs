//! Bearer tokens (RFC 6750) on axum, verified by `jwt-core`.
//!
//! Configure an [`Authenticator`] once — where keys come from (one key, a
//! [`KeySet`](jwt_core::KeySet), a [`JwksClient`](jwt_jwks::JwksClient)) and the policy — and
//! put it in the router's state. Then:
//!
//! - a handler that takes [`Bearer<T>`] runs only for a verified, valid token, with its claims
//!   deserialized into `T`;
//! - [`AuthLayer`] guards a group of routes and can require scopes (`scope` string or `scp`
//!   array claims).
//!
//! Answers follow RFC 6750 §3: no credentials → `401` with a bare `Bearer realm="..."`
//! challenge; a refused token → `401` with `error="invalid_token"` and the library's error
//! code; missing scopes → `403` with `error="insufficient_scope"` and the scopes needed; two
//! `Authorization` headers → `400` with `error="invalid_request"`; no keys available → `503`.
//! The token's size is checked before any buffer is allocated.
//!
//! ```no_run
//! use axum::{Router, routing::get};
//! use jwt_axum::{Authenticator, Bearer};
//! use jwt_core::Validation;
//! use jwt_jwks::{Config, JwksClient, Source};
//!
//! #[derive(Clone, serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//! }
//!
//! async fn me(Bearer(claims): Bearer<Claims>) -> String {
//!     claims.sub
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let issuer = "https://idp.example";
//! let keys = JwksClient::<16>::new(Config::new(Source::Issuer(issuer.into())))?;
//! let policy = Validation::new().issuers(&["https://idp.example"]).audiences(&["api"]);
//! let auth = Authenticator::new(keys, policy).realm("api");
//! let app: Router = Router::new().route("/me", get(me)).with_state(auth);
//! # let _ = app; Ok(()) }
//! ```

mod authenticator;
mod bearer;
mod keys;
mod layer;
mod rejection;
mod scopes;

pub use authenticator::Authenticator;
pub use bearer::Bearer;
pub use keys::{KeySource, SingleKey};
pub use layer::{AuthLayer, AuthService};
pub use rejection::AuthRejection;
