//! Fuzz target `c_abi`: see `crates/jwt-core-ffi/tests/fuzz_body/c_abi.rs`, its body, which lives
//! in the C API's crate with the rest of the project's `unsafe`.
#![no_main]

#[path = "../../crates/jwt-core-ffi/tests/fuzz_body/c_abi.rs"]
mod c_abi;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = c_abi::c_abi(data);
});
