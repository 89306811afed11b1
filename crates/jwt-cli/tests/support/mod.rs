//! Running the `jwt` binary as a user runs it, for the test files of this crate.
#![allow(dead_code, reason = "each test file uses its own part of this")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// A 32-byte HS256 secret.
pub const SECRET: &str = "0123456789abcdef0123456789abcdef";
/// The time every test signs and verifies at.
pub const NOW: &str = "1700000000";

pub fn jwt(args: &[&str]) -> Output {
    jwt_stdin(args, None)
}

pub fn jwt_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwt"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let written = child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes());
    // The tool reads standard input only up to its bound and may exit before taking it all.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Asserts that the command refused with exit 1 and the library's `code`.
pub fn assert_refused(o: &Output, code: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    let prefix = format!("error: {code}: ");
    assert!(stderr(o).starts_with(&prefix), "{}", stderr(o));
}
