//! A member's value as callers outside serde read it: its JSON type, its text, and the three
//! scalar readings a C caller asks for.

use super::scan::{Kind, Value, scan_object};
use super::string::JsonStr;
use crate::limits::MAX_DEPTH;

/// One JSON value of a verified document, already validated: its type and its exact text.
///
/// ```
/// use jwt_core::{Hs256Key, JsonKind, SignHeader, Time, Validation};
///
/// let key = Hs256Key::new(b"an example secret of 32 bytes!!!")?;
/// let mut out = [0u8; 256];
/// let token = jwt_core::sign_json(&key, &SignHeader::new(), br#"{"exp":2000000000,"n":-7,"ok":true,"tags":["a"]}"#, &mut out)?;
/// let mut scratch = [0u8; 256];
/// let verified = jwt_core::verify(token.as_bytes(), &key, &Validation::new(), Time::At(1_700_000_000), &mut scratch)?;
/// assert_eq!(verified.claim("n").and_then(|v| v.as_i64()), Some(-7));
/// assert_eq!(verified.claim("ok").and_then(|v| v.as_bool()), Some(true));
/// assert_eq!(verified.claim("tags").map(|v| (v.kind(), v.json())), Some((JsonKind::Array, r#"["a"]"#)));
/// assert!(verified.claim("absent").is_none());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct JsonValue<'a> {
    value: Value<'a>,
    json: &'a str,
}

impl<'a> JsonValue<'a> {
    /// Its JSON type.
    #[must_use]
    pub const fn kind(&self) -> JsonKind {
        self.value.kind
    }

    /// Its exact JSON text, as the document carries it (a string with its quotes and escapes).
    #[must_use]
    pub const fn json(&self) -> &'a str {
        self.json
    }

    /// The value as a string, if it is one.
    #[must_use]
    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        self.value.as_json_str()
    }

    /// The value as a boolean, if it is `true` or `false`.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match (self.value.kind, self.json) {
            (Kind::Bool, "true") => Some(true),
            (Kind::Bool, _) => Some(false),
            _ => None,
        }
    }

    /// The value as an integer, if it is a number written without fraction or exponent that
    /// fits an `i64` (`1.0` and `1e3` are not integers here: their text says otherwise).
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        // `i64`'s own grammar has no fraction or exponent, so parsing refuses `1.0` and `1e3`.
        if self.value.kind != Kind::Number {
            return None;
        }
        self.json.parse().ok()
    }
}

/// The JSON type of a value.
pub use super::scan::Kind as JsonKind;

/// The value of the top-level member `name` (compared by unescaped meaning) of `json`, an
/// object that has passed the pre-scan (so names are unique), or `None` when it has none.
pub(crate) fn member<'a>(json: &'a [u8], name: &str) -> Option<JsonValue<'a>> {
    let text = core::str::from_utf8(json).ok()?;
    let mut found = None;
    // Names are unique, so the first match is the only one; scanning on costs a rare
    // lookup little and keeps one reading of objects.
    let _ = scan_object(json, MAX_DEPTH, |key, value| {
        if found.is_none() && key.eq_str(name) {
            found = whole_text(text, value);
        }
        Ok(())
    });
    found
}

/// The whole text of a member's value: a string's content widened to its quotes.
fn whole_text<'a>(text: &'a str, value: Value<'a>) -> Option<JsonValue<'a>> {
    let json = if value.kind == Kind::String {
        let start = value
            .raw
            .as_ptr()
            .addr()
            .checked_sub(text.as_ptr().addr())?;
        text.get(start.checked_sub(1)?..start.checked_add(value.raw.len())?.checked_add(1)?)?
    } else {
        value.raw
    };
    Some(JsonValue { value, json })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> JsonValue<'_> {
        JsonValue {
            value: Value::of_text(text).unwrap(),
            json: text,
        }
    }

    #[test]
    fn integers_are_read_only_from_integer_text_in_range() {
        assert_eq!(value("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(value("9223372036854775807").as_i64(), Some(i64::MAX));
        assert_eq!(value("9223372036854775808").as_i64(), None);
        assert_eq!(value("1.0").as_i64(), None);
        assert_eq!(value("1e3").as_i64(), None);
        assert_eq!(value("\"1\"").as_i64(), None);
        assert_eq!(value("-0").as_i64(), Some(0));
    }

    #[test]
    fn booleans_and_strings_are_read_by_type() {
        assert_eq!(value("true").as_bool(), Some(true));
        assert_eq!(value("false").as_bool(), Some(false));
        assert_eq!(value("null").as_bool(), None);
        assert_eq!(value("\"true\"").as_bool(), None);
        assert_eq!(
            value("\"a\\u0062\"").as_str().map(|s| s.eq_str("ab")),
            Some(true)
        );
        assert_eq!(value("\"a\"").json(), "\"a\"");
        assert_eq!(value("{}").kind(), JsonKind::Object);
    }

    #[test]
    fn members_are_found_by_meaning_with_their_whole_text() {
        let doc = br#"{"a\u0062":"x\ny", "n":[1,{"ab":2}] ,"t":true}"#;
        let ab = member(doc, "ab").unwrap();
        assert_eq!((ab.kind(), ab.json()), (JsonKind::String, r#""x\ny""#));
        assert_eq!(member(doc, "n").map(|v| v.json()), Some(r#"[1,{"ab":2}]"#));
        assert_eq!(member(doc, "t").and_then(|v| v.as_bool()), Some(true));
        assert!(member(doc, "x").is_none());
        assert!(member(b"{", "a").is_none());
    }
}
