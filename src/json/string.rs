//! JSON string content as it appears on the wire, compared and read by its meaning.

use core::fmt;

use crate::error::Error;

/// The content of a JSON string exactly as the token carries it, still escaped.
///
/// JSON lets a producer write the same text in several ways (`"https:\/\/a"` is `"https://a"`).
/// A `JsonStr` always compares and displays by meaning, never by spelling, and never allocates:
/// [`JsonStr::eq_str`] walks both sides, [`JsonStr::unescape_into`] writes the text into a
/// buffer of yours, and [`JsonStr::as_str`] hands out the text directly when it has no escapes.
///
/// Every `JsonStr` this crate gives you has passed the pre-scan, so its escapes are valid.
///
/// ```
/// # use jwt_core::JsonStr;
/// # fn show(iss: JsonStr<'_>) {
/// if iss == "https://issuer.example" { /* by meaning, whatever the spelling */ }
/// let mut buf = [0u8; 64];
/// let text: &str = iss.unescape_into(&mut buf).unwrap_or("(too long)");
/// # let _ = text;
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct JsonStr<'a> {
    raw: &'a str,
}

impl<'a> JsonStr<'a> {
    /// Wraps string content that the pre-scan has validated.
    pub(crate) const fn from_validated(raw: &'a str) -> Self {
        Self { raw }
    }

    /// The content as written in the JSON text, escapes and all.
    #[must_use]
    pub const fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the content contains any escape sequence.
    #[must_use]
    pub fn is_escaped(&self) -> bool {
        self.raw.as_bytes().contains(&b'\\')
    }

    /// The text itself, when it is written without escapes (the common case).
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        (!self.is_escaped()).then_some(self.raw)
    }

    /// The unescaped characters.
    #[must_use]
    pub fn chars(&self) -> Chars<'a> {
        Chars { rest: self.raw }
    }

    /// The length of the unescaped text in UTF-8 bytes.
    #[must_use]
    pub fn unescaped_len(&self) -> usize {
        if self.is_escaped() {
            self.chars()
                .map(char::len_utf8)
                .fold(0, usize::saturating_add)
        } else {
            self.raw.len()
        }
    }

    /// Whether the unescaped text equals `other`.
    #[must_use]
    pub fn eq_str(&self, other: &str) -> bool {
        if self.is_escaped() {
            self.chars().eq(other.chars())
        } else {
            self.raw == other
        }
    }

    /// Whether two JSON strings have the same unescaped text.
    #[must_use]
    pub fn eq_json(&self, other: &JsonStr<'_>) -> bool {
        if self.is_escaped() || other.is_escaped() {
            self.chars().eq(other.chars())
        } else {
            self.raw == other.raw
        }
    }

    /// Writes the unescaped text into `out` and returns it.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when `out` is shorter than [`JsonStr::unescaped_len`].
    pub fn unescape_into<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let mut at = 0usize;
        for c in self.chars() {
            let end = at.checked_add(c.len_utf8()).ok_or(Error::BufferTooSmall)?;
            let slot = out.get_mut(at..end).ok_or(Error::BufferTooSmall)?;
            c.encode_utf8(slot);
            at = end;
        }
        let used = out.get(..at).ok_or(Error::BufferTooSmall)?;
        core::str::from_utf8(used).map_err(|_| Error::InvalidJson)
    }
}

impl PartialEq<str> for JsonStr<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for JsonStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq for JsonStr<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.eq_json(other)
    }
}

impl Eq for JsonStr<'_> {}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.chars() {
            fmt::Display::fmt(&c.escape_debug(), f)?;
        }
        f.write_str("\"")
    }
}

impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.as_str() {
            return f.write_str(s);
        }
        self.chars().try_for_each(|c| fmt::Write::write_char(f, c))
    }
}

/// The unescaped characters of a [`JsonStr`].
#[derive(Clone, Debug)]
pub struct Chars<'a> {
    rest: &'a str,
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let (c, rest) = next_char(self.rest).ok()??;
        self.rest = rest;
        Some(c)
    }
}

/// Decodes the first character of escaped string content: `Ok(None)` at the end, `Err` on an
/// invalid escape (a bad letter, bad hex, or a lone or mismatched UTF-16 surrogate).
pub(crate) fn next_char(s: &str) -> Result<Option<(char, &str)>, ()> {
    let mut it = s.chars();
    let Some(c) = it.next() else {
        return Ok(None);
    };
    if c != '\\' {
        return Ok(Some((c, it.as_str())));
    }
    let simple = match it.next().ok_or(())? {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'u' => return unicode_escape(it.as_str()).map(Some),
        _ => return Err(()),
    };
    Ok(Some((simple, it.as_str())))
}

/// Decodes the part of a `\u` escape after the `u`, joining a surrogate pair.
fn unicode_escape(s: &str) -> Result<(char, &str), ()> {
    let (first, rest) = hex4(s)?;
    if (0xD800..0xDC00).contains(&first) {
        let rest = rest.strip_prefix("\\u").ok_or(())?;
        let (second, rest) = hex4(rest)?;
        if !(0xDC00..0xE000).contains(&second) {
            return Err(());
        }
        let high = first.checked_sub(0xD800).ok_or(())?;
        let low = second.checked_sub(0xDC00).ok_or(())?;
        let code = high
            .checked_shl(10)
            .and_then(|h| h.checked_add(low))
            .and_then(|v| v.checked_add(0x1_0000))
            .ok_or(())?;
        return char::from_u32(code).map(|c| (c, rest)).ok_or(());
    }
    // A lone low surrogate is not a character; char::from_u32 refuses it.
    char::from_u32(first).map(|c| (c, rest)).ok_or(())
}

fn hex4(s: &str) -> Result<(u32, &str), ()> {
    let digits = s.get(..4).ok_or(())?;
    let rest = s.get(4..).ok_or(())?;
    let mut v = 0u32;
    for b in digits.bytes() {
        let d = char::from(b).to_digit(16).ok_or(())?;
        v = v.checked_mul(16).and_then(|v| v.checked_add(d)).ok_or(())?;
    }
    Ok((v, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_by_meaning() {
        let s = JsonStr::from_validated(r"https:\/\/a.example\u002fx");
        assert!(s.eq_str("https://a.example/x"));
        assert!(!s.eq_str("https:\\/\\/a.example"));
        let t = JsonStr::from_validated("https://a.example/x");
        assert!(s.eq_json(&t));
        let astral = JsonStr::from_validated(r"\ud83d\ude00");
        assert!(astral.eq_str("😀"));
        // The operators are the same comparisons, both ways round.
        assert!(s == *"https://a.example/x" && s == "https://a.example/x" && s == t);
        assert!(s != *"https://a.example" && s != "https://a.example" && s != astral);
        let mut buf = [0u8; 4];
        assert_eq!(astral.unescape_into(&mut buf).unwrap(), "😀");
        assert_eq!(
            astral.unescape_into(&mut buf[..3]),
            Err(Error::BufferTooSmall)
        );
    }

    #[test]
    fn rejects_bad_escapes() {
        for bad in [
            r"\x",
            r"\u12",
            r"\ud800",
            r"\udc00",
            r"\ud800\u0041",
            r"\",
            r"\u12G4",
        ] {
            let mut rest = bad;
            let mut failed = false;
            loop {
                match next_char(rest) {
                    Ok(Some((_, r))) => rest = r,
                    Ok(None) => break,
                    Err(()) => {
                        failed = true;
                        break;
                    }
                }
            }
            assert!(failed, "{bad}");
        }
    }
}
