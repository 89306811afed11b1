//! EdDSA (Ed25519) sign: the exact expected token.
#![no_std]
#![no_main]

use jwt_core::Ed25519SigningKey;
use jwt_firmware::{images, tokens};

#[cortex_m_rt::entry]
fn main() -> ! {
    images::sign_image(
        "eddsa-sign",
        Ed25519SigningKey::from_bytes(&tokens::ED25519_SEED),
        images::sign_unchecked,
        &tokens::EDDSA_VALID,
    )
}
