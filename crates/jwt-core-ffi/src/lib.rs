//! The C API of jwt-core: verify and sign JSON Web Tokens from C firmware with no heap.
//!
//! Every object lives in storage the caller declares (a key, a verified token, a replay guard
//! are fixed-size arrays of `uint64_t` in `include/jwt_core.h`); every function returns a
//! [`jwt_status`]; nothing is allocated and nothing is global, so every function is reentrant.
//! The rules are the core's: this crate only turns C arguments into Rust values and back, and
//! is the one crate of the workspace that contains `unsafe` (each block says why it is sound).
//!
//! On a hosted target the library links Rust's `std` for its panic runtime only (the core
//! never panics); a bare-metal image enables the `panic-handler` feature instead.
#![no_std]
#![allow(non_camel_case_types, reason = "C names in the generated header")]

#[cfg(not(target_os = "none"))]
extern crate std;

mod args;
mod claims;
mod key;
#[cfg(all(feature = "panic-handler", target_os = "none"))]
mod panic;
mod policy;
mod replay;
mod sign;
mod signer;
mod slot;
mod status;
mod text;
mod verify;

pub use args::jwt_str;
pub use claims::{
    jwt_verified_algorithm, jwt_verified_claim_bool, jwt_verified_claim_int,
    jwt_verified_claim_json, jwt_verified_claim_str, jwt_verified_claim_str_copy, jwt_verified_exp,
    jwt_verified_has_audience, jwt_verified_iat, jwt_verified_kid, jwt_verified_nbf,
    jwt_verified_typ,
};
pub use key::{
    JWT_KEY_WORDS, jwt_key, jwt_key_clear, jwt_key_ed25519_private, jwt_key_ed25519_public,
    jwt_key_ed25519_public_jwk, jwt_key_es256_private, jwt_key_es256_public,
    jwt_key_es256_public_jwk, jwt_key_hs256, jwt_key_hs384, jwt_key_hs512, jwt_key_public,
};
pub use policy::{
    JWT_CLAIM_AUD, JWT_CLAIM_EXP, JWT_CLAIM_IAT, JWT_CLAIM_ISS, JWT_CLAIM_JTI, JWT_CLAIM_NBF,
    JWT_CLAIM_SUB, JWT_MAX_POLICY_NAMES, JWT_NO_MAX_AGE, JWT_TIME_AT,
    JWT_TIME_DANGEROUSLY_SKIP_CHECKS, JWT_TIME_WITHIN, jwt_policy, jwt_policy_default, jwt_time,
    jwt_time_at, jwt_time_dangerously_skip_checks, jwt_time_within,
};
pub use replay::{
    JWT_REPLAY_CAPACITY, JWT_REPLAY_GUARD_WORDS, jwt_replay_guard, jwt_replay_guard_clear,
    jwt_replay_guard_init, jwt_replay_guard_revoke,
};
pub use sign::{
    JWT_HEADER_OMIT_TYP, jwt_sign, jwt_sign_header, jwt_sign_header_default, jwt_signed_len,
};
pub use signer::{jwt_sign_opaque, jwt_signer, jwt_signer_fn};
pub use status::jwt_status;
pub use text::{jwt_error_code, jwt_error_message};
pub use verify::{JWT_VERIFIED_WORDS, jwt_scratch_len, jwt_verified, jwt_verify, jwt_verify_once};
