//! Reading tokens and JSON from arguments or standard input.

use std::io::Read;

use crate::Failure;

/// The argument's text, or standard input when it is absent or `-`. From standard input one
/// trailing newline (`\n` or `\r\n`) is removed and nothing else is trimmed.
///
/// Standard input is read only up to `limit` bytes and a newline: a longer input comes back
/// longer than `limit` (so that the library refuses it for its size) without the rest of the
/// stream ever being held in memory.
pub fn arg_or_stdin(arg: Option<&str>, what: &str, limit: usize) -> Result<Vec<u8>, Failure> {
    match arg {
        Some(text) if text != "-" => Ok(text.as_bytes().to_vec()),
        _ => {
            let bound = limit.saturating_add(3);
            let mut buf = Vec::new();
            std::io::stdin()
                .take(u64::try_from(bound).unwrap_or(u64::MAX))
                .read_to_end(&mut buf)
                .map_err(|e| {
                    Failure::Usage(format!("cannot read the {what} from standard input: {e}"))
                })?;
            if buf.len() >= bound {
                return Ok(buf);
            }
            if buf.ends_with(b"\r\n") {
                buf.truncate(buf.len().saturating_sub(2));
            } else if buf.ends_with(b"\n") {
                buf.truncate(buf.len().saturating_sub(1));
            }
            Ok(buf)
        }
    }
}
