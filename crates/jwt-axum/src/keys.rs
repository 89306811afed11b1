//! Where an [`Authenticator`](crate::Authenticator) takes its keys from.

use std::future::Future;
use std::pin::Pin;

use jwt_core::{Error, KeySet, Time, Validation, Verified, VerifyingKey};
use jwt_jwks::{JwksClient, VerifyError};

/// A future a key source returns, boxed so that sources can be chosen at run time.
pub type VerifyFuture<'b> =
    Pin<Box<dyn Future<Output = Result<Verified<'b>, VerifyError>> + Send + 'b>>;

/// Something that verifies a token: one key, a key set, a JWKS client. The verification
/// itself is always the library's.
pub trait KeySource: Send + Sync + 'static {
    /// Verifies `token` under `policy` at `time`, using `scratch`.
    fn verify<'b>(
        &'b self,
        token: &'b [u8],
        policy: &'b Validation<'static>,
        time: Time,
        scratch: &'b mut [u8],
    ) -> VerifyFuture<'b>;
}

/// One verification key, of any algorithm.
#[derive(Debug)]
pub struct SingleKey<K>(pub K);

impl<K: VerifyingKey + Send + Sync + 'static> KeySource for SingleKey<K> {
    fn verify<'b>(
        &'b self,
        token: &'b [u8],
        policy: &'b Validation<'static>,
        time: Time,
        scratch: &'b mut [u8],
    ) -> VerifyFuture<'b> {
        ready(jwt_core::verify(token, &self.0, policy, time, scratch))
    }
}

impl<const N: usize> KeySource for KeySet<N> {
    fn verify<'b>(
        &'b self,
        token: &'b [u8],
        policy: &'b Validation<'static>,
        time: Time,
        scratch: &'b mut [u8],
    ) -> VerifyFuture<'b> {
        ready(KeySet::verify(self, token, policy, time, scratch))
    }
}

impl<const N: usize> KeySource for JwksClient<N> {
    fn verify<'b>(
        &'b self,
        token: &'b [u8],
        policy: &'b Validation<'static>,
        time: Time,
        scratch: &'b mut [u8],
    ) -> VerifyFuture<'b> {
        Box::pin(JwksClient::verify(self, token, policy, time, scratch))
    }
}

/// The future of a verification that has already run.
fn ready(result: Result<Verified<'_>, Error>) -> VerifyFuture<'_> {
    Box::pin(async move { result.map_err(VerifyError::Token) })
}
