//! The members of a top-level object that its reader takes (for claims, the registered ones),
//! recognised once, at their name.
//!
//! Recognising a name is a compiled `match` on a few bytes; once done, the duplicate rule for
//! such a name is one bit ([`Keys::add_known`](super::scan::Keys::add_known)) instead of a hash
//! and a table walk, the value's text is delimited only for the members the reader takes, and
//! the reader gets told which member it is rather than matching the name a second time.

use super::scan::Value;
use super::string::JsonStr;
use crate::error::Error;

/// What reads some members of a top-level object, as the one-pass reader and the checking
/// serializer meet them.
pub(crate) trait MemberReader<'a> {
    /// Which of the reader's members `name` is, compared by meaning (`"\u0065xp"` is `exp`).
    fn recognise(&self, name: JsonStr<'_>) -> Option<Known>;

    /// Reads the value of the member recognised as `known`.
    ///
    /// # Errors
    /// The reader's error for a value it refuses.
    fn read(&mut self, known: Known, value: MemberValue<'a>) -> Result<(), Error>;
}

/// A member's value as its reader receives it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum MemberValue<'a> {
    /// Its JSON text.
    Text(Value<'a>),
    /// An integer the serializer wrote as its digits, handed over as the number it is rather
    /// than read back from them.
    Integer(i128),
}

impl<'a> MemberValue<'a> {
    /// The value as a string, if it is one.
    pub(crate) fn as_json_str(&self) -> Option<JsonStr<'a>> {
        match self {
            Self::Text(value) => value.as_json_str(),
            Self::Integer(_) => None,
        }
    }
}

/// A member a reader recognised: its number among the reader's members, below 32.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Known(u8);

impl Known {
    /// The member numbered `index`, of the at most 32 a reader can have (numbers wrap at 32).
    pub(crate) const fn new(index: u8) -> Self {
        Self(index & 31)
    }

    /// Its number.
    pub(crate) const fn index(self) -> u8 {
        self.0
    }

    /// Its bit in a set of a reader's members.
    pub(super) fn bit(self) -> u32 {
        1u32.wrapping_shl(u32::from(self.0))
    }
}

/// A reader that takes no member: every name goes through the duplicate table.
pub(crate) struct NoMembers;

impl MemberReader<'_> for NoMembers {
    fn recognise(&self, _name: JsonStr<'_>) -> Option<Known> {
        None
    }

    fn read(&mut self, _known: Known, _value: MemberValue<'_>) -> Result<(), Error> {
        Ok(())
    }
}
