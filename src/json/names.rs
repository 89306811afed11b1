//! Member names recognised from a table: the one way every reader (header, claims, JWK) tells
//! which of its members a name is.

use super::string::JsonStr;
use crate::error::Error;

/// What a table does with a member name written with escapes (`"\u0065xp"`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum EscapedNames {
    /// Recognised by meaning, as RFC 8259 §7 reads: `"\u0065xp"` is `exp`.
    ByMeaning,
    /// Refused with this error when it spells a name of the table: the format's producers never
    /// escape these names, so a text that does is read in no way at all rather than two.
    Refused(Error),
}

/// Which entry of `table` the member name `name` is, compared by meaning.
///
/// # Errors
/// The error of [`EscapedNames::Refused`] for an escaped spelling of a name in the table.
#[inline]
pub(crate) fn lookup<T: Copy>(
    name: JsonStr<'_>,
    table: &[(&str, T)],
    escaped: EscapedNames,
) -> Result<Option<T>, Error> {
    let raw = name.raw().as_bytes();
    if !raw.contains(&b'\\') {
        // Without escapes, the text is the name itself (nearly every name is written so).
        return Ok(table
            .iter()
            .find(|(text, _)| text.as_bytes() == raw)
            .map(|&(_, value)| value));
    }
    let found = table
        .iter()
        .find(|(text, _)| name.chars().eq(text.chars()))
        .map(|&(_, value)| value);
    match (found, escaped) {
        (Some(_), EscapedNames::Refused(error)) => Err(error),
        (found, _) => Ok(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: [(&str, u8); 3] = [("exp", 1), ("iat", 2), ("x5t#S256", 3)];

    fn name(raw: &str) -> JsonStr<'_> {
        JsonStr::from_validated(raw)
    }

    #[test]
    fn names_are_compared_by_meaning() {
        for how in [
            EscapedNames::ByMeaning,
            EscapedNames::Refused(Error::InvalidKey),
        ] {
            assert_eq!(lookup(name("exp"), &TABLE, how), Ok(Some(1)));
            assert_eq!(lookup(name("x5t#S256"), &TABLE, how), Ok(Some(3)));
            for other in ["ex", "expp", "EXP", "", "\\u0065xpp"] {
                assert_eq!(lookup(name(other), &TABLE, how), Ok(None), "{other}");
            }
        }
        assert_eq!(
            lookup(name("\\u0065xp"), &TABLE, EscapedNames::ByMeaning),
            Ok(Some(1))
        );
        assert_eq!(
            lookup(
                name("ia\\u0074"),
                &TABLE,
                EscapedNames::Refused(Error::InvalidKey)
            ),
            Err(Error::InvalidKey)
        );
    }
}
