//! What the serializer reports as it writes, so that signing checks its own output as it is
//! produced instead of reading it back.
//!
//! The rules are not restated here: nesting is bounded as the pre-scan bounds it, member names
//! go into the pre-scan's own duplicate table ([`Keys`]), and each top-level member reaches the
//! same callback the pre-scan calls (for claims, `claims::read_member`). Only the lexing is
//! saved: the serializer knows where every name and value starts because it wrote them.

use super::scan::{Container, Escapes, Keys, Scanner, Value};
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
pub(super) struct Checks<F> {
    max_depth: usize,
    depth: usize,
    keys: Keys,
    /// The first name slot of the innermost open object.
    first: usize,
    /// The last top-level member name.
    pending: Pending,
    on_member: F,
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

/// A top-level member name, until its value has been written.
#[derive(Clone, Copy)]
enum Pending {
    /// Written from this text, which needed no escape.
    Field(&'static str),
    /// Written as the string `text[quote..end]`.
    At(usize, usize),
}

/// What an open container remembers.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    outer_first: usize,
    container: Container,
}

impl<F> Checks<F>
where
    F: FnMut(JsonStr<'_>, Value<'_>) -> Result<(), Error>,
{
    /// Nesting within `max_depth` (capped at [`MAX_DEPTH`]), each top-level member reported to
    /// `on_member`.
    pub(super) fn new(max_depth: usize, on_member: F) -> Self {
        Self {
            max_depth: max_depth.min(MAX_DEPTH),
            depth: 0,
            keys: Keys::new(),
            first: 0,
            pending: Pending::At(0, 0),
            on_member,
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

    /// Adds a name of the innermost open object to the duplicate table.
    fn remember(
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

    fn stopped(&self) -> bool {
        self.state != State::Holding
    }

    fn keep(&mut self, outcome: Result<(), Error>) {
        if let (State::Holding, Err(e)) = (self.state, outcome) {
            self.state = State::Broken(e);
        }
    }
}

impl<F> Watch for Checks<F>
where
    F: FnMut(JsonStr<'_>, Value<'_>) -> Result<(), Error>,
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
        if self.depth == 1 {
            self.pending = Pending::At(quote, end);
        }
    }

    fn field_name(&mut self, text: &[u8], quote: usize, name: &'static str) {
        if self.stopped() {
            return;
        }
        // Written without escapes, the name's text is its content.
        let added = self.remember(text, quote, JsonStr::from_validated(name), Escapes::Absent);
        self.keep(added);
        if self.depth == 1 {
            self.pending = Pending::Field(name);
        }
    }

    fn value(&mut self, text: &[u8], start: usize) {
        if self.depth != 1 || self.stopped() {
            return;
        }
        let on_member = &mut self.on_member;
        let name = match self.pending {
            Pending::Field(name) => Ok(JsonStr::from_validated(name)),
            Pending::At(quote, end) => string_at(text, quote, end).map(|(name, _)| name),
        };
        let reported = name.and_then(|name| on_member(name, value_at(text, start)?));
        self.keep(reported);
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
