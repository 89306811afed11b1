//! A JWKS client for services: an identity provider's rotating keys, fetched over `https`,
//! cached, refreshed, and used through `jwt-core`'s [`KeySet`](jwt_core::KeySet), which does
//! all the key choice and verification.
//!
//! - From an issuer by OpenID Connect discovery ([`Source::Issuer`]; the document's `issuer`
//!   must equal it) or from a JWKS URL ([`Source::JwksUrl`]).
//! - Keys are kept for the response's `Cache-Control: max-age`, clamped to the configured
//!   bounds. After that a background refresh runs while known `kid`s keep verifying.
//! - An unknown `kid` causes one refresh, at most one per configured interval, shared by all
//!   the requests waiting for it.
//! - When fetches fail, the last good keys are served up to the maximum staleness; then
//!   verification fails closed ([`VerifyError::KeysUnavailable`]). An empty set is never
//!   served.
//! - Bounded: response size, key count (the set's capacity `N`), timeouts, redirects;
//!   `https` only unless [`Transport::AlsoLoopbackHttp`]. A token's `jku`/`x5u` are never
//!   fetched.

mod client;
mod config;
mod error;
mod fetch;
mod metrics;

pub use client::JwksClient;
pub use config::{Config, Source, Transport};
pub use error::{FetchError, KeysUnavailable, VerifyError};
pub use metrics::Metrics;
