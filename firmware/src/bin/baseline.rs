//! The harness alone, with an operation that does nothing: the image every other image's flash
//! and stack are measured against.
#![no_std]
#![no_main]

use jwt_firmware::{Checks, measure};

#[cortex_m_rt::entry]
fn main() -> ! {
    let mut checks = Checks::new("baseline");
    let (result, m) = measure::run(|| core::hint::black_box(Ok(())));
    checks.expect("the harness runs", result, Ok(()));
    checks.finish(&m)
}
