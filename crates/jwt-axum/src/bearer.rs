//! The extractor: verified claims as a handler argument.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::authenticator::Authenticator;
use crate::rejection::AuthRejection;

/// Verified claims of type `T`, from `Authorization: Bearer <token>`. Behind an
/// [`AuthLayer`](crate::AuthLayer) for the same `T`, it takes the claims the layer verified;
/// elsewhere it verifies the token itself with the state's [`Authenticator`].
///
/// ```
/// use jwt_axum::Bearer;
///
/// #[derive(Clone, serde::Deserialize)]
/// struct Claims {
///     sub: String,
/// }
///
/// async fn handler(Bearer(claims): Bearer<Claims>) -> String {
///     claims.sub
/// }
/// # let _ = handler;
/// ```
#[derive(Clone, Debug)]
pub struct Bearer<T>(pub T);

impl<S, T> FromRequestParts<S> for Bearer<T>
where
    S: Send + Sync,
    Authenticator: FromRef<S>,
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(verified) = parts.extensions.get::<Bearer<T>>() {
            return Ok(verified.clone());
        }
        Authenticator::from_ref(state)
            .authenticate(&parts.headers, &[])
            .await
            .map(Bearer)
    }
}
