//! ES256 verify + validate (p256, no precomputed tables).
#![no_std]
#![no_main]

use jwt_core::Es256VerifyingKey;
use jwt_firmware::{images, tokens};

#[cortex_m_rt::entry]
fn main() -> ! {
    images::verify_image(
        "es256-verify",
        Es256VerifyingKey::from_sec1_bytes(&tokens::ES256_PUBLIC),
        &tokens::ES256_VALID,
        &tokens::ES256_TAMPERED,
    )
}
