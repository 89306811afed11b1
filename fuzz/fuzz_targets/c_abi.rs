//! Fuzz target `c_abi`: see `fuzz/c_abi.rs`.
#![no_main]

#[path = "../c_abi.rs"]
mod c_abi;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = c_abi::c_abi(data);
});
