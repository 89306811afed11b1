//! What the serializer reports as it writes, so that signing checks its own output as it is
//! produced instead of reading it back.
//!
//! The rules are not restated here: nesting is bounded as the pre-scan bounds it, member names
//! go into the pre-scan's own duplicate table ([`Keys`]), and each top-level member the reader
//! recognises reaches the same reader the one-pass deserializer hands it to (for claims, the
//! registered claims' types). Only the lexing is saved: the serializer knows where every name
//! and value starts because it wrote them, and a string value written as it is needs no
//! reading back at all.

use super::known::{Known, MemberReader, MemberValue};
use super::scan::{Container, Escapes, Keys, Kind, Scanner, Value};
use super::string::JsonStr;
use crate::error::Error;
use crate::limits::MAX_DEPTH;

/// Hooks the serializer calls, in the order of the text it writes. `text` is always the whole
/// output so far. A watch never stops the serializer: a broken rule is remembered, so that an
/// error of serialization itself (a non-finite float, a full buffer) still comes first, as it
/// did when the output was read back only after it was complete.
pub(super) trait Watch {
    /// What a container must hand back when it closes.
    type Frame: Copy;

    /// A container is about to open.
    fn open(&mut self, container: Container) -> Self::Frame;

    /// The container opened with `frame` has just closed.
    fn close(&mut self, frame: Self::Frame);

    /// A member name was written as the string `text[quote..end]`.
    fn name(&mut self, text: &[u8], quote: usize, end: usize);

    /// A struct field's name, which needed no escape, was written as the string at `quote`.
    fn field_name(&mut self, text: &[u8], quote: usize, name: &'static str);

    /// A string was written as the characters of `s`, without escapes (a member's value, or an
    /// element or member of one). [`Watch::value`] follows once the member's value is complete.
    fn plain_string(&mut self, s: &str);

    /// An integer was written as the digits of `v` (a member's value, or an element or member
    /// of one). [`Watch::value`] follows once the member's value is complete.
    fn integer(&mut self, v: i128);

    /// The value of the member last named was written as `text[start..]`.
    fn value(&mut self, text: &[u8], start: usize);

    /// Pre-formatted JSON text was copied, which only reading it back can check.
    fn verbatim(&mut self);
}

/// No checks: the length count, the header and `sign_unchecked`.
pub(super) struct NoWatch;

impl Watch for NoWatch {
    type Frame = ();

    #[inline]
    fn open(&mut self, _container: Container) {}

    #[inline]
    fn close(&mut self, (): ()) {}

    #[inline]
    fn name(&mut self, _text: &[u8], _quote: usize, _end: usize) {}

    #[inline]
    fn field_name(&mut self, _text: &[u8], _quote: usize, _name: &'static str) {}

    #[inline]
    fn plain_string(&mut self, _s: &str) {}

    #[inline]
    fn integer(&mut self, _v: i128) {}

    #[inline]
    fn value(&mut self, _text: &[u8], _start: usize) {}

    #[inline]
    fn verbatim(&mut self) {}
}

/// Whether the output still needs reading back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Checked {
    /// Every rule was applied while writing.
    Complete,
    /// Pre-formatted text (a `serde_json` `RawValue` or arbitrary-precision number) was copied
    /// unread: only a pre-scan of the output can check it.
    HasVerbatimText,
}

/// The pre-scan's rules, applied while writing.
pub(super) struct Checks<M> {
    max_depth: usize,
    depth: usize,
    keys: Keys,
    /// The first name slot of the innermost open object.
    first: usize,
    /// The top-level member being written, if the reader recognised its name.
    pending: Option<Known>,
    reader: M,
    state: State,
}

/// How far the checks got.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Every rule holds so far.
    Holding,
    /// Text was copied unread: from there on the output is read back, and every rule is left
    /// to that reading, which finds the first break in text order (one inside the copied text
    /// may come before one this watch would see later).
    Verbatim,
    /// A rule broke: the first break, in text order.
    Broken(Error),
}

/// What an open container remembers.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    outer_first: usize,
    container: Container,
}

impl<M> Checks<M>
where
    M: for<'x> MemberReader<'x>,
{
    /// Nesting within `max_depth` (capped at [`MAX_DEPTH`]), each top-level member that
    /// `reader` recognises handed to it.
    pub(super) fn new(max_depth: usize, reader: M) -> Self {
        Self {
            max_depth: max_depth.min(MAX_DEPTH),
            depth: 0,
            keys: Keys::new(),
            first: 0,
            pending: None,
            reader,
            state: State::Holding,
        }
    }

    /// The verdict, once the serializer has finished without an error of its own.
    pub(super) fn verdict(&self) -> Result<Checked, Error> {
        match self.state {
            State::Holding => Ok(Checked::Complete),
            State::Verbatim => Ok(Checked::HasVerbatimText),
            State::Broken(e) => Err(e),
        }
    }

    /// Adds a name of the innermost open object to the duplicate table, or of the top-level
    /// object to the members its reader recognised.
    fn remember(
        &mut self,
        text: &[u8],
        quote: usize,
        name: JsonStr<'_>,
        escapes: Escapes,
    ) -> Result<(), Error> {
        if self.depth == 1 {
            self.pending = self.reader.recognise(name);
            if let Some(known) = self.pending {
                return self.keys.add_known(known, quote);
            }
        }
        self.remember_other(text, quote, name, escapes)
    }

    /// [`Self::remember`] for a name no reader recognised: a call of its own, so that the
    /// recognised names' path saves no registers for the hash and the table walk.
    #[inline(never)]
    fn remember_other(
        &mut self,
        text: &[u8],
        quote: usize,
        name: JsonStr<'_>,
        escapes: Escapes,
    ) -> Result<(), Error> {
        self.keys.add(name, escapes, quote, self.first, |at| {
            // Only on a hash match: read the earlier name back from the text.
            let rest = text.get(at..).ok_or(Error::Unserializable)?;
            let rest = core::str::from_utf8(rest).map_err(|_| Error::Unserializable)?;
            Scanner::new(rest).string()
        })
    }

    /// Hands the value of the pending top-level member, if its reader recognised it, over.
    fn hand_over(&mut self, value: MemberValue<'_>) {
        if let Some(known) = self.pending.take() {
            let read = self.reader.read(known, value);
            self.keep(read);
        }
    }

    fn stopped(&self) -> bool {
        self.state != State::Holding
    }

    fn keep(&mut self, outcome: Result<(), Error>) {
        if let (State::Holding, Err(e)) = (self.state, outcome) {
            self.state = State::Broken(e);
        }
    }
}

impl<M> Watch for Checks<M>
where
    M: for<'x> MemberReader<'x>,
{
    type Frame = Frame;

    fn open(&mut self, container: Container) -> Frame {
        let frame = Frame {
            outer_first: self.first,
            container,
        };
        if self.stopped() {
            return frame;
        }
        // Only an object can be a claims set; the pre-scan says so before anything else.
        if self.depth == 0 && container == Container::Array {
            self.keep(Err(Error::NotAnObject));
        } else if self.depth >= self.max_depth {
            self.keep(Err(Error::NestingTooDeep));
        }
        self.depth = self.depth.saturating_add(1);
        if container == Container::Object {
            self.first = self.keys.len();
        }
        frame
    }

    fn close(&mut self, frame: Frame) {
        if self.stopped() {
            return;
        }
        self.depth = self.depth.saturating_sub(1);
        if frame.container == Container::Object {
            self.keys.forget_from(self.first);
        }
        self.first = frame.outer_first;
    }

    fn name(&mut self, text: &[u8], quote: usize, end: usize) {
        if self.stopped() {
            return;
        }
        let added = string_at(text, quote, end)
            .and_then(|(name, escapes)| self.remember(text, quote, name, escapes));
        self.keep(added);
    }

    fn field_name(&mut self, text: &[u8], quote: usize, name: &'static str) {
        if self.stopped() {
            return;
        }
        // Written without escapes, the name's text is its content.
        let added = self.remember(text, quote, JsonStr::from_validated(name), Escapes::Absent);
        self.keep(added);
    }

    fn plain_string(&mut self, s: &str) {
        if self.depth != 1 || self.stopped() {
            return;
        }
        // The whole value of a top-level member: its text is `s` in quotes.
        let value = Value {
            kind: Kind::String,
            raw: s,
        };
        self.hand_over(MemberValue::Text(value));
    }

    fn integer(&mut self, v: i128) {
        if self.depth != 1 || self.stopped() {
            return;
        }
        // The whole value of a top-level member.
        self.hand_over(MemberValue::Integer(v));
    }

    fn value(&mut self, text: &[u8], start: usize) {
        if self.depth != 1 || self.stopped() {
            return;
        }
        if let Some(known) = self.pending.take() {
            let read = value_at(text, start)
                .and_then(|value| self.reader.read(known, MemberValue::Text(value)));
            self.keep(read);
        }
    }

    fn verbatim(&mut self) {
        if self.state == State::Holding {
            self.state = State::Verbatim;
        }
    }
}

/// The value the serializer wrote as `text[start..]`.
fn value_at(text: &[u8], start: usize) -> Result<Value<'_>, Error> {
    let written = text.get(start..).ok_or(Error::Unserializable)?;
    let written = core::str::from_utf8(written).map_err(|_| Error::Unserializable)?;
    Value::of_text(written).ok_or(Error::Unserializable)
}

/// The string the serializer wrote as `text[quote..end]`, quotes included, as content.
fn string_at(text: &[u8], quote: usize, end: usize) -> Result<(JsonStr<'_>, Escapes), Error> {
    let content = text
        .get(quote.saturating_add(1)..end.saturating_sub(1))
        .ok_or(Error::Unserializable)?;
    let content = core::str::from_utf8(content).map_err(|_| Error::Unserializable)?;
    let escapes = if content.as_bytes().contains(&b'\\') {
        Escapes::Present
    } else {
        Escapes::Absent
    };
    Ok((JsonStr::from_validated(content), escapes))
}
