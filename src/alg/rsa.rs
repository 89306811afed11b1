//! RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS), RFC 7518 §3.3 and §3.5,
//! over the `rsa` crate. Needs the `alloc` feature: its big integers live on the heap.
//!
//! Public keys must have a modulus of at least 2048 bits (RFC 7518 §3.3) and at most 8192.
//! Signatures must be exactly as long as the modulus. PSS uses a salt as long as the hash
//! (RFC 7518 §3.5) and MGF1 with the same hash.
//!
//! **Signing:** the `rsa` crate's private-key operations are affected by the Marvin timing
//! attack (RUSTSEC-2023-0071): an attacker who can time many decryptions or signatures on the
//! same key may recover it. Verification uses only the public key and is not affected. Sign
//! RSA tokens only where signing times cannot be observed at scale, or prefer ES256/EdDSA.

extern crate alloc;

use core::fmt;

use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, PrivateKey, PublicKey};
use sha2::{Sha256, Sha384, Sha512};
use signature::rand_core::TryCryptoRng;
use signature::{RandomizedSigner, Signer, Verifier};

use super::{SigningKey, VerifyingKey};
use crate::error::Error;

/// The smallest modulus accepted, in bits (RFC 7518 §3.3).
pub const MIN_RSA_BITS: usize = 2048;
/// The largest modulus accepted, in bits.
pub const MAX_RSA_BITS: usize = 8192;

/// The six RSA signature algorithms: what an `RSA` JWK that does not name its own `alg` is used
/// for, when the caller says so (see
/// [`KeySet::rsa_keys_without_alg_as`](crate::KeySet::rsa_keys_without_alg_as)). The algorithm
/// is never guessed from a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsaAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// RSASSA-PSS with SHA-384.
    Ps384,
    /// RSASSA-PSS with SHA-512.
    Ps512,
}

impl RsaAlgorithm {
    /// The JWS `alg` value (RFC 7518 §3.1).
    ///
    /// ```
    /// assert_eq!(jwt_core::RsaAlgorithm::Ps256.name(), "PS256");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
            Self::Ps256 => "PS256",
            Self::Ps384 => "PS384",
            Self::Ps512 => "PS512",
        }
    }
}

/// An RSA public key of at least [`MIN_RSA_BITS`], shared by the RSA verifying key types.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublic {
    key: PublicKey,
}

impl RsaPublic {
    /// Reads a DER `SubjectPublicKeyInfo` (RFC 3279) or PKCS#1 `RSAPublicKey`.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is neither, or the modulus is out of range.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        let key = PublicKey::from_public_key_der(der)
            .or_else(|_| <PublicKey as rsa::pkcs1::DecodeRsaPublicKey>::from_pkcs1_der(der))
            .map_err(|_| Error::InvalidKey)?;
        Self::checked(key)
    }

    /// Reads `n` and `e` (big-endian).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for a modulus out of range or an invalid exponent.
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = BoxedUint::from_be_slice_vartime(n);
        let e = BoxedUint::from_be_slice_vartime(e);
        PublicKey::new_with_size_limits(n, e, MIN_RSA_BITS..=MAX_RSA_BITS)
            .map_err(|_| Error::InvalidKey)
            .and_then(Self::checked)
    }

    /// The key, if its modulus size is within bounds and its public exponent is odd and at
    /// least 3 (an even exponent has no inverse; 1 makes the signature the message).
    fn checked(key: PublicKey) -> Result<Self, Error> {
        let bits = key.n().bit_width_vartime();
        let bits = usize::try_from(bits).map_err(|_| Error::InvalidKey)?;
        let e = key.e();
        let odd = e
            .to_be_bytes_trimmed_vartime()
            .last()
            .is_some_and(|b| b & 1 == 1);
        let exponent_ok = odd && e.bit_width_vartime() >= 2;
        if (MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) && exponent_ok {
            Ok(Self { key })
        } else {
            Err(Error::InvalidKey)
        }
    }

    /// The modulus length in bytes: the length of every signature.
    #[must_use]
    pub fn size(&self) -> usize {
        self.key.size()
    }

    /// The modulus and the public exponent, big-endian without leading zeros.
    pub(crate) fn components(&self) -> (alloc::vec::Vec<u8>, alloc::vec::Vec<u8>) {
        (
            self.key.n().to_be_bytes_trimmed_vartime().into_vec(),
            self.key.e().to_be_bytes_trimmed_vartime().into_vec(),
        )
    }

    /// The modulus length in bits.
    pub(crate) fn bits(&self) -> u32 {
        self.key.n().bit_width_vartime()
    }
}

/// The two primes and the CRT values of an RSA private key, big-endian.
#[derive(Clone, Copy)]
pub struct RsaCrtComponents<'a> {
    /// The first prime factor.
    pub p: &'a [u8],
    /// The second prime factor.
    pub q: &'a [u8],
    /// `d mod (p - 1)`.
    pub dp: &'a [u8],
    /// `d mod (q - 1)`.
    pub dq: &'a [u8],
    /// `q⁻¹ mod p`.
    pub qi: &'a [u8],
}

impl fmt::Debug for RsaCrtComponents<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaCrtComponents { .. }")
    }
}

/// `bytes` without leading zeros.
fn trimmed(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    bytes.get(zeros..).unwrap_or(&[])
}

/// An RSA private key (PKCS#8 or PKCS#1), wiped on drop by the `rsa` crate, never printed.
#[derive(Clone)]
pub struct RsaPrivate {
    key: PrivateKey,
}

impl RsaPrivate {
    /// Reads a DER PKCS#8 `PrivateKeyInfo` or PKCS#1 `RSAPrivateKey`.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when it is neither, or the modulus is out of range.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let key = PrivateKey::from_pkcs8_der(der)
            .or_else(|_| PrivateKey::from_pkcs1_der(der))
            .map_err(|_| Error::InvalidKey)?;
        RsaPublic::checked(key.to_public_key())?;
        Ok(Self { key })
    }

    /// Builds a key from its big-endian components (an RSA private JWK's members, RFC 7518
    /// §6.3.2): `n`, `e`, `d`, and either nothing more (the primes are then recovered from
    /// them) or all of `p`, `q`, `dp`, `dq` and `qi`, which must agree with `n`, `e` and `d`.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the components are not one consistent RSA key, or the
    /// modulus is out of range.
    pub fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        crt: Option<RsaCrtComponents<'_>>,
    ) -> Result<Self, Error> {
        let uint = BoxedUint::from_be_slice_vartime;
        let primes = crt.map_or_else(alloc::vec::Vec::new, |c| alloc::vec![uint(c.p), uint(c.q)]);
        let key = PrivateKey::from_components(uint(n), uint(e), uint(d), primes)
            .map_err(|_| Error::InvalidKey)?;
        RsaPublic::checked(key.to_public_key())?;
        if let Some(c) = crt {
            // The rsa crate derives the CRT values itself; given ones that differ mean the
            // JWK is not one key, and signing with it would be signing with something else.
            let same = |given: &[u8], derived: Option<BoxedUint>| {
                derived.is_some_and(|d| trimmed(given) == &*d.to_be_bytes_trimmed_vartime())
            };
            let consistent = same(c.dp, key.dp().cloned())
                && same(c.dq, key.dq().cloned())
                && same(c.qi, key.crt_coefficient());
            if !consistent {
                return Err(Error::InvalidKey);
            }
        }
        Ok(Self { key })
    }

    /// The matching public key.
    #[must_use]
    pub fn public(&self) -> RsaPublic {
        RsaPublic {
            key: self.key.to_public_key(),
        }
    }
}

impl fmt::Debug for RsaPrivate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaPrivate { .. }")
    }
}

macro_rules! rsa_algorithm {
    ($vk:ident, $sk:ident, $alg:literal, $hash:ty, $scheme:ident, $doc:literal) => {
        #[doc = concat!("A public key that verifies `", $alg, "` (", $doc, ") signatures.")]
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $vk {
            public: RsaPublic,
        }

        impl $vk {
            /// Wraps an RSA public key for this algorithm.
            #[must_use]
            pub fn new(public: RsaPublic) -> Self {
                Self { public }
            }

            /// The public key.
            #[must_use]
            pub fn public(&self) -> &RsaPublic {
                &self.public
            }
        }

        impl VerifyingKey for $vk {
            const ALG: &'static str = $alg;

            fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
                // Exactly as long as the modulus: no leading zero added or stripped.
                if signature.len() != self.public.size() {
                    return Err(Error::InvalidSignature);
                }
                let sig = rsa::$scheme::Signature::try_from(signature).map_err(|_| Error::InvalidSignature)?;
                rsa_verifier!($scheme, $hash, self.public.key.clone())
                    .verify(signing_input, &sig)
                    .map_err(|_| Error::InvalidSignature)
            }
        }

        #[doc = concat!("A private key that signs `", $alg, "` tokens. See the module docs on RUSTSEC-2023-0071.")]
        #[derive(Clone, Debug)]
        pub struct $sk {
            private: RsaPrivate,
        }

        impl $sk {
            /// Wraps an RSA private key for this algorithm.
            #[must_use]
            pub fn new(private: RsaPrivate) -> Self {
                Self { private }
            }

            /// The matching verifying key.
            #[must_use]
            pub fn verifying_key(&self) -> $vk {
                $vk::new(self.private.public())
            }
        }

        impl super::opaque::RandomizedSigningKey for $sk {
            const ALG: &'static str = $alg;

            fn signature_len(&self) -> usize {
                self.private.key.size()
            }

            fn sign_with_rng<R: TryCryptoRng + ?Sized>(&self, rng: &mut R, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
                let len = self.private.key.size();
                let out = out.get_mut(..len).ok_or(Error::BufferTooSmall)?;
                let signer = rsa::$scheme::SigningKey::<$hash>::new(self.private.key.clone());
                let sig: rsa::$scheme::Signature =
                    RandomizedSigner::try_sign_with_rng(&signer, rng, signing_input).map_err(|_| Error::SignerFault)?;
                let bytes: alloc::boxed::Box<[u8]> = sig.into();
                out.copy_from_slice(bytes.get(..len).ok_or(Error::SignerFault)?);
                Ok(())
            }
        }
    };
}

macro_rules! rsa_verifier {
    (pkcs1v15, $hash:ty, $key:expr) => {
        rsa::pkcs1v15::VerifyingKey::<$hash>::new($key)
    };
    (pss, $hash:ty, $key:expr) => {
        // Salt as long as the hash (RFC 7518 §3.5), never guessed from the signature.
        rsa::pss::VerifyingKey::<$hash>::new($key)
    };
}

rsa_algorithm!(
    Rs256VerifyingKey,
    Rs256SigningKey,
    "RS256",
    Sha256,
    pkcs1v15,
    "RSASSA-PKCS1-v1_5 with SHA-256"
);
rsa_algorithm!(
    Rs384VerifyingKey,
    Rs384SigningKey,
    "RS384",
    Sha384,
    pkcs1v15,
    "RSASSA-PKCS1-v1_5 with SHA-384"
);
rsa_algorithm!(
    Rs512VerifyingKey,
    Rs512SigningKey,
    "RS512",
    Sha512,
    pkcs1v15,
    "RSASSA-PKCS1-v1_5 with SHA-512"
);
rsa_algorithm!(
    Ps256VerifyingKey,
    Ps256SigningKey,
    "PS256",
    Sha256,
    pss,
    "RSASSA-PSS with SHA-256"
);
rsa_algorithm!(
    Ps384VerifyingKey,
    Ps384SigningKey,
    "PS384",
    Sha384,
    pss,
    "RSASSA-PSS with SHA-384"
);
rsa_algorithm!(
    Ps512VerifyingKey,
    Ps512SigningKey,
    "PS512",
    Sha512,
    pss,
    "RSASSA-PSS with SHA-512"
);

/// PKCS#1 v1.5 signatures are deterministic, so RS* keys sign without an RNG. PSS needs fresh
/// salt for every signature, so PS* keys sign only through [`WithRng`](crate::WithRng).
macro_rules! deterministic {
    ($sk:ident, $alg:literal, $hash:ty) => {
        impl SigningKey for $sk {
            const ALG: &'static str = $alg;

            fn signature_len(&self) -> usize {
                self.private.key.size()
            }

            fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
                let len = self.private.key.size();
                let out = out.get_mut(..len).ok_or(Error::BufferTooSmall)?;
                let signer = rsa::pkcs1v15::SigningKey::<$hash>::new(self.private.key.clone());
                let sig = signer
                    .try_sign(signing_input)
                    .map_err(|_| Error::SignerFault)?;
                let bytes: alloc::boxed::Box<[u8]> = sig.into();
                out.copy_from_slice(bytes.get(..len).ok_or(Error::SignerFault)?);
                Ok(())
            }
        }
    };
}

deterministic!(Rs256SigningKey, "RS256", Sha256);
deterministic!(Rs384SigningKey, "RS384", Sha384);
deterministic!(Rs512SigningKey, "RS512", Sha512);
