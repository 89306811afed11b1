//! serde deserialization of JSON text with every rule of the pre-scan, with escaped strings
//! unescaped into the caller's scratch buffer.
//!
//! The reader walks the text with the pre-scan's own lexer ([`Scanner`]) and its duplicate
//! table ([`Keys`]), bounds the depth as the pre-scan does, and reads every value the caller's
//! type ignores with the pre-scan's own state machine: it refuses every text the pre-scan
//! refuses, so the strictness and the caller's deserialization can share one walk of the bytes
//! ([`read_object`]). It only refuses: the reason a text broke a rule is the pre-scan's to name,
//! and a caller that needs it runs the pre-scan then (verification does, on its error path).
//! A general JSON deserializer (serde-json-core's, which this replaced) validated every
//! string's bytes a second time and read them a byte at a time.
//! Its recursion follows the caller's types and the text's brackets, bounded by the depth limit.
//!
//! Borrowed `&str` fields receive the unescaped text: a string with an escape is unescaped into
//! an [`Arena`] carved from the scratch buffer, borrowed for the same lifetime as the rest of the
//! claims. serde-json-core's `EscapedStr` receives the raw escaped text, as its users expect.

use core::cell::Cell;
use core::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::known::{Known, MemberReader, MemberValue, NoMembers};
use super::scan::{Escapes, Keys, Scanner, Value};
use super::string::JsonStr;
use crate::bytes::small_integer;
use crate::error::Error;
use crate::limits::MAX_DEPTH;

/// The newtype name serde-json-core's `EscapedStr` deserializes through.
const ESCAPED_STR_NAME: &str = "__serde_json_core_escaped_string__";

/// The unused part of the scratch buffer, holding the unescaped text of every escaped string
/// of one JSON document at the same offset the string has in the document.
///
/// Unescaping never lengthens a string, so each string's text fits in its own slot and the
/// slots never overlap. The table is filled once, the first time any escaped string is asked
/// for, and is read-only from then on: the same document can be deserialized any number of
/// times (into borrowed types that are all alive at once) without the space ever running out.
/// A front-to-back allocator could not promise that, because every pass would take new space.
pub(crate) struct Arena<'buf> {
    json: &'buf [u8],
    space: Cell<Option<&'buf mut [u8]>>,
    filled: Cell<&'buf [u8]>,
    exhausted: Cell<bool>,
}

impl<'buf> Arena<'buf> {
    /// An arena for the pre-scanned document `json`, backed by `space`; it has room for every
    /// string when `space` is at least as long as `json`.
    pub(crate) fn new(json: &'buf [u8], space: &'buf mut [u8]) -> Self {
        Self {
            json,
            space: Cell::new(Some(space)),
            filled: Cell::new(&[]),
            exhausted: Cell::new(false),
        }
    }

    /// The unescaped text of `raw`, a string's content borrowed from the document.
    pub(crate) fn unescape(&self, raw: &'buf str) -> Option<&'buf str> {
        if let Some(space) = self.space.take() {
            self.filled.set(fill(self.json, space));
        }
        let text = self.slot(raw);
        if text.is_none() {
            self.exhausted.set(true);
        }
        text
    }

    fn slot(&self, raw: &'buf str) -> Option<&'buf str> {
        let at = raw.as_ptr().addr().checked_sub(self.json.as_ptr().addr())?;
        if at.checked_add(raw.len())? > self.json.len() {
            return None;
        }
        let len = JsonStr::from_validated(raw).unescaped_len();
        let bytes = self.filled.get().get(at..at.checked_add(len)?)?;
        core::str::from_utf8(bytes).ok()
    }
}

/// Unescapes every escaped string of `json` into `space` at the string's own offset, as far
/// as `space` reaches, and hands the space back read-only.
fn fill<'buf>(json: &[u8], space: &'buf mut [u8]) -> &'buf [u8] {
    // The pre-scan validated the text, so neither the UTF-8 check nor an unescape can fail;
    // if one did, the slot would hold no valid text and `slot` would refuse it.
    if let Ok(text) = core::str::from_utf8(json) {
        super::for_each_escaped_string(text, |start, content| {
            let end = start.saturating_add(content.raw().len());
            let Some(out) = space.get_mut(start..end) else {
                return false;
            };
            let _ = content.unescape_into(out);
            true
        });
    }
    space
}

/// Deserializes `T` from JSON text that has passed the pre-scan (nested no deeper than
/// `max_depth`).
///
/// # Errors
/// [`Error::BufferTooSmall`] when the arena cannot hold an unescaped string the type borrows;
/// [`Error::ClaimsMismatch`] when the JSON does not have the shape of `T`.
pub(crate) fn from_slice<'buf, T: de::Deserialize<'buf>>(
    json: &'buf [u8],
    arena: &Arena<'buf>,
    max_depth: usize,
) -> Result<T, Error> {
    read_object(
        json,
        arena,
        max_depth,
        &mut NoMembers,
        &mut Members::NotReported,
    )
}

/// Whether [`read_object`] reported every member of the top-level object, or the caller's
/// type read the text another way (as one ignored value, say) and reported none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Members {
    Reported,
    NotReported,
}

/// Deserializes `T` from JSON text that need not have passed the pre-scan, refusing what the
/// pre-scan refuses, and hands each member of the top-level object that `reader` recognises,
/// with its raw value text, to `reader`, as the pre-scan's [`scan_object`](super::scan_object)
/// hands every member to its callback; `members` tells whether it did. (`T` is returned
/// alone, not paired with that answer: a large `T` is then copied once less on its way to the
/// caller.)
///
/// # Errors
/// [`Error::ClaimsMismatch`] when the text breaks a rule of the pre-scan (which then names
/// the rule), when `reader` refuses a member, or when the JSON does not have the shape of
/// `T`; [`Error::BufferTooSmall`] when the arena cannot hold an unescaped string the type
/// borrows.
pub(crate) fn read_object<'buf, T: de::Deserialize<'buf>, M: MemberReader<'buf> + ?Sized>(
    json: &'buf [u8],
    arena: &Arena<'buf>,
    max_depth: usize,
    reader: &mut M,
    members: &mut Members,
) -> Result<T, Error> {
    arena.exhausted.set(false);
    let text = core::str::from_utf8(json).map_err(|_| Error::InvalidJson)?;
    if text.len() > usize::from(u16::MAX) {
        return Err(Error::ClaimsMismatch);
    }
    let mut reader = Reader {
        sc: Scanner::new(text),
        arena,
        keys: Keys::new(),
        depth: 0,
        max_depth: max_depth.min(MAX_DEPTH),
        top_members: reader,
        members: Members::NotReported,
    };
    let read = T::deserialize(&mut reader);
    *members = reader.members;
    match read {
        Ok(value) if reader.sc.at_end() => Ok(value),
        Err(Mismatch) if arena.exhausted.get() => Err(Error::BufferTooSmall),
        Ok(_) | Err(Mismatch) => Err(Error::ClaimsMismatch),
    }
}

/// Why a value could not be handed to the caller's type: the JSON does not have its shape (or
/// a string found no room, which the arena remembers). serde's messages are dropped: there is
/// no heap to keep them in, and the caller gets one [`Error`] either way.
#[derive(Debug)]
pub(crate) struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the claims do not have the shape of the type")
    }
}

impl core::error::Error for Mismatch {}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Self
    }
}

/// The reader: the pre-scan's lexer and duplicate table, the depth, the arena for escaped
/// strings, and where the top-level members go.
struct Reader<'a, 'buf, M: ?Sized> {
    sc: Scanner<'buf>,
    arena: &'a Arena<'buf>,
    keys: Keys,
    /// How many containers are open around the position.
    depth: usize,
    max_depth: usize,
    /// What reads the top-level object's members it recognises.
    top_members: &'a mut M,
    members: Members,
}

/// A JSON integer as the widest type of its sign.
enum Integer {
    Unsigned(u64),
    Signed(i64),
}

impl<'buf, M: MemberReader<'buf> + ?Sized> Reader<'_, 'buf, M> {
    /// The next byte after any whitespace.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.sc.skip_ws();
        self.sc.peek()
    }

    /// Steps over `byte`, which must come next.
    fn expect(&mut self, byte: u8) -> Result<(), Mismatch> {
        if self.peek() != Some(byte) {
            return Err(Mismatch);
        }
        self.sc.bump();
        Ok(())
    }

    /// The next value, which must be a string, unescaped.
    #[inline]
    fn string(&mut self) -> Result<&'buf str, Mismatch> {
        let (content, escapes) = self.raw_string()?;
        self.unescaped(content, escapes)
    }

    /// A string's text, unescaped.
    #[inline]
    fn unescaped(&self, content: JsonStr<'buf>, escapes: Escapes) -> Result<&'buf str, Mismatch> {
        match escapes {
            Escapes::Absent => Ok(content.raw()),
            Escapes::Present => self.arena.unescape(content.raw()).ok_or(Mismatch),
        }
    }

    /// Opens a container, within the depth bound.
    fn open(&mut self, byte: u8) -> Result<(), Mismatch> {
        self.expect(byte)?;
        if self.depth >= self.max_depth {
            return Err(Mismatch);
        }
        self.depth = self.depth.saturating_add(1);
        Ok(())
    }

    /// Closes the innermost container with `byte`.
    fn close(&mut self, byte: u8) -> Result<(), Mismatch> {
        self.expect(byte)?;
        self.depth = self.depth.saturating_sub(1);
        Ok(())
    }

    /// The next member name of the object whose names start at slot `first`, refusing a
    /// duplicate.
    fn name(&mut self, first: usize) -> Result<(JsonStr<'buf>, Escapes), Mismatch> {
        if self.peek() != Some(b'"') {
            return Err(Mismatch);
        }
        self.sc.name(&mut self.keys, first).map_err(|_| Mismatch)
    }

    /// The next member name of the top-level object, refusing a duplicate, and which of the
    /// reader's members it is.
    fn top_name(&mut self) -> Result<(JsonStr<'buf>, Escapes, Option<Known>), Mismatch> {
        if self.peek() != Some(b'"') {
            return Err(Mismatch);
        }
        let reader = &*self.top_members;
        self.sc
            .top_name(&mut self.keys, |name| reader.recognise(name))
            .map_err(|_| Mismatch)
    }

    /// The next value, which must be a string, as written.
    #[inline]
    fn raw_string(&mut self) -> Result<(JsonStr<'buf>, Escapes), Mismatch> {
        if self.peek() != Some(b'"') {
            return Err(Mismatch);
        }
        self.sc.string_noting_escapes().map_err(|_| Mismatch)
    }

    /// The next value's text, which must be a number.
    fn number_text(&mut self) -> Result<&'buf str, Mismatch> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(Mismatch);
        }
        let start = self.sc.pos();
        self.sc.number().map_err(|_| Mismatch)?;
        self.sc.since(start).ok_or(Mismatch)
    }

    /// The literal `word`, which must come next.
    fn literal(&mut self, word: &str) -> Result<(), Mismatch> {
        self.sc.skip_ws();
        self.sc.literal(word).map_err(|_| Mismatch)
    }

    /// The next value, which must be an integer: fractions and exponents are not (a float
    /// field reads them; see [`Self::number`]).
    fn integer(&mut self) -> Result<Integer, Mismatch> {
        // Nearly every integer claim is a plain run of digits (a NumericDate): read the run
        // once, and go the general way only when a sign, fraction or exponent is there.
        if let Some(first @ b'0'..=b'9') = self.peek() {
            let start = self.sc.pos();
            let value = if let Some(value) = self.sc.small_integer() {
                Integer::Unsigned(value)
            } else {
                // Longer than a small integer: read the run, then its value.
                self.sc.digits();
                integer(self.sc.since(start).ok_or(Mismatch)?).ok_or(Mismatch)?
            };
            // A leading zero is outside the number grammar.
            if matches!(self.sc.peek(), Some(b'.' | b'e' | b'E'))
                || (first == b'0' && self.sc.pos() > start.saturating_add(1))
            {
                return Err(Mismatch);
            }
            return Ok(value);
        }
        integer(self.number_text()?).ok_or(Mismatch)
    }

    /// Any number, handed over whole when it is an integer (as `serde_json` does) and as an
    /// `f64` otherwise.
    fn number<V: Visitor<'buf>>(&mut self, visitor: V) -> Result<V::Value, Mismatch> {
        let text = self.number_text()?;
        match integer(text) {
            Some(Integer::Unsigned(v)) => visitor.visit_u64(v),
            Some(Integer::Signed(v)) => visitor.visit_i64(v),
            None => visitor.visit_f64(text.parse::<f64>().map_err(|_| Mismatch)?),
        }
    }
}

/// The integer `text` (of the JSON number grammar) spells, if it is one that fits.
fn integer(text: &str) -> Option<Integer> {
    if text.starts_with('-') {
        return text.parse::<i64>().ok().map(Integer::Signed);
    }
    small_integer(text.as_bytes())
        .or_else(|| text.parse::<u64>().ok())
        .map(Integer::Unsigned)
}

/// Whether an integer request takes negative numbers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Negatives {
    Allowed,
    /// Unsigned requests refuse every negative spelling, `-0` included, as serde-json-core did.
    Refused,
}

macro_rules! integers {
    ($($negatives:ident: $($method:ident)*;)*) => {$($(
        fn $method<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self.integer()? {
                Integer::Unsigned(v) => visitor.visit_u64(v),
                Integer::Signed(v) if Negatives::$negatives == Negatives::Allowed => {
                    visitor.visit_i64(v)
                }
                Integer::Signed(_) => Err(Mismatch),
            }
        }
    )*)*};
}

impl<'buf, M: MemberReader<'buf> + ?Sized> Deserializer<'buf> for &mut Reader<'_, 'buf, M> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.peek().ok_or(Mismatch)? {
            b'"' => visitor.visit_borrowed_str(self.string()?),
            b'{' => self.deserialize_map(visitor),
            b'[' => self.deserialize_seq(visitor),
            b't' | b'f' => self.deserialize_bool(visitor),
            b'n' => self.deserialize_unit(visitor),
            _ => self.number(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.peek() {
            Some(b't') => self.literal("true").and_then(|()| visitor.visit_bool(true)),
            Some(b'f') => self
                .literal("false")
                .and_then(|()| visitor.visit_bool(false)),
            _ => Err(Mismatch),
        }
    }

    integers! {
        Allowed: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128;
        Refused: deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128;
    }

    fn deserialize_f32<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.number(visitor)
    }

    fn deserialize_f64<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.number(visitor)
    }

    fn deserialize_char<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_str<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_borrowed_str(self.string()?)
    }

    /// JSON has no bytes; as with serde-json-core, a bytes field reads nothing.
    fn deserialize_bytes<V: Visitor<'buf>>(self, _visitor: V) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_byte_buf<V: Visitor<'buf>>(self, _visitor: V) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_option<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.literal("null")?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'buf>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'buf>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        if name == ESCAPED_STR_NAME {
            // The caller asked for the raw escaped text: hand it over untouched.
            let (content, _) = self.raw_string()?;
            return visitor.visit_newtype_struct(BorrowedStrDeserializer::new(content.raw()));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.open(b'[')?;
        let value = visitor.visit_seq(Elements {
            de: &mut *self,
            first: true,
        })?;
        // A visitor that stopped early (a tuple, a full fixed-capacity vector) leaves elements.
        self.close(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'buf>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'buf>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.open(b'{')?;
        let first_slot = self.keys.len();
        let top = self.depth == 1;
        let value = visitor.visit_map(Object {
            de: &mut *self,
            first_slot,
            next: Next::First,
            known: None,
            top,
        })?;
        self.keys.forget_from(first_slot);
        self.close(b'}')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'buf>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'buf>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        match self.peek() {
            Some(b'"') => visitor.visit_enum(UnitVariant(self)),
            Some(b'{') => {
                self.open(b'{')?;
                let value = visitor.visit_enum(TaggedVariant(&mut *self))?;
                self.close(b'}')?;
                Ok(value)
            }
            _ => Err(Mismatch),
        }
    }

    fn deserialize_identifier<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_ignored_any<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.sc.skip_ws();
        self.sc
            .value_within(self.depth, self.max_depth, &mut self.keys)
            .map_err(|_| Mismatch)?;
        visitor.visit_unit()
    }
}

/// The elements of an array, after its `[`.
struct Elements<'r, 'a, 'buf, M: ?Sized> {
    de: &'r mut Reader<'a, 'buf, M>,
    first: bool,
}

impl<'buf, M: MemberReader<'buf> + ?Sized> SeqAccess<'buf> for Elements<'_, '_, 'buf, M> {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'buf>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mismatch> {
        match (self.de.peek(), self.first) {
            (Some(b']'), _) => return Ok(None),
            (Some(b','), false) => self.de.sc.bump(),
            (Some(_), true) => {}
            _ => return Err(Mismatch),
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The members of an object, after its `{`: its names start at `first_slot` of the
/// reader's duplicate table, `known` is the member of the top-level object's reader whose
/// value comes next, and `top` tells the top-level object, whose members the reader may
/// recognise.
struct Object<'r, 'a, 'buf, M: ?Sized> {
    de: &'r mut Reader<'a, 'buf, M>,
    first_slot: usize,
    next: Next,
    known: Option<Known>,
    top: bool,
}

/// Whether the next member is the first, which has no comma before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    First,
    Later,
}

impl<'buf, M: MemberReader<'buf> + ?Sized> MapAccess<'buf> for Object<'_, '_, 'buf, M> {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'buf>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        match (self.de.peek(), self.next) {
            (Some(b'}'), _) => {
                if self.top {
                    self.de.members = Members::Reported;
                }
                return Ok(None);
            }
            (Some(b','), Next::Later) => self.de.sc.bump(),
            (Some(b'"'), Next::First) => {}
            _ => return Err(Mismatch),
        }
        self.next = Next::Later;
        let (name, escapes) = if self.top {
            let (name, escapes, known) = self.de.top_name()?;
            self.known = known;
            (name, escapes)
        } else {
            self.de.name(self.first_slot)?
        };
        let text = self.de.unescaped(name, escapes)?;
        seed.deserialize(Key(text)).map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'buf>>(&mut self, seed: T) -> Result<T::Value, Mismatch> {
        self.de.expect(b':')?;
        let Some(known) = self.known.take() else {
            return seed.deserialize(&mut *self.de);
        };
        // The value's text starts at its first byte, after any whitespace.
        self.de.sc.skip_ws();
        let start = self.de.sc.pos();
        let value = seed.deserialize(&mut *self.de)?;
        let raw = self.de.sc.since(start).ok_or(Mismatch)?;
        let value_text = Value::of_text(raw).ok_or(Mismatch)?;
        self.de
            .top_members
            .read(known, MemberValue::Text(value_text))
            .map_err(|_| Mismatch)?;
        Ok(value)
    }
}

/// A member name, unescaped: read as a string, whatever the key type asks for. Key types that
/// are not strings (integers, say) are refused rather than parsed out of the name.
struct Key<'buf>(&'buf str);

macro_rules! key_as_str {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'buf>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Mismatch> {
            $(let _ = $arg;)*
            visitor.visit_borrowed_str(self.0)
        }
    )*};
}

macro_rules! key_refused {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'buf>>(self, $($arg: $ty,)* _visitor: V) -> Result<V::Value, Mismatch> {
            $(let _ = $arg;)*
            Err(Mismatch)
        }
    )*};
}

impl<'buf> Deserializer<'buf> for Key<'buf> {
    type Error = Mismatch;

    key_as_str! {
        deserialize_any();
        deserialize_str();
        deserialize_string();
        deserialize_char();
        deserialize_identifier();
    }

    key_refused! {
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }

    fn deserialize_newtype_struct<V: Visitor<'buf>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }
}

/// An enum written as its variant's name: `"Variant"`.
struct UnitVariant<'r, 'a, 'buf, M: ?Sized>(&'r mut Reader<'a, 'buf, M>);

impl<'buf, M: MemberReader<'buf> + ?Sized> EnumAccess<'buf> for UnitVariant<'_, '_, 'buf, M> {
    type Error = Mismatch;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'buf>>(self, seed: T) -> Result<(T::Value, Self), Mismatch> {
        let variant = seed.deserialize(&mut *self.0)?;
        Ok((variant, self))
    }
}

impl<'buf, M: MemberReader<'buf> + ?Sized> VariantAccess<'buf> for UnitVariant<'_, '_, 'buf, M> {
    type Error = Mismatch;

    fn unit_variant(self) -> Result<(), Mismatch> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'buf>>(
        self,
        _seed: T,
    ) -> Result<T::Value, Mismatch> {
        Err(Mismatch)
    }

    fn tuple_variant<V: Visitor<'buf>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn struct_variant<V: Visitor<'buf>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }
}

/// An enum written as an object of one member, the variant's name and its content:
/// `{"Variant": …}` (the caller's `deserialize_enum` reads the braces).
struct TaggedVariant<'r, 'a, 'buf, M: ?Sized>(&'r mut Reader<'a, 'buf, M>);

impl<'buf, M: MemberReader<'buf> + ?Sized> EnumAccess<'buf> for TaggedVariant<'_, '_, 'buf, M> {
    type Error = Mismatch;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'buf>>(self, seed: T) -> Result<(T::Value, Self), Mismatch> {
        let first_slot = self.0.keys.len();
        let (name, escapes) = self.0.name(first_slot)?;
        self.0.keys.forget_from(first_slot);
        let variant = seed.deserialize(Key(self.0.unescaped(name, escapes)?))?;
        self.0.expect(b':')?;
        Ok((variant, self))
    }
}

impl<'buf, M: MemberReader<'buf> + ?Sized> VariantAccess<'buf> for TaggedVariant<'_, '_, 'buf, M> {
    type Error = Mismatch;

    fn unit_variant(self) -> Result<(), Mismatch> {
        de::Deserialize::deserialize(&mut *self.0)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'buf>>(self, seed: T) -> Result<T::Value, Mismatch> {
        seed.deserialize(&mut *self.0)
    }

    fn tuple_variant<V: Visitor<'buf>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.0.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'buf>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.0.deserialize_map(visitor)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::borrow::ToOwned;
    use std::format;
    use std::string::{String, ToString};
    use std::vec;
    use std::vec::Vec;

    use proptest::prelude::*;
    use serde::Deserialize;

    use super::*;

    type Text = heapless::String<64>;

    /// A type that asks for every kind of value, owned (so that serde-json-core, the twin,
    /// unescapes too).
    #[derive(Deserialize, Debug, PartialEq)]
    struct Shape {
        s: Option<Text>,
        u: Option<u64>,
        i: Option<i32>,
        f: Option<f64>,
        b: Option<bool>,
        list: Option<heapless::Vec<Text, 4>>,
        nested: Option<Inner>,
        e: Option<Variant>,
        pair: Option<(u8, Text)>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Inner {
        a: Option<u32>,
        z: Option<Text>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    enum Variant {
        One,
        Two,
    }

    /// What the pre-scan accepts, read by this module.
    fn ours<'a, T: Deserialize<'a>>(json: &'a [u8], space: &'a mut [u8]) -> Option<T> {
        super::super::scan_object(json, 16, |_, _| Ok(())).ok()?;
        let arena = Arena::new(json, space);
        from_slice(json, &arena, 16).ok()
    }

    fn member_value() -> impl Strategy<Value = String> {
        let text = prop_oneof![
            "[a-z]{0,6}".prop_map(|s| format!("\"{s}\"")),
            Just(r#""a\"b\\c\u00e9\n""#.to_owned()),
            Just(r#""\ud83d\ude00""#.to_owned()),
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
        ];
        let leaf = prop_oneof![
            text,
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| format!("{f:e}")),
            Just("-0".to_owned()),
            Just("1.5".to_owned()),
            Just("1e3".to_owned()),
            Just("255".to_owned()),
            Just("256".to_owned()),
            Just("true".to_owned()),
            Just("null".to_owned()),
            Just("\"One\"".to_owned()),
            Just("\"Three\"".to_owned()),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5)
                    .prop_map(|v| format!("[{}]", v.join(" , "))),
                proptest::collection::vec(
                    (prop_oneof![Just("a"), Just("z"), Just("q")], inner),
                    0..3
                )
                .prop_map(|v| {
                    let members: Vec<String> =
                        v.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// On every text the pre-scan accepts, this reader gives exactly what serde-json-core
        /// (with unescaping) gives: the same value, or a refusal both times.
        #[test]
        fn reads_what_serde_json_core_reads(members in proptest::collection::vec((
            prop_oneof![
                Just("s"), Just("u"), Just("i"), Just("f"), Just("b"), Just("list"),
                Just("nested"), Just("e"), Just("pair"), Just("other"),
            ],
            member_value(),
        ), 0..6)) {
            let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let json = format!("{{ {} }}", body.join(", "));
            let mut space = vec![0u8; json.len()];
            let mine = ours::<Shape>(json.as_bytes(), &mut space);
            // serde-json-core refuses surrogate pairs (`\ud83d\ude00`), which RFC 8259 §7
            // allows; that case is pinned below instead.
            let pair = json.to_ascii_lowercase().contains("\\ud8")
                || ["\\ud9", "\\uda", "\\udb"].iter().any(|p| json.to_ascii_lowercase().contains(p));
            if !pair && super::super::scan_object(json.as_bytes(), 16, |_, _| Ok(())).is_ok() {
                let mut unescape = [0u8; 256];
                let twin = serde_json_core::from_slice_escaped::<Shape>(json.as_bytes(), &mut unescape)
                    .ok()
                    .map(|(value, _)| value);
                prop_assert_eq!(mine, twin, "{}", json);
            }
        }
    }

    #[test]
    fn a_mismatch_says_what_it_is() {
        // What a caller's own `Deserialize` code sees if it formats the error it is given.
        assert_eq!(
            Mismatch.to_string(),
            "the claims do not have the shape of the type"
        );
    }

    #[test]
    fn borrowed_strings_arrive_unescaped_and_escaped_str_raw() {
        #[derive(Deserialize)]
        struct Claims<'a> {
            plain: &'a str,
            quoted: &'a str,
            pair: &'a str,
            #[serde(borrow)]
            raw: serde_json_core::str::EscapedStr<'a>,
        }
        let json = br#"{"plain":"abc","quoted":"a\"b\u00e9","pair":"\ud83d\ude00","raw":"x\ny"}"#;
        let mut space = [0u8; 64];
        let claims: Claims<'_> = ours(json, &mut space).unwrap();
        assert_eq!(claims.plain, "abc");
        assert_eq!(claims.quoted, "a\"b\u{e9}");
        assert_eq!(claims.pair, "\u{1F600}");
        assert_eq!(claims.raw.0, r"x\ny");
    }
}
