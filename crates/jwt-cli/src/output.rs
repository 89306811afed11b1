//! What goes to stdout and stderr, and when there is colour.

use std::io::{IsTerminal, Write};

use serde_json::Value;

use crate::Failure;

/// Which stream a coloured text goes to.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Whether to colour `stream`: only a terminal, and never with `NO_COLOR` set.
pub fn colour(stream: Stream) -> bool {
    let terminal = match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    };
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal
}

/// Wraps `text` in an ANSI colour when `stream` is coloured.
pub fn paint(stream: Stream, text: &str, code: &str) -> String {
    if colour(stream) {
        format!("\u{1b}[{code}m{text}\u{1b}[0m")
    } else {
        text.to_owned()
    }
}

/// How a command reports: lines for people, or JSON for scripts (`--json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

impl Format {
    /// The format a subcommand's `--json` flag asks for.
    pub fn from_json_flag(json: bool) -> Self {
        if json { Self::Json } else { Self::Text }
    }
}

/// A refusal: `error: CODE: message` on stderr, or the JSON form on stdout.
pub fn rejected(format: Format, code: &str, message: &str) {
    error_line(format, code, message);
}

/// A usage problem: `error: usage: message` on stderr, or `{"error":"usage",...}` on stdout.
pub fn usage(format: Format, message: &str) {
    error_line(format, "usage", message);
}

fn error_line(format: Format, code: &str, message: &str) {
    match format {
        Format::Json => println!("{}", serde_json::json!({"error": code, "message": message})),
        Format::Text => eprintln!(
            "{}: {code}: {message}",
            paint(Stream::Stderr, "error", "1;31")
        ),
    }
}

/// Writes JSON text given in parts to stdout as one line, byte for byte.
pub fn raw_json_line(parts: &[&[u8]]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    parts
        .iter()
        .try_for_each(|part| out.write_all(part))
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| Failure::Usage(format!("cannot write to standard output: {e}")))
}

/// Parses JSON text exactly (numbers keep every digit), for printing.
pub fn exact_json(bytes: &[u8]) -> Option<Value> {
    serde_json::from_slice(bytes).ok()
}
