//! Peak stack and instruction count of one operation.
//!
//! Stack: every word between the end of static RAM and the stack pointer is painted with a
//! pattern by a naked assembly routine (a Rust function could overwrite its own frame while
//! painting), the operation runs, and the lowest word no longer holding the pattern marks the
//! deepest the stack went.
//!
//! Instructions: QEMU does not model the DWT cycle counter, but with `-icount shift=7` its
//! virtual clock advances a fixed time per instruction, and SysTick runs off that clock. The
//! ratio of ticks to instructions is calibrated against a loop of known length, and the cost of
//! measuring nothing is subtracted.
// Test equipment: reading the stack, naked assembly and the SysTick registers need `unsafe`.
#![allow(unsafe_code)]

use core::sync::atomic::{AtomicU32, Ordering};

use cortex_m::peripheral::SYST;
use cortex_m::peripheral::syst::SystClkSource;

/// What one operation cost.
#[derive(Debug, Clone, Copy)]
pub struct Measurement {
    /// Peak stack below the caller's frame, in bytes.
    pub stack_bytes: u64,
    /// Instructions executed.
    pub instructions: u64,
}

const PATTERN: u32 = 0xC0DE_F00D;
const RELOAD: u32 = 0x00FF_FFFF;
/// Iterations of the calibration loop: two instructions each.
const CALIBRATION: u32 = 200_000;

static WRAPS: AtomicU32 = AtomicU32::new(0);

#[cortex_m_rt::exception]
fn SysTick() {
    // The only writer; a load and a store work on every core (thumbv6m has no fetch_add).
    WRAPS.store(
        WRAPS.load(Ordering::Relaxed).wrapping_add(1),
        Ordering::Relaxed,
    );
}

unsafe extern "C" {
    /// End of `.bss`: the lowest address the stack may grow to (cortex-m-rt's linker script).
    static mut __sheap: u32;
}

/// Runs `op` twice (once for the stack, once for the instructions) and returns its last
/// result with what it cost.
pub fn run<R>(mut op: impl FnMut() -> R) -> (R, Measurement) {
    let stack_bytes = peak_stack(&mut op);
    let Some(cp) = cortex_m::Peripherals::take() else {
        out_of_order();
    };
    let mut syst = cp.SYST;
    start_systick(&mut syst);
    let per_instruction = calibrate(&syst);
    let empty = ticks_of(&syst, || ());
    let (result, ticks) = timed(&syst, &mut op);
    let instructions = ticks.saturating_sub(empty).saturating_mul(1000) / per_instruction.max(1);
    (
        result,
        Measurement {
            stack_bytes,
            instructions,
        },
    )
}

fn out_of_order() -> ! {
    crate::out::write(&["measure::run called twice\n"]);
    crate::out::exit(false)
}

fn peak_stack<R>(op: &mut impl FnMut() -> R) -> u64 {
    let bottom = (&raw mut __sheap).cast::<u32>();
    let sp = cortex_m::register::msp::read();
    // SAFETY: paints only the free words between the end of static RAM and the current stack
    // pointer, which nothing holds; the painter itself uses no stack.
    unsafe { paint(bottom, PATTERN) };
    call(op);
    let mut at = bottom;
    // SAFETY: reads the painted region back, word by word, up to the stack pointer.
    while (at as usize) < (sp as usize) && unsafe { at.read_volatile() } == PATTERN {
        // SAFETY: stays below `sp`, inside RAM.
        at = unsafe { at.add(1) };
    }
    u64::from(sp.saturating_sub(at as u32))
}

#[inline(never)]
fn call<R>(op: &mut impl FnMut() -> R) -> R {
    op()
}

/// Fills `[bottom, sp)` with `pattern` without touching the stack.
#[unsafe(naked)]
unsafe extern "C" fn paint(bottom: *mut u32, pattern: u32) {
    core::arch::naked_asm!(
        "mov r2, sp",
        "1:",
        "cmp r0, r2",
        "bhs 2f",
        "str r1, [r0]",
        "adds r0, r0, #4",
        "b 1b",
        "2:",
        "bx lr",
    );
}

fn start_systick(syst: &mut SYST) {
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(RELOAD);
    syst.clear_current();
    syst.enable_interrupt();
    syst.enable_counter();
}

fn now(_syst: &SYST) -> u64 {
    loop {
        let before = WRAPS.load(Ordering::Relaxed);
        let current = SYST::get_current();
        if WRAPS.load(Ordering::Relaxed) == before {
            return u64::from(before) * u64::from(RELOAD + 1) + u64::from(RELOAD - current);
        }
    }
}

fn timed<R>(syst: &SYST, op: &mut impl FnMut() -> R) -> (R, u64) {
    let start = now(syst);
    let result = call(op);
    (result, now(syst).saturating_sub(start))
}

fn ticks_of(syst: &SYST, mut op: impl FnMut()) -> u64 {
    timed(syst, &mut op).1
}

/// SysTick ticks per thousand instructions.
fn calibrate(syst: &SYST) -> u64 {
    let empty = ticks_of(syst, || spin(1));
    let full = ticks_of(syst, || spin(CALIBRATION.saturating_add(1)));
    full.saturating_sub(empty).saturating_mul(1000) / (2 * u64::from(CALIBRATION))
}

/// Exactly two instructions per iteration.
#[inline(never)]
fn spin(iterations: u32) {
    // SAFETY: a register-only countdown loop.
    unsafe {
        core::arch::asm!(
            "2:",
            "subs {0}, {0}, #1",
            "bne 2b",
            inout(reg) iterations => _,
            options(nomem, nostack),
        );
    }
}
