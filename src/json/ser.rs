//! A serde JSON serializer that writes to a [`Sink`]: the caller's buffer, or a counter that
//! computes the exact length first.
//!
//! Strings are copied in runs between the characters that need escaping, rather than one
//! character at a time; numbers are formatted without `core::fmt`. Output is compact RFC 8259
//! JSON: non-ASCII text is written as UTF-8, `"`, `\` and control characters are escaped, and
//! values JSON cannot represent (non-finite floats, non-string map keys) are refused instead of
//! being turned into `null` or a guess.

use core::fmt;

use serde::ser::{self, Serialize};

use super::known::MemberReader;
use super::scan::Container;
use super::watch::{Checked, Checks, NoWatch, Watch};
use crate::error::Error;

/// Where serialized bytes go.
pub(crate) trait Sink {
    fn write(&mut self, bytes: &[u8]) -> Outcome;

    /// Everything written so far, where the sink keeps it (a counter keeps nothing).
    fn written(&self) -> &[u8] {
        &[]
    }

    /// Writes `open`, `body` and `close`: a string with its quotes, a name with its
    /// punctuation. One call, because the calls cost more than the bytes in compact JSON.
    fn write_enclosed(&mut self, open: &[u8], body: &[u8], close: &[u8]) -> Outcome {
        self.write(open)?;
        self.write(body)?;
        self.write(close)
    }
}

/// Counts bytes without storing them.
#[derive(Default)]
pub(crate) struct Counter(pub usize);

impl Sink for Counter {
    fn write(&mut self, bytes: &[u8]) -> Outcome {
        self.0 = self
            .0
            .checked_add(bytes.len())
            .ok_or(Error::BufferTooSmall)?;
        Ok(())
    }
}

/// Writes into a slice, failing when it is full.
pub(crate) struct SliceSink<'a> {
    pub buf: &'a mut [u8],
    pub len: usize,
}

impl Sink for SliceSink<'_> {
    fn written(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    // Inlined, so that the one-byte punctuation writes become a store.
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> Outcome {
        let end = self
            .len
            .checked_add(bytes.len())
            .ok_or(Error::BufferTooSmall)?;
        let dst = self
            .buf
            .get_mut(self.len..end)
            .ok_or(Error::BufferTooSmall)?;
        if let (Ok(dst), Ok(src)) = (
            <&mut [u8; 1]>::try_from(&mut *dst),
            <&[u8; 1]>::try_from(bytes),
        ) {
            // Most writes are one punctuation byte; a call to `memcpy` would cost more.
            *dst = *src;
        } else {
            dst.copy_from_slice(bytes);
        }
        self.len = end;
        Ok(())
    }
}

/// Serializes `value` as compact JSON into `sink`.
pub(crate) fn to_sink<T: Serialize + ?Sized, S: Sink>(value: &T, sink: &mut S) -> Outcome {
    value
        .serialize(&mut Ser {
            sink,
            watch: NoWatch,
        })
        .map_err(|e| e.0)
}

/// Serializes `value` as compact JSON into `sink` and applies the pre-scan's rules while
/// writing (see [`Checks`]): nesting within `max_depth`, no duplicate member names, each
/// top-level member that `reader` recognises handed to it. A top-level value that is not an
/// object fails with [`Error::NotAnObject`] when it is an array, and is left to the caller
/// otherwise.
pub(crate) fn to_sink_checked<T, M>(
    value: &T,
    sink: &mut SliceSink<'_>,
    max_depth: usize,
    reader: M,
) -> core::result::Result<Checked, Error>
where
    T: Serialize + ?Sized,
    M: for<'x> MemberReader<'x>,
{
    let mut ser = Ser {
        sink,
        watch: Checks::new(max_depth, reader),
    };
    value.serialize(&mut ser).map_err(|e| e.0)?;
    ser.watch.verdict()
}

/// The serializer's error: one of the crate's errors, so that "buffer full" and "not
/// representable" stay distinct.
#[derive(Debug)]
pub(crate) struct SerError(Error);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl core::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Self(Error::Unserializable)
    }
}

impl From<Error> for SerError {
    fn from(e: Error) -> Self {
        Self(e)
    }
}

type Result<T = ()> = core::result::Result<T, SerError>;

/// How a string was written: its content as it is, or with escapes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    AsItIs,
    Escaped,
}
type Outcome = core::result::Result<(), Error>;

struct Ser<'s, S, W> {
    sink: &'s mut S,
    watch: W,
}

impl<S: Sink, W: Watch> Ser<'_, S, W> {
    /// Opens a container with `bracket`, the watch told first (its depth bound is the first
    /// rule a container can break).
    fn open(&mut self, container: Container, bracket: &[u8]) -> Result<W::Frame> {
        let frame = self.watch.open(container);
        self.raw(bracket)?;
        Ok(frame)
    }

    /// Where the next byte will be written.
    fn at(&self) -> usize {
        self.sink.written().len()
    }

    /// Tells the watch that the string from `quote` to here is a member name.
    fn named(&mut self, quote: usize) {
        let end = self.at();
        self.watch.name(self.sink.written(), quote, end);
    }

    /// Tells the watch that a member's value was written from `start` to here.
    fn valued(&mut self, start: usize) {
        self.watch.value(self.sink.written(), start);
    }

    /// `{"variant":`, an object of one member opened for an enum variant's content.
    fn variant_open(&mut self, variant: &str) -> Result<(W::Frame, usize)> {
        let frame = self.open(Container::Object, b"{")?;
        let quote = self.at();
        self.string(variant)?;
        self.named(quote);
        self.raw(b":")?;
        Ok((frame, self.at()))
    }

    /// Closes what [`Self::variant_open`] opened, the content having been written.
    fn variant_close(&mut self, (frame, start): (W::Frame, usize)) -> Result {
        self.valued(start);
        self.raw(b"}")?;
        self.watch.close(frame);
        Ok(())
    }

    fn raw(&mut self, bytes: &[u8]) -> Result {
        Ok(self.sink.write(bytes)?)
    }

    fn string(&mut self, s: &str) -> Result {
        self.string_telling(s).map(|_| ())
    }

    /// [`Self::string`], telling whether the string's text is `s` itself.
    fn string_telling(&mut self, s: &str) -> Result<Written> {
        if crate::bytes::plain_run(s.as_bytes()) == s.len() {
            self.sink.write_enclosed(b"\"", s.as_bytes(), b"\"")?;
            return Ok(Written::AsItIs);
        }
        self.raw(b"\"")?;
        let mut rest = s.as_bytes();
        loop {
            // Runs of bytes that need no escape are written whole.
            let (plain, tail) = rest
                .split_at_checked(crate::bytes::plain_run(rest))
                .unwrap_or((rest, &[]));
            self.raw(plain)?;
            let Some((&b, after)) = tail.split_first() else {
                break;
            };
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                _ => &[],
            };
            if escape.is_empty() {
                let hex = b"0123456789abcdef";
                let hi = hex.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
                let lo = hex.get(usize::from(b & 0xF)).copied().unwrap_or(b'0');
                self.raw(&[b'\\', b'u', b'0', b'0', hi, lo])?;
            } else {
                self.raw(escape)?;
            }
            rest = after;
        }
        self.raw(b"\"")?;
        Ok(Written::Escaped)
    }

    /// An integer value: written, and told to the watch as the number it is.
    fn signed_value(&mut self, v: i128) -> Result {
        self.signed(v)?;
        self.watch.integer(v);
        Ok(())
    }

    /// [`Self::signed_value`] for an unsigned integer (one beyond `i128` is only written, and
    /// read back like any other text).
    fn unsigned_value(&mut self, v: u128) -> Result {
        self.unsigned(v)?;
        if let Ok(v) = i128::try_from(v) {
            self.watch.integer(v);
        }
        Ok(())
    }

    fn unsigned(&mut self, v: u128) -> Result {
        let mut buf = itoa::Buffer::new();
        // A date fits a `u64`, whose digits are formatted two at a time with machine words;
        // only a wider value takes the `u128` arithmetic.
        let text = match u64::try_from(v) {
            Ok(narrow) => buf.format(narrow),
            Err(_) => buf.format(v),
        };
        self.raw(text.as_bytes())
    }

    fn signed(&mut self, v: i128) -> Result {
        let mut buf = itoa::Buffer::new();
        let text = match i64::try_from(v) {
            Ok(narrow) => buf.format(narrow),
            Err(_) => buf.format(v),
        };
        self.raw(text.as_bytes())
    }

    fn float(&mut self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(SerError(Error::Unserializable));
        }
        let mut buf = ryu::Buffer::new();
        self.raw(buf.format_finite(v).as_bytes())
    }
}

/// The struct names `serde_json` uses to pass already-formatted JSON through a serializer: a
/// number under its `arbitrary_precision` feature, and a `RawValue`. Their text is written as it
/// is; a checking serializer then has the whole output read back (see `watch`), so nothing
/// unchecked gets signed.
const VERBATIM: [&str; 2] = [
    "$serde_json::private::Number",
    "$serde_json::private::RawValue",
];

/// Arrays and objects in progress.
struct Compound<'a, 's, S, W: Watch> {
    ser: &'a mut Ser<'s, S, W>,
    next: Next,
    fields: Fields,
    /// The container's frame, and its closing bracket (none for verbatim fields).
    close: Option<(W::Frame, &'static [u8])>,
    /// For an enum variant's content: the one-member object around it.
    variant: Option<(W::Frame, usize)>,
    /// Where the value of the map entry being written starts.
    value_start: usize,
}

/// Whether the next element is the first, which has no comma before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    First,
    Later,
}

/// What a compound's fields are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Values to serialize as JSON.
    Json,
    /// Pre-formatted JSON text to copy (see [`VERBATIM`]).
    Verbatim,
}

impl<'a, 's, S: Sink, W: Watch> Compound<'a, 's, S, W> {
    /// An array or object of JSON values, opened with `open`, closed by `close`.
    fn json(
        ser: &'a mut Ser<'s, S, W>,
        container: Container,
        (open, close): (&'static [u8], &'static [u8]),
    ) -> Result<Self> {
        let frame = ser.open(container, open)?;
        Ok(Self {
            ser,
            next: Next::First,
            fields: Fields::Json,
            close: Some((frame, close)),
            variant: None,
            value_start: 0,
        })
    }

    /// The content of an enum variant, inside `{"variant":` … `}`.
    fn variant(
        ser: &'a mut Ser<'s, S, W>,
        variant: &str,
        container: Container,
        brackets: (&'static [u8], &'static [u8]),
    ) -> Result<Self> {
        let outer = ser.variant_open(variant)?;
        let mut compound = Self::json(ser, container, brackets)?;
        compound.variant = Some(outer);
        Ok(compound)
    }

    /// A struct whose fields are pre-formatted JSON text.
    fn verbatim(ser: &'a mut Ser<'s, S, W>) -> Self {
        ser.watch.verbatim();
        Self {
            ser,
            next: Next::First,
            fields: Fields::Verbatim,
            close: None,
            variant: None,
            value_start: 0,
        }
    }
}

impl<S: Sink, W: Watch> Compound<'_, '_, S, W> {
    fn comma(&mut self) -> Result {
        if self.next == Next::First {
            self.next = Next::Later;
            Ok(())
        } else {
            self.ser.raw(b",")
        }
    }

    fn member<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        if crate::bytes::is_short_plain(key.as_bytes()) {
            let open: &[u8] = match self.next {
                Next::First => b"\"",
                Next::Later => b",\"",
            };
            self.next = Next::Later;
            let quote = self.ser.at().saturating_add(open.len()).saturating_sub(1);
            self.ser.sink.write_enclosed(open, key.as_bytes(), b"\":")?;
            self.ser
                .watch
                .field_name(self.ser.sink.written(), quote, key);
        } else {
            self.comma()?;
            let quote = self.ser.at();
            self.ser.string(key)?;
            self.ser.named(quote);
            self.ser.raw(b":")?;
        }
        let start = self.ser.at();
        value.serialize(&mut *self.ser)?;
        self.ser.valued(start);
        Ok(())
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.comma()?;
        value.serialize(&mut *self.ser)
    }

    fn finish(self) -> Result {
        if let Some((frame, close)) = self.close {
            self.ser.raw(close)?;
            self.ser.watch.close(frame);
        }
        match self.variant {
            Some(outer) => self.ser.variant_close(outer),
            None => Ok(()),
        }
    }
}

impl<'a, 's, S: Sink, W: Watch> ser::Serializer for &'a mut Ser<'s, S, W> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = Compound<'a, 's, S, W>;
    type SerializeTuple = Compound<'a, 's, S, W>;
    type SerializeTupleStruct = Compound<'a, 's, S, W>;
    type SerializeTupleVariant = Compound<'a, 's, S, W>;
    type SerializeMap = Compound<'a, 's, S, W>;
    type SerializeStruct = Compound<'a, 's, S, W>;
    type SerializeStructVariant = Compound<'a, 's, S, W>;

    fn serialize_bool(self, v: bool) -> Result {
        self.raw(if v { b"true" } else { b"false" })
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.signed_value(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.signed_value(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.signed_value(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.signed_value(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.signed_value(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.unsigned_value(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.unsigned_value(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.unsigned_value(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.unsigned_value(v.into())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.unsigned_value(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.float(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        if self.string_telling(v)? == Written::AsItIs {
            self.watch.plain_string(v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        // As serde_json does: an array of numbers, never raw bytes in the output.
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result {
        self.raw(b"null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.raw(b"null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.raw(b"null")
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let outer = self.variant_open(variant)?;
        value.serialize(&mut *self)?;
        self.variant_close(outer)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Compound::json(self, Container::Array, (b"[", b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Compound::variant(self, variant, Container::Array, (b"[", b"]"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Compound::json(self, Container::Object, (b"{", b"}"))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        if VERBATIM.contains(&name) {
            return Ok(Compound::verbatim(self));
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Compound::variant(self, variant, Container::Object, (b"{", b"}"))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, _value: &T) -> Result {
        // Formatting arbitrary Display values would need core::fmt and an unbounded buffer.
        Err(SerError(Error::Unserializable))
    }
}

impl<S: Sink, W: Watch> ser::SerializeSeq for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.finish()
    }
}

impl<S: Sink, W: Watch> ser::SerializeTuple for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.finish()
    }
}

impl<S: Sink, W: Watch> ser::SerializeTupleStruct for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.finish()
    }
}

impl<S: Sink, W: Watch> ser::SerializeTupleVariant for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.finish()
    }
}

impl<S: Sink, W: Watch> ser::SerializeMap for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.comma()?;
        let quote = self.ser.at();
        key.serialize(KeySer {
            ser: &mut *self.ser,
        })?;
        self.ser.named(quote);
        self.ser.raw(b":")?;
        self.value_start = self.ser.at();
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)?;
        self.ser.valued(self.value_start);
        Ok(())
    }
    fn end(self) -> Result {
        self.finish()
    }
}

impl<S: Sink, W: Watch> ser::SerializeStruct for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        if self.fields == Fields::Verbatim {
            return value.serialize(Verbatim {
                ser: &mut *self.ser,
            });
        }
        self.member(key, value)
    }
    fn end(self) -> Result {
        self.finish()
    }
}

impl<S: Sink, W: Watch> ser::SerializeStructVariant for Compound<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.member(key, value)
    }
    fn end(self) -> Result {
        self.finish()
    }
}

/// The methods of a serializer for a single string-like value: everything that is not a
/// string, a number or a newtype is refused.
macro_rules! refuse_compound {
    () => {
        fn serialize_bool(self, _v: bool) -> Result {
            refuse()
        }
        fn serialize_f32(self, _v: f32) -> Result {
            refuse()
        }
        fn serialize_f64(self, _v: f64) -> Result {
            refuse()
        }
        fn serialize_bytes(self, _v: &[u8]) -> Result {
            refuse()
        }
        fn serialize_none(self) -> Result {
            refuse()
        }
        fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result {
            refuse()
        }
        fn serialize_unit(self) -> Result {
            refuse()
        }
        fn serialize_unit_struct(self, _name: &'static str) -> Result {
            refuse()
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _value: &T,
        ) -> Result {
            refuse()
        }
        fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
            refuse()
        }
        fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
            refuse()
        }
        fn serialize_tuple_struct(
            self,
            _name: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeTupleStruct> {
            refuse()
        }
        fn serialize_tuple_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeTupleVariant> {
            refuse()
        }
        fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
            refuse()
        }
        fn serialize_struct(
            self,
            _name: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeStruct> {
            refuse()
        }
        fn serialize_struct_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeStructVariant> {
            refuse()
        }
        fn collect_str<T: fmt::Display + ?Sized>(self, _value: &T) -> Result {
            refuse()
        }
    };
}

/// The scalar methods, refused, for a serializer that takes only a pre-formatted string.
macro_rules! refuse_scalars {
    () => {
        fn serialize_i8(self, _v: i8) -> Result {
            refuse()
        }
        fn serialize_i16(self, _v: i16) -> Result {
            refuse()
        }
        fn serialize_i32(self, _v: i32) -> Result {
            refuse()
        }
        fn serialize_i64(self, _v: i64) -> Result {
            refuse()
        }
        fn serialize_u8(self, _v: u8) -> Result {
            refuse()
        }
        fn serialize_u16(self, _v: u16) -> Result {
            refuse()
        }
        fn serialize_u32(self, _v: u32) -> Result {
            refuse()
        }
        fn serialize_u64(self, _v: u64) -> Result {
            refuse()
        }
        fn serialize_char(self, _v: char) -> Result {
            refuse()
        }
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
        ) -> Result {
            refuse()
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _value: &T,
        ) -> Result {
            refuse()
        }
    };
}

/// Copies a pre-formatted JSON string as it is.
struct Verbatim<'a, 's, S, W> {
    ser: &'a mut Ser<'s, S, W>,
}

impl<S: Sink, W: Watch> ser::Serializer for Verbatim<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = ser::Impossible<(), SerError>;
    type SerializeTuple = ser::Impossible<(), SerError>;
    type SerializeTupleStruct = ser::Impossible<(), SerError>;
    type SerializeTupleVariant = ser::Impossible<(), SerError>;
    type SerializeMap = ser::Impossible<(), SerError>;
    type SerializeStruct = ser::Impossible<(), SerError>;
    type SerializeStructVariant = ser::Impossible<(), SerError>;

    fn serialize_str(self, v: &str) -> Result {
        self.ser.raw(v.as_bytes())
    }

    refuse_scalars!();
    refuse_compound!();
}

/// Map keys: JSON member names are strings, so only string-like keys (and integers, quoted as
/// `serde_json` does) are accepted.
struct KeySer<'a, 's, S, W> {
    ser: &'a mut Ser<'s, S, W>,
}

impl<S: Sink, W: Watch> KeySer<'_, '_, S, W> {
    fn quoted(self, f: impl FnOnce(&mut Ser<'_, S, W>) -> Result) -> Result {
        self.ser.raw(b"\"")?;
        f(self.ser)?;
        self.ser.raw(b"\"")
    }
}

fn refuse<T>() -> Result<T> {
    Err(SerError(Error::Unserializable))
}

impl<S: Sink, W: Watch> ser::Serializer for KeySer<'_, '_, S, W> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = ser::Impossible<(), SerError>;
    type SerializeTuple = ser::Impossible<(), SerError>;
    type SerializeTupleStruct = ser::Impossible<(), SerError>;
    type SerializeTupleVariant = ser::Impossible<(), SerError>;
    type SerializeMap = ser::Impossible<(), SerError>;
    type SerializeStruct = ser::Impossible<(), SerError>;
    type SerializeStructVariant = ser::Impossible<(), SerError>;

    fn serialize_str(self, v: &str) -> Result {
        self.ser.string(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.ser.string(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.ser.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.quoted(|s| s.signed(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.quoted(|s| s.signed(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.quoted(|s| s.signed(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.quoted(|s| s.signed(v.into()))
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.quoted(|s| s.signed(v))
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.quoted(|s| s.unsigned(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.quoted(|s| s.unsigned(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.quoted(|s| s.unsigned(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.quoted(|s| s.unsigned(v.into()))
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.quoted(|s| s.unsigned(v))
    }

    refuse_compound!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize + ?Sized>(v: &T) -> heapless::String<256> {
        let mut buf = [0u8; 256];
        let mut sink = SliceSink {
            buf: &mut buf,
            len: 0,
        };
        to_sink(v, &mut sink).unwrap();
        let len = sink.len;
        let mut counter = Counter::default();
        to_sink(v, &mut counter).unwrap();
        assert_eq!(counter.0, len, "the counter agrees with the writer");
        heapless::String::try_from(core::str::from_utf8(&buf[..len]).unwrap()).unwrap()
    }

    #[test]
    fn its_error_displays_the_crate_error() {
        extern crate std;
        use std::string::ToString;
        assert_eq!(
            SerError(Error::Unserializable).to_string(),
            Error::Unserializable.message()
        );
    }

    #[test]
    fn escapes_exactly_what_json_requires() {
        assert_eq!(
            json("a\"b\\c\n\u{1}é😀/").as_str(),
            r#""a\"b\\c\n\u0001é😀/""#
        );
        assert_eq!(
            json(&(-5i64, u64::MAX, 1.5f64, true, ())).as_str(),
            "[-5,18446744073709551615,1.5,true,null]"
        );
        assert_eq!(
            json(&i128::MIN).as_str(),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(json(&[0u8; 0]).as_str(), "[]");
    }

    #[test]
    fn refuses_what_json_cannot_say() {
        let mut counter = Counter::default();
        assert_eq!(to_sink(&f64::NAN, &mut counter), Err(Error::Unserializable));
        assert_eq!(
            to_sink(&f64::INFINITY, &mut counter),
            Err(Error::Unserializable)
        );
        let mut small = [0u8; 3];
        let mut sink = SliceSink {
            buf: &mut small,
            len: 0,
        };
        assert_eq!(to_sink("abcdef", &mut sink), Err(Error::BufferTooSmall));
    }
}
