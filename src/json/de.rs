//! serde deserialization of pre-scanned JSON, with escaped strings unescaped into the caller's
//! scratch buffer.
//!
//! serde-json-core hands a borrowed `&str` field the raw, still-escaped slice of the input: a
//! claim `"a\"b"` would silently arrive as `a\"b`. This module wraps its deserializer so that
//! every string with an escape is unescaped into an [`Arena`] carved from the scratch buffer and
//! handed on as a string borrowed for the same lifetime as the rest of the claims. Strings
//! without escapes (nearly all of them) are passed through untouched. serde-json-core's own
//! `EscapedStr` is passed through raw, as its users expect.

use core::cell::Cell;
use core::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::string::JsonStr;
use crate::error::Error;

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
    /// Whether `json` has a backslash anywhere, found out once: most documents have none,
    /// and then no string needs looking at.
    escapes: Cell<Option<bool>>,
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
            escapes: Cell::new(None),
        }
    }

    /// Whether any string of the document may be escaped.
    fn has_escapes(&self) -> bool {
        let escapes = self
            .escapes
            .get()
            .unwrap_or_else(|| crate::bytes::contains(self.json, b'\\'));
        self.escapes.set(Some(escapes));
        escapes
    }

    /// The unescaped text of `raw`, a string's content borrowed from the document.
    fn unescape(&self, raw: &'buf str) -> Option<&'buf str> {
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

/// Deserializes `T` from JSON text that has passed the pre-scan.
///
/// # Errors
/// [`Error::BufferTooSmall`] when the arena cannot hold an unescaped string the type borrows;
/// [`Error::ClaimsMismatch`] when the JSON does not have the shape of `T`.
pub(crate) fn from_slice<'buf, T: de::Deserialize<'buf>>(
    json: &'buf [u8],
    arena: &Arena<'buf>,
) -> Result<T, Error> {
    arena.exhausted.set(false);
    let mut de = serde_json_core::de::Deserializer::new(json, None);
    match T::deserialize(Unescaping {
        inner: &mut de,
        arena,
    }) {
        Ok(value) => {
            de.end().map_err(|_| Error::InvalidJson)?;
            Ok(value)
        }
        Err(_) if arena.exhausted.get() => Err(Error::BufferTooSmall),
        Err(_) => Err(Error::ClaimsMismatch),
    }
}

struct Unescaping<'a, 'buf, D> {
    inner: D,
    arena: &'a Arena<'buf>,
}

struct Wrap<'a, 'buf, X> {
    inner: X,
    arena: &'a Arena<'buf>,
}

impl<'a, 'buf, X> Wrap<'a, 'buf, X> {
    fn new(inner: X, arena: &'a Arena<'buf>) -> Self {
        Self { inner, arena }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'buf>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Wrap::new(visitor, self.arena))
        }
    )*};
}

impl<'buf, D: Deserializer<'buf>> Deserializer<'buf> for Unescaping<'_, 'buf, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any();
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
        deserialize_char();
        deserialize_str();
        deserialize_string();
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
        deserialize_identifier();
    }

    fn deserialize_newtype_struct<V: Visitor<'buf>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name == ESCAPED_STR_NAME {
            // The caller asked for the raw escaped text: hand it over untouched.
            return self.inner.deserialize_newtype_struct(name, visitor);
        }
        self.inner
            .deserialize_newtype_struct(name, Wrap::new(visitor, self.arena))
    }

    fn deserialize_ignored_any<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'buf, V: Visitor<'buf>> Visitor<'buf> for Wrap<'_, 'buf, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'buf [u8]);
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'buf str) -> Result<Self::Value, E> {
        if !self.arena.has_escapes() || !v.as_bytes().contains(&b'\\') {
            return self.inner.visit_borrowed_str(v);
        }
        match self.arena.unescape(v) {
            Some(text) => self.inner.visit_borrowed_str(text),
            None => Err(E::custom("scratch buffer too small to unescape a string")),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'buf>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_some(Unescaping {
            inner: d,
            arena: self.arena,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'buf>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_newtype_struct(Unescaping {
            inner: d,
            arena: self.arena,
        })
    }

    fn visit_seq<A: SeqAccess<'buf>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_seq(Wrap::new(seq, self.arena))
    }

    fn visit_map<A: MapAccess<'buf>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(Wrap::new(map, self.arena))
    }

    fn visit_enum<A: EnumAccess<'buf>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_enum(Wrap::new(data, self.arena))
    }
}

impl<'buf, S: DeserializeSeed<'buf>> DeserializeSeed<'buf> for Wrap<'_, 'buf, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'buf>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.deserialize(Unescaping {
            inner: d,
            arena: self.arena,
        })
    }
}

impl<'buf, A: SeqAccess<'buf>> SeqAccess<'buf> for Wrap<'_, 'buf, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'buf>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(Wrap::new(seed, self.arena))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'buf, A: MapAccess<'buf>> MapAccess<'buf> for Wrap<'_, 'buf, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'buf>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner
            .next_key_seed(KeySeed(Wrap::new(seed, self.arena)))
    }

    fn next_value_seed<T: DeserializeSeed<'buf>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.next_value_seed(Wrap::new(seed, self.arena))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'a, 'buf, A: EnumAccess<'buf>> EnumAccess<'buf> for Wrap<'a, 'buf, A> {
    type Error = A::Error;
    type Variant = Wrap<'a, 'buf, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'buf>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let arena = self.arena;
        let (value, variant) = self.inner.variant_seed(Wrap::new(seed, arena))?;
        Ok((value, Wrap::new(variant, arena)))
    }
}

impl<'buf, A: VariantAccess<'buf>> VariantAccess<'buf> for Wrap<'_, 'buf, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'buf>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(Wrap::new(seed, self.arena))
    }

    fn tuple_variant<V: Visitor<'buf>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner
            .tuple_variant(len, Wrap::new(visitor, self.arena))
    }

    fn struct_variant<V: Visitor<'buf>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner
            .struct_variant(fields, Wrap::new(visitor, self.arena))
    }
}

/// A map key. serde-json-core's key deserializer reaches `unreachable!()` for every request but
/// a borrowed string (a `String` or integer key type would panic), so key requests are routed
/// here: string-like ones to `deserialize_str`, everything else to an error.
struct KeySeed<'a, 'buf, S>(Wrap<'a, 'buf, S>);

impl<'buf, S: DeserializeSeed<'buf>> DeserializeSeed<'buf> for KeySeed<'_, 'buf, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'buf>>(self, d: D) -> Result<Self::Value, D::Error> {
        let arena = self.0.arena;
        self.0.inner.deserialize(KeyDe { inner: d, arena })
    }
}

struct KeyDe<'a, 'buf, D> {
    inner: D,
    arena: &'a Arena<'buf>,
}

macro_rules! key_as_str {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'buf>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            $(let _ = $arg;)*
            self.inner.deserialize_str(Wrap::new(visitor, self.arena))
        }
    )*};
}

macro_rules! key_refused {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'buf>>(self, $($arg: $ty,)* _visitor: V) -> Result<V::Value, D::Error> {
            $(let _ = $arg;)*
            Err(de::Error::custom("map keys must deserialize from strings"))
        }
    )*};
}

impl<'buf, D: Deserializer<'buf>> Deserializer<'buf> for KeyDe<'_, 'buf, D> {
    type Error = D::Error;

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
    ) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'buf>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_ignored_any(visitor)
    }
}
