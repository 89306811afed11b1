//! The harness the firmware images share: checks with exact expected outcomes, output over
//! semihosting without `core::fmt` (so the images show whether jwt-core links it), and the
//! measurements: peak stack by painting, instructions by SysTick under QEMU's `-icount`.
//!
//! Everything here is test equipment; the code under test is jwt-core's public API, called
//! from the images in `src/bin/`.
#![no_std]

pub mod images;
pub mod measure;
pub mod out;
pub mod tokens;

use jwt_core::Error;

/// Runs and reports the checks of one image.
#[derive(Debug)]
pub struct Checks {
    image: &'static str,
    passed: u32,
    failed: u32,
}

impl Checks {
    /// Starts the checks of `image`.
    #[must_use]
    pub fn new(image: &'static str) -> Self {
        out::write(&["image ", image, "\n"]);
        Self {
            image,
            passed: 0,
            failed: 0,
        }
    }

    /// Records one check: `got` must be exactly `want`.
    pub fn expect(&mut self, what: &str, got: Result<(), Error>, want: Result<(), Error>) {
        if got == want {
            self.passed = self.passed.saturating_add(1);
            out::write(&["ok   ", what, ": ", code(got), "\n"]);
        } else {
            self.failed = self.failed.saturating_add(1);
            out::write(&[
                "FAIL ",
                what,
                ": got ",
                code(got),
                ", want ",
                code(want),
                "\n",
            ]);
        }
    }

    /// Reports the measurement and the verdict, and ends the program: exit status 0 only when
    /// every check passed.
    pub fn finish(self, m: &measure::Measurement) -> ! {
        let mut a = out::Number::new();
        let mut b = out::Number::new();
        let mut c = out::Number::new();
        let mut d = out::Number::new();
        out::write(&[
            "RESULT image=",
            self.image,
            " passed=",
            a.format(u64::from(self.passed)),
            " failed=",
            b.format(u64::from(self.failed)),
            " stack=",
            c.format(m.stack_bytes),
            " instructions=",
            d.format(m.instructions),
            "\n",
        ]);
        out::exit(self.failed == 0 && self.passed > 0)
    }
}

fn code(r: Result<(), Error>) -> &'static str {
    match r {
        Ok(()) => "ok",
        Err(e) => e.code(),
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    out::write(&["PANIC\n"]);
    out::exit(false)
}
