//! HS256 sign with `sign`, which scans the serialized claims as verification would before
//! signing them: the exact expected token.
#![no_std]
#![no_main]

use jwt_core::Hs256Key;
use jwt_firmware::{images, tokens};

#[cortex_m_rt::entry]
fn main() -> ! {
    images::sign_image(
        "hs256-sign-checked",
        Hs256Key::new(tokens::HS256_SECRET),
        images::sign_checked,
        &tokens::HS256_VALID,
    )
}
