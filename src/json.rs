//! JSON below serde: the bounded pre-scan, escape-aware strings and the serializer.
//!
//! Nothing here knows about JWTs. The pre-scan validates a whole JSON text in one pass without
//! recursion (depth, duplicates, escapes, UTF-8, numbers) and reports the top-level members; serde
//! only ever sees text that passed it.

mod de;
mod known;
mod names;
mod scan;
mod ser;
mod string;
mod value;
mod watch;

pub(crate) use de::{Arena, Members, from_slice, read_object};
pub(crate) use known::{Known, MemberReader, MemberValue};
pub(crate) use names::{EscapedNames, lookup};
pub(crate) use scan::{
    Kind, Value, for_each_array_string, for_each_array_value, for_each_escaped_string, scan_object,
};
pub(crate) use ser::{Counter, Sink, SliceSink, to_sink, to_sink_checked};
pub use string::{Chars, JsonStr};
pub(crate) use value::member;
pub use value::{JsonKind, JsonValue};
pub(crate) use watch::Checked;
