//! The bounded pre-scan: one pass, no recursion, no allocation.
//!
//! It accepts exactly RFC 8259 JSON text whose top-level value is an object, and on the way
//! enforces the crate's limits: nesting depth, duplicate member names at every level (compared
//! by unescaped meaning), and a bound on the member names it must remember. Each top-level member
//! is reported to a callback with its raw value text, which is how the header and the registered
//! claims are read without a second parse.

use super::known::Known;
use super::string::{JsonStr, next_char};
use crate::bytes::{digit_run, leading_integer, plain_run};
use crate::error::Error;
use crate::limits::{MAX_DEPTH, MAX_OPEN_MEMBERS};

/// The JSON type of a value (RFC 8259 §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `{…}`
    Object,
    /// `[…]`
    Array,
    /// `"…"`
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

/// A top-level member's value: its type and raw text (for strings, the content between the
/// quotes, still escaped).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Value<'a> {
    pub kind: Kind,
    pub raw: &'a str,
}

impl<'a> Value<'a> {
    /// A whole value's text (a string with its quotes), already known to be valid JSON, as a
    /// value: its type from its first byte, a string's content between the quotes.
    #[cfg_attr(feature = "fast", inline)]
    pub(super) fn of_text(text: &'a str) -> Option<Self> {
        let kind = match text.as_bytes().first()? {
            b'"' => {
                let content = text.get(1..text.len().saturating_sub(1))?;
                return Some(Self {
                    kind: Kind::String,
                    raw: content,
                });
            }
            b'{' => Kind::Object,
            b'[' => Kind::Array,
            b't' | b'f' => Kind::Bool,
            b'n' => Kind::Null,
            _ => Kind::Number,
        };
        Some(Self { kind, raw: text })
    }

    /// The value as a string, if it is one.
    pub(crate) fn as_json_str(&self) -> Option<JsonStr<'a>> {
        (self.kind == Kind::String).then(|| JsonStr::from_validated(self.raw))
    }
}

/// Whether a string's text has escapes, so that its meaning differs from its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Escapes {
    Absent,
    Present,
}

/// A member name the pre-scan remembers: where its string starts and a 16-bit hash of its
/// meaning. Four bytes, so the whole table is 256 bytes of stack; the name itself is read
/// again from the text only when a hash matches.
#[derive(Clone, Copy)]
struct KeySlot {
    quote: u16,
    hash: u16,
}

/// The names of every object open at a point of the text, innermost last: the one home of the
/// duplicate-member rule, for the pre-scan and for the serializer that checks as it writes.
pub(super) struct Keys {
    /// Only the slots in use are ever written: a table that starts empty costs no clearing of
    /// its 256 bytes on every verification.
    slots: heapless::Vec<KeySlot, MAX_OPEN_MEMBERS>,
    /// The top-level object's members its reader recognised (see [`Keys::add_known`]).
    known: u32,
}

impl Keys {
    /// No names. A constant rather than a function body that builds the table: at
    /// `opt-level = "z"` a body building the table on its own stack copied it out, 256 bytes
    /// of peak stack on a microcontroller; the constant is written in place.
    const EMPTY: Self = Self {
        slots: heapless::Vec::new(),
        known: 0,
    };

    /// No names.
    pub(super) const fn new() -> Self {
        Self::EMPTY
    }

    /// How many names are remembered: where the names of an object opened now will start.
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Forgets the names from `first` on: the object that owned them has closed.
    pub(super) fn forget_from(&mut self, first: usize) {
        self.slots.truncate(first);
    }

    /// Remembers `name`, whose string starts with the quote at `quote`, as a member of the
    /// object whose names start at slot `first`, refusing a duplicate by meaning.
    /// `earlier(quote)` reads an earlier name back from its quote; it is called only when
    /// the 16-bit hashes match.
    #[inline]
    pub(super) fn add<'t>(
        &mut self,
        name: JsonStr<'_>,
        escapes: Escapes,
        quote: usize,
        first: usize,
        earlier: impl Fn(usize) -> Result<JsonStr<'t>, Error>,
    ) -> Result<(), Error> {
        let hash = fnv1a(name, escapes);
        for slot in self.slots.get(first..).unwrap_or(&[]) {
            if slot.hash == hash && earlier(usize::from(slot.quote))?.eq_json(&name) {
                return Err(Error::DuplicateMember);
            }
        }
        self.push(quote, hash)
    }

    /// Remembers a member of the top-level object, whose string starts with the quote at
    /// `quote`, that its reader recognised as `known`, refusing a duplicate. Recognition is by
    /// meaning, so a name and any spelling of it meet here: one bit does what a hash and a table
    /// walk do for the other names.
    ///
    /// The name still takes a slot, so that it counts toward [`MAX_OPEN_MEMBERS`] and later
    /// names of the object start after it. The slot's hash is the member's number rather than
    /// the name's hash: another name whose hash equals it is compared with it by meaning, as
    /// with any hash match, and differs, because only this name means this member.
    #[inline]
    pub(super) fn add_known(&mut self, known: Known, quote: usize) -> Result<(), Error> {
        let bit = known.bit();
        if self.known & bit != 0 {
            return Err(Error::DuplicateMember);
        }
        self.push(quote, u16::from(known.index()))?;
        self.known |= bit;
        Ok(())
    }

    /// Takes the next slot for the name at `quote`.
    #[inline]
    fn push(&mut self, quote: usize, hash: u16) -> Result<(), Error> {
        if self.slots.is_full() {
            return Err(Error::TooManyMembers);
        }
        let slot = KeySlot {
            quote: u16::try_from(quote).map_err(|_| Error::TokenTooLarge)?,
            hash,
        };
        self.slots.push(slot).map_err(|_| Error::TooManyMembers)
    }
}

/// Validates `text` as a JSON object within the limits and reports each top-level member.
///
/// The top-level object has a loop of its own: its members are what callers read, and nearly
/// all of them are plain strings and numbers, so each costs one name, one value and one
/// separator. Nested arrays and objects go to [`Scanner::container`].
///
/// Texts longer than `u16::MAX` bytes are refused (the token size limit is capped below that).
pub(crate) fn scan_object<'a, F>(
    text: &'a [u8],
    max_depth: usize,
    mut on_member: F,
) -> Result<(), Error>
where
    F: FnMut(JsonStr<'a>, Value<'a>) -> Result<(), Error>,
{
    let s = core::str::from_utf8(text).map_err(|_| Error::InvalidJson)?;
    if s.len() > usize::from(u16::MAX) {
        return Err(Error::TokenTooLarge);
    }
    let mut sc = Scanner { s, pos: 0 };
    sc.skip_ws();
    match sc.peek() {
        Some(b'{') => {}
        Some(b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
            return Err(Error::NotAnObject);
        }
        _ => return Err(Error::InvalidJson),
    }
    let max_depth = max_depth.min(MAX_DEPTH);
    if max_depth == 0 {
        return Err(Error::NestingTooDeep);
    }
    sc.pos = sc.pos.saturating_add(1);
    let mut keys = Keys::new();
    sc.skip_ws();
    let mut ended = sc.peek() == Some(b'}');
    if ended {
        sc.pos = sc.pos.saturating_add(1);
    }
    while !ended {
        let name = sc.key(&mut keys, 0)?;
        let start = sc.pos;
        let value = match sc.peek().ok_or(Error::InvalidJson)? {
            b'"' => Value {
                kind: Kind::String,
                raw: sc.string()?.raw(),
            },
            first => {
                let kind = sc.value_starting_with(first, 1, max_depth, &mut keys)?;
                let raw = s.get(start..sc.pos).ok_or(Error::InvalidJson)?;
                Value { kind, raw }
            }
        };
        on_member(name, value)?;
        sc.skip_ws();
        match sc.peek() {
            Some(b',') => {
                sc.pos = sc.pos.saturating_add(1);
                sc.skip_ws();
            }
            Some(b'}') => {
                sc.pos = sc.pos.saturating_add(1);
                ended = true;
            }
            _ => return Err(Error::InvalidJson),
        }
    }
    sc.skip_ws();
    if sc.pos == s.len() {
        Ok(())
    } else {
        Err(Error::InvalidJson)
    }
}

/// Where the container loop is: the depth, which open levels are objects, and where each open
/// object's member names start in [`Keys`].
struct Nesting {
    /// The depth of the innermost open container (the top-level object is 1).
    depth: usize,
    /// Bit `d` set: the container at depth `d + 1` is an object.
    objects: u32,
    /// `first_slot[d]`: the first name slot of the object at depth `d + 1`.
    first_slot: [u8; MAX_DEPTH],
}

/// The two kinds of container.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Container {
    Object,
    Array,
}

impl Nesting {
    /// Inside `depth` open containers (the top-level object alone is 1).
    fn new(depth: usize) -> Self {
        Self {
            depth,
            objects: 0,
            first_slot: [0; MAX_DEPTH],
        }
    }

    /// Opens a container one level deeper, whose names (if an object) start at the next free
    /// slot of `keys`.
    fn open(&mut self, kind: Container, max_depth: usize, keys: &Keys) -> Result<(), Error> {
        if self.depth >= max_depth {
            return Err(Error::NestingTooDeep);
        }
        let bit = 1u32
            .checked_shl(u32::try_from(self.depth).map_err(|_| Error::NestingTooDeep)?)
            .ok_or(Error::NestingTooDeep)?;
        *self
            .first_slot
            .get_mut(self.depth)
            .ok_or(Error::NestingTooDeep)? =
            u8::try_from(keys.len()).map_err(|_| Error::TooManyMembers)?;
        match kind {
            Container::Object => self.objects |= bit,
            Container::Array => self.objects &= !bit,
        }
        self.depth = self.depth.saturating_add(1);
        Ok(())
    }

    /// Closes the innermost container, forgetting its member names.
    fn close(&mut self, keys: &mut Keys) {
        self.depth = self.depth.saturating_sub(1);
        if self.is_object_at(self.depth) {
            keys.forget_from(self.first_at(self.depth));
        }
    }

    /// Whether the value being read has ended: only the `base` containers around it are open.
    fn at_base(&self, base: usize) -> bool {
        self.depth <= base
    }

    /// Whether the innermost open container is an object.
    fn in_object(&self) -> bool {
        self.is_object_at(self.depth.saturating_sub(1))
    }

    /// The first name slot of the innermost open object.
    fn first_slot(&self) -> usize {
        self.first_at(self.depth.saturating_sub(1))
    }

    fn is_object_at(&self, level: usize) -> bool {
        u32::try_from(level)
            .ok()
            .and_then(|d| self.objects.checked_shr(d))
            .is_some_and(|bits| bits & 1 == 1)
    }

    fn first_at(&self, level: usize) -> usize {
        self.first_slot.get(level).map_or(0, |b| usize::from(*b))
    }
}

/// The lexer: a position in JSON text. The pre-scan validates with it, and the deserializer
/// (`json/de`) reads the validated text with the same methods, so a token of the grammar has
/// one reading.
pub(super) struct Scanner<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// At the start of `s`.
    pub(super) const fn new(s: &'a str) -> Self {
        Self { s, pos: 0 }
    }

    /// The byte at the position, if any.
    pub(super) fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    /// Steps over the byte at the position (the caller has peeked it).
    pub(super) fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    /// Whether only whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.s.len()
    }

    /// The text from `start` to the position.
    // Inlined with `fast`: the deserializer takes every top-level value's text with it.
    #[cfg_attr(feature = "fast", inline)]
    pub(super) fn since(&self, start: usize) -> Option<&'a str> {
        self.s.get(start..self.pos)
    }

    /// The position.
    pub(super) const fn pos(&self) -> usize {
        self.pos
    }

    pub(super) fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos = self.pos.saturating_add(1);
        }
    }

    pub(super) fn literal(&mut self, word: &str) -> Result<(), Error> {
        let end = self.pos.checked_add(word.len()).ok_or(Error::InvalidJson)?;
        if self.s.get(self.pos..end) != Some(word) {
            return Err(Error::InvalidJson);
        }
        self.pos = end;
        Ok(())
    }

    /// The integer of the run of 1 to 18 digits at the position, stepped over; `None`, and no
    /// step, for a run that is empty or longer.
    pub(super) fn small_integer(&mut self) -> Option<u64> {
        let (value, run) = leading_integer(self.s.as_bytes().get(self.pos..)?)?;
        self.pos = self.pos.saturating_add(run);
        Some(value)
    }

    pub(super) fn digits(&mut self) -> usize {
        let n = digit_run(self.s.as_bytes().get(self.pos..).unwrap_or(&[]));
        self.pos = self.pos.saturating_add(n);
        n
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    pub(super) fn number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.pos = self.pos.saturating_add(1);
        }
        match self.peek() {
            Some(b'0') => self.pos = self.pos.saturating_add(1),
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Error::InvalidJson),
        }
        if self.peek() == Some(b'.') {
            self.pos = self.pos.saturating_add(1);
            if self.digits() == 0 {
                return Err(Error::InvalidJson);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos = self.pos.saturating_add(1);
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos = self.pos.saturating_add(1);
            }
            if self.digits() == 0 {
                return Err(Error::InvalidJson);
            }
        }
        Ok(())
    }

    /// Reads a string at `pos` (which is a `"`), validating escapes; returns its content.
    pub(super) fn string(&mut self) -> Result<JsonStr<'a>, Error> {
        self.string_noting_escapes().map(|(s, _)| s)
    }

    /// [`Self::string`], also telling whether the content has any escape.
    // Most strings are one plain run and a quote; everything else is in the out-of-line
    // `escaped_string`, which keeps this part small enough to inline into its callers (with
    // `fast`: a firmware build keeps one copy).
    #[cfg_attr(feature = "fast", inline)]
    #[cfg_attr(not(feature = "fast"), inline(never))]
    pub(super) fn string_noting_escapes(&mut self) -> Result<(JsonStr<'a>, Escapes), Error> {
        if self.peek() != Some(b'"') {
            return Err(Error::InvalidJson);
        }
        let start = self.pos.saturating_add(1);
        let rest = self.s.as_bytes().get(start..).unwrap_or(&[]);
        let end = start.saturating_add(plain_run(rest));
        if self.s.as_bytes().get(end) != Some(&b'"') {
            return self.escaped_string(start, end);
        }
        let content = self.s.get(start..end).ok_or(Error::InvalidJson)?;
        self.pos = end.saturating_add(1);
        Ok((JsonStr::from_validated(content), Escapes::Absent))
    }

    /// The rest of a string from `start` whose plain run stopped at `i`, short of its closing
    /// quote: an escape (the string's meaning then differs from its text) or an error.
    #[inline(never)]
    fn escaped_string(
        &mut self,
        start: usize,
        mut i: usize,
    ) -> Result<(JsonStr<'a>, Escapes), Error> {
        let mut escapes = Escapes::Absent;
        loop {
            match self.s.as_bytes().get(i) {
                None | Some(0..=0x1F) => return Err(Error::InvalidJson),
                Some(b'"') => break,
                Some(b'\\') => {
                    escapes = Escapes::Present;
                    i = i.saturating_add(2);
                }
                Some(_) => i = i.saturating_add(1),
            }
            i = i.saturating_add(plain_run(self.s.as_bytes().get(i..).unwrap_or(&[])));
        }
        let content = self.s.get(start..i).ok_or(Error::InvalidJson)?;
        if escapes == Escapes::Present {
            let mut rest = content;
            while let Some((_, r)) = next_char(rest).map_err(|()| Error::InvalidJson)? {
                rest = r;
            }
        }
        self.pos = i.saturating_add(1);
        Ok((JsonStr::from_validated(content), escapes))
    }

    /// Reads `"name" :` inside an object whose names start at slot `first` of `keys`,
    /// refusing a duplicate of a name already seen in the same object; returns the name.
    fn key(&mut self, keys: &mut Keys, first: usize) -> Result<JsonStr<'a>, Error> {
        let (name, _) = self.name(keys, first)?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(Error::InvalidJson);
        }
        self.pos = self.pos.saturating_add(1);
        self.skip_ws();
        Ok(name)
    }

    /// Reads a member name (`pos` is at its quote) of the object whose names start at slot
    /// `first` of `keys`, refusing a duplicate of a name already seen in the same object.
    #[inline]
    pub(super) fn name(
        &mut self,
        keys: &mut Keys,
        first: usize,
    ) -> Result<(JsonStr<'a>, Escapes), Error> {
        let quote = self.pos;
        let (name, escapes) = self.string_noting_escapes()?;
        self.remember(keys, name, escapes, quote, first)?;
        Ok((name, escapes))
    }

    /// [`Scanner::name`] for a name of the top-level object, which `recognise` may know as one
    /// of its reader's members (see [`Keys::add_known`]); it tells which.
    #[inline]
    pub(super) fn top_name(
        &mut self,
        keys: &mut Keys,
        recognise: impl FnOnce(JsonStr<'_>) -> Option<Known>,
    ) -> Result<(JsonStr<'a>, Escapes, Option<Known>), Error> {
        let quote = self.pos;
        let (name, escapes) = self.string_noting_escapes()?;
        let known = recognise(name);
        match known {
            Some(known) => keys.add_known(known, quote)?,
            None => self.remember_other(keys, name, escapes, quote)?,
        }
        Ok((name, escapes, known))
    }

    /// Adds `name`, whose string starts at `quote`, to the names of the object whose names
    /// start at slot `first`.
    #[inline]
    fn remember(
        &self,
        keys: &mut Keys,
        name: JsonStr<'_>,
        escapes: Escapes,
        quote: usize,
        first: usize,
    ) -> Result<(), Error> {
        let text = self.s;
        keys.add(name, escapes, quote, first, |at| {
            Scanner { s: text, pos: at }.string()
        })
    }

    /// [`Scanner::remember`] for a top-level name its reader does not know: a call of its own,
    /// so that the recognised names' path saves no registers for the hash and the table walk.
    #[inline(never)]
    fn remember_other(
        &self,
        keys: &mut Keys,
        name: JsonStr<'_>,
        escapes: Escapes,
        quote: usize,
    ) -> Result<(), Error> {
        self.remember(keys, name, escapes, quote, 0)
    }

    /// Reads one value (`pos` is at its first byte) inside `depth` open containers, to just
    /// past its end, with every rule of the pre-scan, and tells its type.
    #[inline]
    pub(super) fn value_within(
        &mut self,
        depth: usize,
        max_depth: usize,
        keys: &mut Keys,
    ) -> Result<Kind, Error> {
        let first = self.peek().ok_or(Error::InvalidJson)?;
        self.value_starting_with(first, depth, max_depth, keys)
    }

    /// [`Scanner::value_within`] when its `first` byte has been read already.
    #[inline]
    fn value_starting_with(
        &mut self,
        first: u8,
        depth: usize,
        max_depth: usize,
        keys: &mut Keys,
    ) -> Result<Kind, Error> {
        match first {
            b'{' => self
                .container(depth, max_depth, keys)
                .map(|()| Kind::Object),
            b'[' => self.container(depth, max_depth, keys).map(|()| Kind::Array),
            other => self.scalar(other),
        }
    }

    /// Reads one array or object (`pos` is at its `[` or `{`) inside `depth` open containers,
    /// to just past its end: one explicit state machine, no recursion, so depth costs no stack.
    fn container(&mut self, depth: usize, max_depth: usize, keys: &mut Keys) -> Result<(), Error> {
        let mut nesting = Nesting::new(depth);
        'value: loop {
            // Expecting a value.
            self.skip_ws();
            match self.peek().ok_or(Error::InvalidJson)? {
                open @ (b'{' | b'[') => {
                    self.pos = self.pos.saturating_add(1);
                    let (kind, end) = if open == b'{' {
                        (Container::Object, b'}')
                    } else {
                        (Container::Array, b']')
                    };
                    nesting.open(kind, max_depth, keys)?;
                    self.skip_ws();
                    if self.peek() == Some(end) {
                        self.pos = self.pos.saturating_add(1);
                        nesting.close(keys);
                    } else {
                        if kind == Container::Object {
                            self.key(keys, nesting.first_slot())?;
                        }
                        continue 'value;
                    }
                }
                other => {
                    self.scalar(other)?;
                }
            }

            // A value ended at `pos` (possibly a container that just closed).
            loop {
                if nesting.at_base(depth) {
                    return Ok(());
                }
                self.skip_ws();
                match (self.peek(), nesting.in_object()) {
                    (Some(b','), true) => {
                        self.pos = self.pos.saturating_add(1);
                        self.skip_ws();
                        self.key(keys, nesting.first_slot())?;
                        continue 'value;
                    }
                    (Some(b','), false) => {
                        self.pos = self.pos.saturating_add(1);
                        continue 'value;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos = self.pos.saturating_add(1);
                        nesting.close(keys);
                    }
                    _ => return Err(Error::InvalidJson),
                }
            }
        }
    }

    /// Skips one value of text the pre-scan has already validated.
    pub(super) fn skip_value(&mut self) -> Result<(), Error> {
        match self.peek().ok_or(Error::InvalidJson)? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek().ok_or(Error::InvalidJson)? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth = depth.saturating_add(1),
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos = self.pos.saturating_add(1);
                                return Ok(());
                            }
                        }
                        _ => {}
                    }
                    self.pos = self.pos.saturating_add(1);
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos = self.pos.saturating_add(1);
                }
                Ok(())
            }
        }
    }

    /// Reads a string, number, `true`, `false` or `null` whose first byte is `first`, and
    /// tells which it was.
    // Inline: the container loop reads every array element through it, and a call per element
    // was the 2 KB benchmark's 0.2 % over its instruction baseline.
    #[inline]
    fn scalar(&mut self, first: u8) -> Result<Kind, Error> {
        match first {
            b'"' => self.string().map(|_| Kind::String),
            b'-' | b'0'..=b'9' => self.number().map(|()| Kind::Number),
            b't' => self.literal("true").map(|()| Kind::Bool),
            b'f' => self.literal("false").map(|()| Kind::Bool),
            b'n' => self.literal("null").map(|()| Kind::Null),
            _ => Err(Error::InvalidJson),
        }
    }
}

/// FNV-1a over the unescaped UTF-8 text, folded to 16 bits: only a filter in front of the
/// exact comparison.
fn fnv1a(name: JsonStr<'_>, escapes: Escapes) -> u16 {
    let step = |h: u32, b: u8| (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    let mut h: u32 = 0x811C_9DC5;
    if escapes == Escapes::Present {
        let mut buf = [0u8; 4];
        for c in name.chars() {
            h = c.encode_utf8(&mut buf).bytes().fold(h, step);
        }
    } else {
        // Without escapes, the raw bytes are the unescaped text.
        h = name.raw().bytes().fold(h, step);
    }
    // XOR-folding keeps every input bit's influence.
    (h ^ (h >> 16))
        .to_le_bytes()
        .first_chunk()
        .map_or(0, |&[a, b]| u16::from_le_bytes([a, b]))
}

/// Calls `f` with the offset and content of every string that has an escape (member names
/// included) in JSON text that passed the pre-scan, in order, until `f` returns false.
///
/// Outside strings such text has no `"`, so each one found opens a string, read by the same
/// lexer the pre-scan uses.
pub(crate) fn for_each_escaped_string<'a>(
    text: &'a str,
    mut f: impl FnMut(usize, JsonStr<'a>) -> bool,
) {
    let mut sc = Scanner { s: text, pos: 0 };
    while let Some(quote) = text
        .as_bytes()
        .get(sc.pos..)
        .and_then(|rest| rest.iter().position(|&b| b == b'"'))
    {
        sc.pos = sc.pos.saturating_add(quote);
        let start = sc.pos.saturating_add(1);
        let Ok((content, escapes)) = sc.string_noting_escapes() else {
            return;
        };
        if escapes == Escapes::Present && !f(start, content) {
            return;
        }
    }
}

/// Calls `f` with each element of a validated JSON array text, which must all be strings.
///
/// # Errors
/// `not_string` when an element is not a string, or whatever `f` returns.
pub(crate) fn for_each_array_string<'a>(
    raw: &'a str,
    not_string: Error,
    mut f: impl FnMut(JsonStr<'a>) -> Result<(), Error>,
) -> Result<usize, Error> {
    let mut sc = Scanner { s: raw, pos: 1 };
    let mut count = 0usize;
    loop {
        sc.skip_ws();
        match sc.peek() {
            Some(b']') if count == 0 => return Ok(0),
            Some(b'"') => {
                let s = sc.string()?;
                f(s)?;
                count = count.saturating_add(1);
            }
            _ => return Err(not_string),
        }
        sc.skip_ws();
        match sc.peek() {
            Some(b',') => sc.pos = sc.pos.saturating_add(1),
            Some(b']') => return Ok(count),
            _ => return Err(not_string),
        }
    }
}

/// Calls `f` with the raw text of each element of a validated JSON array text.
pub(crate) fn for_each_array_value<'a>(
    raw: &'a str,
    mut f: impl FnMut(&'a str) -> Result<(), Error>,
) -> Result<usize, Error> {
    let mut sc = Scanner { s: raw, pos: 1 };
    let mut count = 0usize;
    loop {
        sc.skip_ws();
        if sc.peek() == Some(b']') && count == 0 {
            return Ok(0);
        }
        let start = sc.pos;
        sc.skip_value()?;
        f(sc.s.get(start..sc.pos).ok_or(Error::InvalidJson)?)?;
        count = count.saturating_add(1);
        sc.skip_ws();
        match sc.peek() {
            Some(b',') => sc.pos = sc.pos.saturating_add(1),
            Some(b']') => return Ok(count),
            _ => return Err(Error::InvalidJson),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), Error> {
        scan_object(text.as_bytes(), 16, |_, _| Ok(()))
    }

    /// The one-pass integer read is taken for every run of 1 to 18 digits, and declined (no
    /// step) otherwise: the general number path, which gives the same values, is only for the
    /// rest. The property in `bytes` proves the values equal; this pins which path is taken.
    #[test]
    fn small_integers_are_read_in_one_step_and_others_left_in_place() {
        let read = |text: &str| {
            let mut scanner = Scanner::new(text);
            (scanner.small_integer(), scanner.pos)
        };
        assert_eq!(read("1700000000,"), (Some(1_700_000_000), 10));
        assert_eq!(read("0}"), (Some(0), 1));
        assert_eq!(
            read("999999999999999999"),
            (Some(999_999_999_999_999_999), 18)
        );
        assert_eq!(read("1000000000000000000"), (None, 0));
        assert_eq!(read("-1"), (None, 0));
        assert_eq!(read("\"x\""), (None, 0));
        assert_eq!(read(""), (None, 0));
    }

    #[test]
    fn names_hash_as_fnv_1a_of_their_meaning_folded_to_16_bits() {
        let hash = |raw: &str, escapes| fnv1a(JsonStr::from_validated(raw), escapes);
        // FNV-1a (32-bit) of "", "a" and "foobar": 0x811c9dc5, 0xe40c292c and 0xbf9cf968,
        // each XOR-folded: the high half onto the low one.
        assert_eq!(hash("", Escapes::Absent), 0x9dc5 ^ 0x811c);
        assert_eq!(hash("a", Escapes::Absent), 0x292c ^ 0xe40c);
        assert_eq!(hash("foobar", Escapes::Absent), 0xf968 ^ 0xbf9c);
        // An escaped spelling hashes as what it means.
        assert_eq!(
            hash(r"\u0061", Escapes::Present),
            hash("a", Escapes::Absent)
        );
        assert_eq!(
            hash(r"f\u006Fobar", Escapes::Present),
            hash("foobar", Escapes::Absent)
        );
    }

    #[test]
    fn colliding_hashes_are_not_duplicates() {
        extern crate std;
        use std::format;
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0..200_000u32)
            .find_map(|i| {
                let name = format!("k{i}");
                let hash = fnv1a(JsonStr::from_validated(&name), Escapes::Absent);
                seen.insert(hash, name.clone()).map(|other| (other, name))
            })
            .unwrap();
        assert_eq!(check(&format!(r#"{{"{a}":1,"{b}":2}}"#)), Ok(()));
        assert_eq!(
            check(&format!(r#"{{"{a}":1,"{b}":2,"{a}":3}}"#)),
            Err(Error::DuplicateMember)
        );
        // The same name written with an escape collides by meaning, not by text.
        let escaped = a.replacen('k', "\\u006b", 1);
        assert_eq!(
            check(&format!(r#"{{"{a}":1,"{escaped}":2}}"#)),
            Err(Error::DuplicateMember)
        );
    }

    #[test]
    fn plain_runs_stop_at_the_first_of_several() {
        let specials = [0u8, 0x1F, b'"', b'\\', b'\n'];
        for &a in &specials {
            for &b in &specials {
                for i in 0..24 {
                    for j in i..24 {
                        let mut bytes = [b'!'; 24];
                        bytes[j] = b;
                        bytes[i] = a;
                        assert_eq!(plain_run(&bytes), i);
                    }
                }
            }
        }
        // Bytes just above each special never stop a run, wherever they sit.
        for i in 0..24 {
            let mut bytes = [b'!'; 24];
            bytes[i] = 0x20;
            bytes[(i + 1) % 24] = b'#';
            bytes[(i + 2) % 24] = b']';
            bytes[(i + 3) % 24] = 0xFF;
            assert_eq!(plain_run(&bytes), 24);
        }
    }

    #[test]
    fn plain_runs_stop_at_every_special_byte() {
        for special in (0u8..0x20).chain([b'"', b'\\']) {
            for at in 0..20 {
                let mut bytes = [b'a'; 20];
                bytes[at] = special;
                assert_eq!(plain_run(&bytes), at, "{special:#x} at {at}");
                bytes[at] = 0xC3; // a UTF-8 lead byte is plain
                assert_eq!(plain_run(&bytes), 20);
            }
        }
        for ok in 0x20..=0xFFu8 {
            if ok != b'"' && ok != b'\\' {
                assert_eq!(plain_run(&[ok; 17]), 17, "{ok:#x}");
            }
        }
        assert_eq!(plain_run(&[]), 0);
    }

    #[test]
    fn accepts_json_objects() {
        for ok in [
            "{}",
            " { } ",
            r#"{"a":1,"b":[1,2,{"c":null}],"d":{"e":"\u00e9\n"},"f":-0.5e+3,"g":true,"h":false}"#,
            r#"{"a":{"a":{"a":1}},"b":{"a":2}}"#,
            "{\"k\":\"\u{1F600}\"}",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_what_json_does_not_allow() {
        for (bad, err) in [
            ("", Error::InvalidJson),
            ("[]", Error::NotAnObject),
            ("\"x\"", Error::NotAnObject),
            ("{", Error::InvalidJson),
            ("{}x", Error::InvalidJson),
            ("{} {}", Error::InvalidJson),
            ("{\"a\":1,}", Error::InvalidJson),
            ("{\"a\" 1}", Error::InvalidJson),
            ("{'a':1}", Error::InvalidJson),
            ("{\"a\":01}", Error::InvalidJson),
            ("{\"a\":1.}", Error::InvalidJson),
            ("{\"a\":.5}", Error::InvalidJson),
            ("{\"a\":+1}", Error::InvalidJson),
            ("{\"a\":1e}", Error::InvalidJson),
            ("{\"a\":NaN}", Error::InvalidJson),
            ("{\"a\":tru}", Error::InvalidJson),
            ("{\"a\":\"\u{1}\"}", Error::InvalidJson),
            ("{\"a\":\"\\x\"}", Error::InvalidJson),
            ("{\"a\":\"\\ud800\"}", Error::InvalidJson),
            ("{\"a\":[1,2}", Error::InvalidJson),
            ("{\"a\":1 /*c*/}", Error::InvalidJson),
            ("\u{FEFF}{}", Error::InvalidJson),
            ("{\"a\":1,\"a\":2}", Error::DuplicateMember),
            ("{\"a\":1,\"\\u0061\":2}", Error::DuplicateMember),
            ("{\"x\":{\"b\":1,\"b\":2}}", Error::DuplicateMember),
            ("{\"x\":[{\"b\":1,\"b\":2}]}", Error::DuplicateMember),
        ] {
            assert_eq!(check(bad), Err(err), "{bad}");
        }
        assert_eq!(
            scan_object(b"{\"a\":\"\xff\"}", 16, |_, _| Ok(())),
            Err(Error::InvalidJson)
        );
    }

    #[test]
    fn bounds_depth_and_members() {
        assert_eq!(scan_object(b"{\"a\":[[1]]}", 3, |_, _| Ok(())), Ok(()));
        assert_eq!(
            scan_object(b"{\"a\":[[[1]]]}", 3, |_, _| Ok(())),
            Err(Error::NestingTooDeep)
        );
        let mut deep = [b'['; 5000];
        deep[..5].copy_from_slice(b"{\"a\":");
        assert_eq!(
            scan_object(&deep, 16, |_, _| Ok(())),
            Err(Error::NestingTooDeep)
        );
        let mut many = heapless::String::<2048>::new();
        many.push('{').unwrap();
        for i in 0..=MAX_OPEN_MEMBERS {
            if i > 0 {
                many.push(',').unwrap();
            }
            core::fmt::Write::write_fmt(&mut many, format_args!("\"m{i}\":0")).unwrap();
        }
        many.push('}').unwrap();
        assert_eq!(check(&many), Err(Error::TooManyMembers));
        // Closed objects give their slots back.
        assert_eq!(check(r#"{"a":{"x":1,"y":2},"b":{"x":1,"y":2}}"#), Ok(()));
    }

    #[test]
    fn reports_top_level_members() {
        let text = br#"{"iss":"a\/b","n":{"iss":1},"aud":["x","y"],"exp":12}"#;
        let mut seen = heapless::Vec::<(heapless::String<8>, Kind, heapless::String<16>), 8>::new();
        scan_object(text, 16, |k, v| {
            let mut name = heapless::String::new();
            name.push_str(k.raw()).unwrap();
            let mut raw = heapless::String::new();
            raw.push_str(v.raw).unwrap();
            seen.push((name, v.kind, raw)).unwrap();
            Ok(())
        })
        .unwrap();
        let kinds: heapless::Vec<Kind, 8> = seen.iter().map(|s| s.1).collect();
        assert_eq!(
            &kinds[..],
            &[Kind::String, Kind::Object, Kind::Array, Kind::Number]
        );
        assert_eq!(seen[0].2.as_str(), r"a\/b");
        assert_eq!(seen[2].2.as_str(), r#"["x","y"]"#);
        let mut n = 0;
        assert_eq!(
            for_each_array_string(r#"[ "x" , "y" ]"#, Error::InvalidClaim, |_| {
                n += 1;
                Ok(())
            }),
            Ok(2)
        );
        assert_eq!(
            for_each_array_string(r#"["x",1]"#, Error::InvalidClaim, |_| Ok(())),
            Err(Error::InvalidClaim)
        );
        assert_eq!(
            for_each_array_string("[]", Error::InvalidClaim, |_| Ok(())),
            Ok(0)
        );
        let mut seen = heapless::Vec::<&str, 8>::new();
        let raw = r#"[ {"a":"]}"} , [1,[2]], "x\"", 12.5e3 ,true,null]"#;
        let n = for_each_array_value(raw, |v| {
            seen.push(v).unwrap();
            Ok(())
        });
        assert_eq!(n, Ok(6));
        assert_eq!(
            &seen[..],
            &[
                r#"{"a":"]}"}"#,
                "[1,[2]]",
                r#""x\"""#,
                "12.5e3",
                "true",
                "null"
            ]
        );
        assert_eq!(for_each_array_value("[]", |_| Ok(())), Ok(0));
    }
}
