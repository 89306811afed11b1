//! A NumericDate as a field of the caller's own claims type.

use core::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::MAX_NUMERIC_DATE;

/// A NumericDate (RFC 7519 §2) field for a claims struct. It reads every spelling the verifier
/// accepts — `1700000000`, `1700000000.5`, `17e8`, `1.7e9` — where a `u64` field reads only the
/// first and fails with [`Error::ClaimsMismatch`](crate::Error::ClaimsMismatch) on the others,
/// after the token has verified.
///
/// The verifier checks `exp`, `nbf` and `iat` exactly, whatever the field type; this is for
/// reading them. Whole seconds are exact below 2^53 (about 285 million years); a fraction is
/// kept to the precision of an `f64`. Which way to round is the reader's choice, named:
/// [`Self::rounded_down`] for an expiry, [`Self::rounded_up`] for a start.
///
/// ```
/// use jwt_core::NumericDate;
/// #[derive(serde::Deserialize)]
/// struct Claims {
///     exp: NumericDate,
/// }
/// let (claims, _): (Claims, _) = serde_json_core::from_slice(br#"{"exp":1.7e9}"#).unwrap();
/// assert_eq!(claims.exp.rounded_down(), 1_700_000_000);
/// let (claims, _): (Claims, _) = serde_json_core::from_slice(br#"{"exp":1700000000.5}"#).unwrap();
/// assert_eq!((claims.exp.rounded_down(), claims.exp.rounded_up()), (1_700_000_000, 1_700_000_001));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NumericDate {
    whole: u64,
    nanos: u32,
}

impl NumericDate {
    /// A date of whole seconds since the epoch, at most [`MAX_NUMERIC_DATE`] (larger values
    /// saturate to it).
    #[must_use]
    pub const fn from_seconds(seconds: u64) -> Self {
        Self {
            whole: if seconds > MAX_NUMERIC_DATE {
                MAX_NUMERIC_DATE
            } else {
                seconds
            },
            nanos: 0,
        }
    }

    /// The whole seconds, any fraction dropped: the safe side for an expiry.
    #[must_use]
    pub const fn rounded_down(self) -> u64 {
        self.whole
    }

    /// The whole seconds, any fraction counted as one more: the safe side for a start
    /// (`nbf`, `iat`).
    #[must_use]
    pub const fn rounded_up(self) -> u64 {
        if self.nanos > 0 {
            self.whole.saturating_add(1)
        } else {
            self.whole
        }
    }

    /// The fraction of a second, in nanoseconds (0 for a whole date).
    #[must_use]
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }
}

impl From<u64> for NumericDate {
    fn from(seconds: u64) -> Self {
        Self::from_seconds(seconds)
    }
}

impl Serialize for NumericDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            serializer.serialize_u64(self.whole)
        } else {
            serializer.serialize_f64(to_f64(self.whole) + f64::from(self.nanos) / 1e9)
        }
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde-json-core reads any number as an f64 here; serde_json passes integers whole.
        deserializer.deserialize_f64(DateVisitor)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NumericDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a NumericDate: a non-negative number of seconds")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
        if v > MAX_NUMERIC_DATE {
            return Err(E::invalid_value(de::Unexpected::Unsigned(v), &self));
        }
        Ok(NumericDate::from_seconds(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
        u64::try_from(v)
            .map(NumericDate::from_seconds)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
        // 2^63: the first f64 above MAX_NUMERIC_DATE. NaN (serde-json-core's `null`) and the
        // infinities fail the comparisons.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if !(0.0..LIMIT).contains(&v) {
            return Err(E::invalid_value(de::Unexpected::Float(v), &self));
        }
        let whole = truncate(v);
        let fraction = v - to_f64(whole);
        Ok(NumericDate {
            whole,
            nanos: fraction_nanos(fraction),
        })
    }
}

#[expect(
    clippy::as_conversions,
    clippy::cast_precision_loss,
    reason = "a date's seconds as an f64, for writing a fractional date: exact below 2^53"
)]
const fn to_f64(seconds: u64) -> f64 {
    seconds as f64
}

#[expect(
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the caller checked 0 <= v < 2^63, where truncation toward zero is the floor"
)]
const fn truncate(v: f64) -> u64 {
    v as u64
}

#[expect(
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a fraction in [0, 1) times 1e9 is in [0, 1e9), which fits a u32"
)]
fn fraction_nanos(fraction: f64) -> u32 {
    (fraction * 1e9) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<NumericDate, serde_json_core::de::Error> {
        serde_json_core::from_str::<NumericDate>(json).map(|(date, _)| date)
    }

    #[test]
    fn reads_every_spelling_the_verifier_accepts() {
        for text in [
            "1700000000",
            "1700000000.0",
            "17e8",
            "1.7e9",
            "1.7E+9",
            "17000000000e-1",
        ] {
            assert_eq!(
                read(text).map(NumericDate::rounded_down),
                Ok(1_700_000_000),
                "{text}"
            );
            assert_eq!(
                read(text).map(NumericDate::rounded_up),
                Ok(1_700_000_000),
                "{text}"
            );
        }
        let half = read("1700000000.5").unwrap();
        assert_eq!(
            (half.rounded_down(), half.rounded_up()),
            (1_700_000_000, 1_700_000_001)
        );
        assert_eq!(half.subsec_nanos(), 500_000_000);
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in ["-1", "-0.5", "1e400", "null", "9.3e18"] {
            assert!(read(text).is_err(), "{text}");
        }
    }

    /// Each kind of number a deserializer can hand over: integers whole (as `serde_json`
    /// gives them), negative ones as `i64`, the rest as `f64` (as serde-json-core gives all).
    #[test]
    fn reads_each_kind_of_number_a_deserializer_hands_over() {
        extern crate std;
        use serde::de::IntoDeserializer;
        use serde::de::value::Error as ValueError;
        use std::format;
        use std::string::{String, ToString};
        fn from<'de, D: IntoDeserializer<'de, ValueError>>(v: D) -> Result<u64, String> {
            NumericDate::deserialize(v.into_deserializer())
                .map(NumericDate::rounded_down)
                .map_err(|e| e.to_string())
        }
        assert_eq!(from(1_700_000_000u64), Ok(1_700_000_000));
        assert_eq!(from(MAX_NUMERIC_DATE), Ok(MAX_NUMERIC_DATE));
        assert_eq!(from(1_700_000_000i64), Ok(1_700_000_000));
        assert_eq!(from(i64::MAX), Ok(MAX_NUMERIC_DATE));
        assert_eq!(from(0u64), Ok(0));
        assert_eq!(from(2.5f64), Ok(2));
        let expected = "a NumericDate: a non-negative number of seconds";
        for (refused, shown) in [
            (from(MAX_NUMERIC_DATE + 1), "integer `9223372036854775808`"),
            (from(u64::MAX), "integer `18446744073709551615`"),
            (from(-1i64), "integer `-1`"),
            (from(-0.5f64), "floating point `-0.5`"),
            (from(f64::NAN), "floating point `NaN`"),
        ] {
            assert_eq!(
                refused,
                Err(format!("invalid value: {shown}, expected {expected}"))
            );
        }
    }

    #[test]
    fn whole_seconds_saturate_at_the_largest_date() {
        assert_eq!(NumericDate::from(5).rounded_down(), 5);
        assert_eq!(NumericDate::from(5), NumericDate::from_seconds(5));
        assert_eq!(
            NumericDate::from_seconds(MAX_NUMERIC_DATE).rounded_up(),
            MAX_NUMERIC_DATE
        );
        assert_eq!(
            NumericDate::from_seconds(u64::MAX).rounded_down(),
            MAX_NUMERIC_DATE
        );
        assert_eq!(NumericDate::from(u64::MAX).subsec_nanos(), 0);
    }

    #[test]
    fn writes_whole_dates_as_integers() {
        let mut out = [0u8; 32];
        let n =
            serde_json_core::to_slice(&NumericDate::from_seconds(1_700_000_000), &mut out).unwrap();
        assert_eq!(out.get(..n), Some(&b"1700000000"[..]));
        let n = serde_json_core::to_slice(&read("1700000000.5").unwrap(), &mut out).unwrap();
        assert_eq!(out.get(..n), Some(&b"1700000000.5"[..]));
    }
}
