//! HS256 sign of a fixed claims struct with `sign_unchecked` (the serialized claims are not
//! scanned again; `hs256-sign-checked` does that): the exact expected token.
#![no_std]
#![no_main]

use jwt_core::Hs256Key;
use jwt_firmware::{images, tokens};

#[cortex_m_rt::entry]
fn main() -> ! {
    images::sign_image(
        "hs256-sign",
        Hs256Key::new(tokens::HS256_SECRET),
        images::sign_unchecked,
        &tokens::HS256_VALID,
    )
}
