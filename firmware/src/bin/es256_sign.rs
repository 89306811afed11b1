//! ES256 sign (deterministic nonces, RFC 6979): the exact expected token.
#![no_std]
#![no_main]

use jwt_core::Es256SigningKey;
use jwt_firmware::{images, tokens};

#[cortex_m_rt::entry]
fn main() -> ! {
    images::sign_image(
        "es256-sign",
        Es256SigningKey::from_bytes(&tokens::ES256_SCALAR),
        images::sign_unchecked,
        &tokens::ES256_VALID,
    )
}
