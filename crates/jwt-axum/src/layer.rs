//! A tower layer that guards a group of routes, optionally requiring scopes.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use tower::{Layer, Service};

use crate::authenticator::Authenticator;
use crate::bearer::Bearer;

/// Lets through only requests with a valid token holding the required scopes, and hands the
/// verified claims `T` to [`Bearer<T>`] extractors behind it.
///
/// ```
/// use axum::{Router, routing::get};
/// use jwt_axum::{AuthLayer, Authenticator, SingleKey};
/// use jwt_core::{Hs256Key, Validation};
///
/// #[derive(Clone, serde::Deserialize)]
/// struct Claims {
///     sub: String,
/// }
///
/// let key = Hs256Key::new(b"0123456789abcdef0123456789abcdef")?;
/// let auth = Authenticator::new(SingleKey(key), Validation::new());
/// let admin: Router = Router::new()
///     .route("/admin/users", get(|| async { "users" }))
///     .layer(AuthLayer::<Claims>::new(auth).require_scopes(&["admin"]));
/// # let _ = admin;
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub struct AuthLayer<T> {
    auth: Authenticator,
    scopes: Vec<String>,
    claims: PhantomData<fn() -> T>,
}

impl<T> AuthLayer<T> {
    /// Guards with `auth`, no scope required.
    #[must_use]
    pub fn new(auth: Authenticator) -> Self {
        Self {
            auth,
            scopes: Vec::new(),
            claims: PhantomData,
        }
    }

    /// Requires every one of `scopes` (`scope` or `scp` claims); otherwise `403`.
    #[must_use]
    pub fn require_scopes(mut self, scopes: &[&str]) -> Self {
        self.scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        self
    }
}

impl<T> Clone for AuthLayer<T> {
    fn clone(&self) -> Self {
        Self {
            auth: self.auth.clone(),
            scopes: self.scopes.clone(),
            claims: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for AuthLayer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthLayer")
            .field("auth", &self.auth)
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl<S, T> Layer<S> for AuthLayer<T> {
    type Service = AuthService<S, T>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`AuthLayer`] wraps around a route.
pub struct AuthService<S, T> {
    inner: S,
    layer: AuthLayer<T>,
}

impl<S: Clone, T> Clone for AuthService<S, T> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            layer: self.layer.clone(),
        }
    }
}

impl<S, T> std::fmt::Debug for AuthService<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthService")
            .field("layer", &self.layer)
            .finish_non_exhaustive()
    }
}

impl<S, T> Service<Request> for AuthService<S, T>
where
    S: Service<Request, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        // The clone that was polled ready serves this request (tower's usual swap).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let layer = self.layer.clone();
        Box::pin(async move {
            match layer
                .auth
                .authenticate::<T>(request.headers(), &layer.scopes)
                .await
            {
                Ok(claims) => {
                    request.extensions_mut().insert(Bearer(claims));
                    inner.call(request).await
                }
                Err(rejection) => Ok(rejection.into_response()),
            }
        })
    }
}
