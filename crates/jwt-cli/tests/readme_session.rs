//! The README's command-line session, run as written: every line it shows is what `jwt`
//! prints.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::Command;

/// The commands (`$ ` lines) and the output the README shows after each.
fn session(readme: &str) -> Vec<(String, String)> {
    let section = readme.split("## Command line").nth(1).unwrap();
    let block = section.split("```text\n").nth(1).unwrap();
    let block = block.split("```").next().unwrap();
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push((command.to_owned(), String::new()));
        } else {
            let (_, output) = steps.last_mut().unwrap();
            output.push_str(line);
            output.push('\n');
        }
    }
    steps
}

#[test]
fn the_readme_session_reproduces_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let steps = session(&readme);
    assert!(steps.len() >= 4, "{steps:?}");
    // One shell runs every step, so that `TOKEN=...` carries over; a marker line separates
    // the steps' outputs (stdout and stderr, in order).
    let marker = "--- next step ---";
    let script = steps
        .iter()
        .map(|(command, _)| format!("{{ {command}\n}} 2>&1\necho '{marker}'\n"))
        .collect::<Vec<_>>()
        .concat();
    let bin = Path::new(env!("CARGO_BIN_EXE_jwt")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["-c", &script])
        .current_dir(&root)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = String::from_utf8(o.stdout).unwrap();
    let outputs: Vec<&str> = printed.split(&format!("{marker}\n")).collect();
    for (i, (command, shown)) in steps.iter().enumerate() {
        assert_eq!(outputs.get(i).copied(), Some(shown.as_str()), "$ {command}");
    }
}
