//! Puts the board's memory map where cortex-m-rt's `link.x` finds it, as `memory.x`: the
//! LM3S6965's for the Cortex-M3 target, the AN505's for the Cortex-M33 one. (No file of this
//! folder is named `memory.x`: the linker looks in the working directory first.)

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target = std::env::var("TARGET").unwrap_or_default();
    let memory: &[u8] = if target.starts_with("thumbv8m") {
        include_bytes!("memory-an505.x")
    } else {
        include_bytes!("memory-lm3s6965.x")
    };
    std::fs::write(out.join("memory.x"), memory).expect("OUT_DIR is writable");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory-lm3s6965.x");
    println!("cargo:rerun-if-changed=memory-an505.x");
    println!("cargo:rerun-if-changed=build.rs");
}
