//! A deliberately wrong image: it expects a tampered token to verify. It must exit non-zero,
//! which proves a failed check reaches the exit status.
#![no_std]
#![no_main]

use jwt_core::{Hs256Key, Time, Validation};
use jwt_firmware::tokens::{self, NOW};
use jwt_firmware::{Checks, measure};

#[cortex_m_rt::entry]
fn main() -> ! {
    let mut checks = Checks::new("wrong");
    let Ok(key) = Hs256Key::new(tokens::HS256_SECRET) else {
        jwt_firmware::out::exit(false)
    };
    let (result, m) = measure::run(|| {
        let mut scratch = [0u8; 256];
        jwt_core::verify(
            &tokens::HS256_TAMPERED_PAYLOAD,
            &key,
            &Validation::new(),
            Time::At(NOW),
            &mut scratch,
        )
        .map(|_| ())
    });
    checks.expect("a tampered token verifies (it must not)", result, Ok(()));
    checks.finish(&m)
}
