//! The one configuration every guarded route shares: keys, policy, realm, size limit.

use std::sync::Arc;

use axum::http::{HeaderMap, header};
use jwt_core::{Error, Time, Validation, Verified};
use jwt_jwks::VerifyError;
use serde::de::DeserializeOwned;

use crate::keys::KeySource;
use crate::rejection::AuthRejection;
use crate::scopes::Scopes;

/// Keys, policy and the challenge's realm, configured once and cloned cheaply into every
/// request. Use it as (or inside, with `FromRef`) the router's state.
#[derive(Clone)]
pub struct Authenticator {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    keys: Arc<dyn KeySource>,
    policy: Validation<'static>,
    realm: String,
    max_token_len: usize,
}

impl Authenticator {
    /// Verifies with `keys` under `policy`; realm `api`, tokens up to
    /// [`DEFAULT_MAX_TOKEN_LEN`](jwt_core::DEFAULT_MAX_TOKEN_LEN) bytes (see
    /// [`Self::max_token_len`]).
    pub fn new(keys: impl KeySource, policy: Validation<'static>) -> Self {
        let max_token_len = jwt_core::DEFAULT_MAX_TOKEN_LEN;
        Self {
            inner: Arc::new(Inner {
                keys: Arc::new(keys),
                policy,
                realm: "api".into(),
                max_token_len,
            }),
        }
    }

    /// The `realm` of the challenges (RFC 6750 §3).
    #[must_use]
    pub fn realm(self, realm: &str) -> Self {
        self.with(|inner| inner.realm = realm.into())
    }

    /// The longest token accepted, checked before any buffer is allocated.
    #[must_use]
    pub fn max_token_len(self, bytes: usize) -> Self {
        self.with(|inner| inner.max_token_len = bytes)
    }

    fn with(self, edit: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.inner);
        edit(&mut inner);
        Self {
            inner: Arc::new(inner),
        }
    }

    pub(crate) fn realm_text(&self) -> &str {
        &self.inner.realm
    }

    /// Authenticates a request: exactly one `Authorization: Bearer` header, a token within
    /// the size limit, verified now, holding every scope in `required`; returns its claims.
    pub(crate) async fn authenticate<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        required: &[String],
    ) -> Result<T, AuthRejection> {
        let realm = self.realm_text();
        let mut values = headers.get_all(header::AUTHORIZATION).iter();
        let value = match (values.next(), values.next()) {
            (None, _) => return Err(AuthRejection::missing(realm)),
            (Some(value), None) => value,
            (Some(_), Some(_)) => return Err(AuthRejection::two_headers(realm)),
        };
        // RFC 6750 §2.1: the scheme is case-insensitive, then one space and the token.
        let token = match value.to_str().ok().and_then(|t| t.split_once(' ')) {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token,
            _ => return Err(AuthRejection::missing(realm)),
        };
        if token.len() > self.inner.max_token_len {
            return Err(AuthRejection::invalid(realm, Error::TokenTooLarge));
        }
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        let verified: Verified<'_> = self
            .inner
            .keys
            .verify(
                token.as_bytes(),
                &self.inner.policy,
                Time::now(),
                &mut scratch,
            )
            .await
            .map_err(|e| match e {
                VerifyError::Token(e) => AuthRejection::invalid(realm, e),
                VerifyError::KeysUnavailable(_) => AuthRejection::unavailable(realm),
            })?;
        if !required.is_empty() {
            let granted: Scopes = verified
                .deserialize_claims()
                .map_err(|e| AuthRejection::invalid(realm, e))?;
            if !required.iter().all(|s| granted.contains(s)) {
                return Err(AuthRejection::insufficient_scope(realm, required));
            }
        }
        verified
            .deserialize_claims()
            .map_err(|e| AuthRejection::invalid(realm, e))
    }
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("realm", &self.inner.realm)
            .field("max_token_len", &self.inner.max_token_len)
            .finish_non_exhaustive()
    }
}
