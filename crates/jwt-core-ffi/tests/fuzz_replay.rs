//! Replays every committed input of the `c_abi` fuzz target (`fuzz/seeds/c_abi/`,
//! `fuzz/regressions/c_abi/`) through its body on stable, so that an input that once broke the
//! C API guards it forever.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    reason = "a test: a failure is a panic"
)]

#[path = "fuzz_body/c_abi.rs"]
mod c_abi;

use std::path::Path;

#[test]
fn every_committed_c_abi_input_replays_cleanly() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let (mut count, mut accepted) = (0, 0);
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(folder).join("c_abi")) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let status = c_abi::c_abi(&std::fs::read(&path).unwrap());
            count += 1;
            accepted += usize::from(status == Some(jwt_core_ffi::jwt_status::JWT_OK));
        }
    }
    // The seeds include the vectors' valid tokens, which must reach the claim readers, and
    // their attack tokens, which must be refused: a body that reported every input as accepted
    // would check no verdict.
    assert!(accepted > 10, "{accepted} of {count} inputs accepted");
    assert!(accepted < count, "{accepted} of {count} inputs accepted");
    println!("replayed {count} c_abi inputs, {accepted} accepted");
}
