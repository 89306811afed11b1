//! Output and exit over semihosting, with numbers formatted by hand: no `core::fmt`.

use cortex_m_semihosting::{debug, hio};

/// Writes `parts` to the host's standard output.
pub fn write(parts: &[&str]) {
    if let Ok(mut stdout) = hio::hstdout() {
        for part in parts {
            let _ = stdout.write_all(part.as_bytes());
        }
    }
}

/// Ends the program with exit status 0 (`success`) or 1.
pub fn exit(success: bool) -> ! {
    debug::exit(if success {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    // Only reached without a semihosting host.
    loop {
        cortex_m::asm::wfi();
    }
}

/// A buffer for one decimal number.
#[derive(Debug)]
pub struct Number([u8; 20]);

impl Number {
    /// An empty buffer.
    #[must_use]
    pub const fn new() -> Self {
        Self([0; 20])
    }

    /// `n` in decimal, borrowed from the buffer.
    pub fn format(&mut self, mut n: u64) -> &str {
        let mut at = self.0.len();
        loop {
            at = at.saturating_sub(1);
            if let Some(slot) = self.0.get_mut(at) {
                // `n % 10` is below 10, so the cast cannot truncate.
                *slot = b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0));
            }
            n /= 10;
            if n == 0 || at == 0 {
                break;
            }
        }
        core::str::from_utf8(self.0.get(at..).unwrap_or(&[])).unwrap_or("?")
    }
}

impl Default for Number {
    fn default() -> Self {
        Self::new()
    }
}
