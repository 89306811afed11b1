//! Signers that are not keys in memory: a secure element, a PSA key slot, a modem, or a key
//! with a caller-supplied RNG.

use super::{SigningKey, VerifyingKey};
use crate::error::Error;

/// A signer whose signatures are checked with the matching public key before a token leaves
/// the device.
///
/// Wrap a hardware or remote signer in this (the check is on by default): an all-zero, DER
/// encoded or otherwise wrong signature from a faulty backend becomes [`Error::SignerFault`]
/// here instead of a rejection at the cloud. The check costs one verification per token.
///
/// ```
/// # #[cfg(feature = "es256")] {
/// use jwt_core::{Es256SigningKey, OpaqueSigner, SignHeader};
///
/// // Stands in for a secure element: anything implementing `SigningKey` works.
/// let backend = Es256SigningKey::from_bytes(&[7u8; 32])?;
/// let public = backend.verifying_key();
/// let signer = OpaqueSigner::new(backend, public)?;
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign_json(&signer, &SignHeader::new(), br#"{"sub":"dev-1"}"#, &mut out)?;
/// # let _ = token; }
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct OpaqueSigner<S, V> {
    backend: S,
    public: V,
    self_check: bool,
}

impl<S: SigningKey, V: VerifyingKey> OpaqueSigner<S, V> {
    /// Wraps `backend`, whose public key is `public`, with the self-check on.
    ///
    /// # Errors
    /// [`Error::AlgorithmMismatch`] when the two are for different algorithms.
    pub fn new(backend: S, public: V) -> Result<Self, Error> {
        if S::ALG == V::ALG {
            Ok(Self {
                backend,
                public,
                self_check: true,
            })
        } else {
            Err(Error::AlgorithmMismatch)
        }
    }

    /// Turns the self-check off, for a backend whose output is verified some other way.
    #[must_use]
    pub fn without_self_check(mut self) -> Self {
        self.self_check = false;
        self
    }

    /// The backend.
    pub fn backend(&self) -> &S {
        &self.backend
    }
}

impl<S: SigningKey, V: VerifyingKey> SigningKey for OpaqueSigner<S, V> {
    const ALG: &'static str = S::ALG;

    fn signature_len(&self) -> usize {
        self.backend.signature_len()
    }

    fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
        let len = self.backend.signature_len();
        self.backend.sign_into(signing_input, out)?;
        if self.self_check {
            let produced = out.get(..len).ok_or(Error::BufferTooSmall)?;
            self.public
                .verify_signature(signing_input, produced)
                .map_err(|_| Error::SignerFault)?;
        }
        Ok(())
    }
}

#[cfg(any(
    feature = "es256",
    feature = "es384",
    feature = "es512",
    feature = "rsa"
))]
pub use randomized::{RandomizedSigningKey, WithRng};

#[cfg(any(
    feature = "es256",
    feature = "es384",
    feature = "es512",
    feature = "rsa"
))]
mod randomized {
    use core::cell::RefCell;

    use signature::rand_core::TryCryptoRng;

    use super::SigningKey;
    use crate::error::Error;

    /// A key that signs with fresh randomness: ECDSA with `k` from an RNG instead of
    /// RFC 6979, or RSASSA-PSS, whose salt must be random.
    pub trait RandomizedSigningKey {
        /// The JWS `alg` value written into the header.
        const ALG: &'static str;

        /// The exact length of every signature, in bytes.
        fn signature_len(&self) -> usize;

        /// Signs with randomness from `rng`.
        ///
        /// # Errors
        /// [`Error::BufferTooSmall`] or [`Error::SignerFault`].
        fn sign_with_rng<R: TryCryptoRng + ?Sized>(
            &self,
            rng: &mut R,
            signing_input: &[u8],
            out: &mut [u8],
        ) -> Result<(), Error>;
    }

    /// A key that signs with randomness from an RNG you supply.
    ///
    /// ECDSA is deterministic (RFC 6979) by default; some certification regimes require
    /// randomized signatures instead. RSASSA-PSS (PS256) always needs one.
    #[derive(Debug)]
    pub struct WithRng<'k, K, R> {
        key: &'k K,
        rng: RefCell<R>,
    }

    impl<'k, K: RandomizedSigningKey, R: TryCryptoRng> WithRng<'k, K, R> {
        /// Signs with `key`, drawing from `rng`.
        pub fn new(key: &'k K, rng: R) -> Self {
            Self {
                key,
                rng: RefCell::new(rng),
            }
        }
    }

    impl<K: RandomizedSigningKey, R: TryCryptoRng> SigningKey for WithRng<'_, K, R> {
        const ALG: &'static str = K::ALG;

        fn signature_len(&self) -> usize {
            self.key.signature_len()
        }

        fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
            let mut rng = self.rng.try_borrow_mut().map_err(|_| Error::SignerFault)?;
            self.key.sign_with_rng(&mut *rng, signing_input, out)
        }
    }
}
