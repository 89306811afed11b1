//! Replays every committed fuzz seed and regression input through the same target bodies the
//! fuzzer runs (`fuzz/targets.rs`), on stable, with a plain `cargo test`, so that an input that
//! once crashed a target guards forever.

#[path = "../../fuzz/targets.rs"]
mod targets;

use std::path::Path;

fn replay(folder: &str, target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        run(&data);
        count += 1;
    }
    count
}

#[test]
fn every_committed_fuzz_input_replays_cleanly() {
    let targets: [(&str, fn(&[u8])); 10] = [
        ("peek", targets::peek),
        ("verify_hmac", targets::verify_hmac),
        ("verify_ecdsa", targets::verify_ecdsa),
        ("verify_eddsa", targets::verify_eddsa),
        ("verify_rsa", targets::verify_rsa),
        ("signed_claims", targets::signed_claims),
        ("jwk", targets::jwk),
        ("round_trip", targets::round_trip),
        ("key_set", targets::key_set),
        ("differential", |data| {
            let _ = targets::differential_ours(data);
        }),
    ];
    let mut total = 0;
    for (name, run) in targets {
        let seeds = replay("seeds", name, run);
        assert!(seeds > 0, "no seeds for {name}");
        total += seeds + replay("regressions", name, run);
    }
    println!("replayed {total} fuzz inputs");
}
