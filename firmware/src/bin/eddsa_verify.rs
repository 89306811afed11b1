//! EdDSA (Ed25519) verify + validate.
#![no_std]
#![no_main]

use jwt_core::Ed25519VerifyingKey;
use jwt_firmware::{images, tokens};

#[cortex_m_rt::entry]
fn main() -> ! {
    images::verify_image(
        "eddsa-verify",
        Ed25519VerifyingKey::from_bytes(&tokens::ED25519_PUBLIC),
        &tokens::EDDSA_VALID,
        &tokens::EDDSA_TAMPERED,
    )
}
