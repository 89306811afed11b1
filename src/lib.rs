#![no_std]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The verify path, in its order (one comment a step keeps rustfmt from sorting them):
// split and bound the token,
mod untrusted;
// decode base64url,
mod b64;
// read JSON strictly,
mod json;
// bind the header's `alg` to the key,
mod header;
// check the signature over the received bytes,
mod alg;
// read the registered claims and their NumericDates,
mod claims;
mod numeric_date;
// apply the policy,
mod policy;
// in this one order.
mod verify;

// Ground floor: the error table, every bound, and byte searches, which all layers share.
mod bytes;
mod error;
mod limits;

// Key formats that build the algorithms' key types, and the key set that chooses among them.
mod jwk;
mod keyset;
#[cfg(feature = "asymmetric")]
mod pem;

// Signing: the verify path's layers in reverse.
mod sign;

// After a verification: replay and freshness on devices.
mod freshness;
mod replay;

// std conveniences: the caller reading the clock, and owned one-liners.
#[cfg(feature = "std")]
mod clock;
#[cfg(feature = "std")]
mod owned;

#[cfg(feature = "eddsa")]
pub use alg::{Ed25519SigningKey, Ed25519VerifyingKey};
#[cfg(feature = "es256")]
pub use alg::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "es384")]
pub use alg::{Es384SigningKey, Es384VerifyingKey};
#[cfg(feature = "es512")]
pub use alg::{Es512SigningKey, Es512VerifyingKey};
pub use alg::{Hs256Key, Hs384Key, Hs512Key, OpaqueSigner, SigningKey, VerifyingKey};
#[cfg(feature = "rsa")]
pub use alg::{
    MAX_RSA_BITS, MIN_RSA_BITS, Ps256SigningKey, Ps256VerifyingKey, Ps384SigningKey,
    Ps384VerifyingKey, Ps512SigningKey, Ps512VerifyingKey, Rs256SigningKey, Rs256VerifyingKey,
    Rs384SigningKey, Rs384VerifyingKey, Rs512SigningKey, Rs512VerifyingKey, RsaAlgorithm,
    RsaCrtComponents, RsaPrivate, RsaPublic,
};
#[cfg(any(
    feature = "es256",
    feature = "es384",
    feature = "es512",
    feature = "rsa"
))]
pub use alg::{RandomizedSigningKey, WithRng};
pub use claims::{Audience, RegisteredClaims, check_claims_json};
pub use error::{Error, ErrorClass};
pub use freshness::{TimeClaims, TimeFloor};
pub use header::Header;
pub use json::{JsonKind, JsonStr, JsonValue};
pub use jwk::{jwk_algorithm, jwk_is_private, jwk_thumbprint, thumbprint_base64url};
pub use keyset::{
    JwksError, JwksOverflow, JwksSummary, KeySet, MAX_KID_LEN, SetKey, SkipReason, SkippedJwk,
};
pub use limits::{
    DEFAULT_MAX_DEPTH, DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN, Limits, MAX_DEPTH,
    MAX_OPEN_MEMBERS, MAX_TOKEN_LEN,
};
pub use numeric_date::{MAX_NUMERIC_DATE, NumericDate};
#[cfg(feature = "std")]
pub use owned::{OwnedHeader, sign_to_string, verify_owned};
pub use policy::{Required, Time, Validation};
pub use replay::{JtiStore, ReplayGuard, verify_once};
pub use sign::{
    SignHeader, sign, sign_json, sign_unchecked, signed_json_len, signed_len, token_len,
};
pub use untrusted::{UnverifiedHeader, scratch_len, scratch_len_for};
pub use verify::{Verified, VerifiedJws, verify, verify_into, verify_jws};

/// Unescaped characters of a [`JsonStr`].
pub use json::Chars;
