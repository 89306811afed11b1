//! NumericDate (RFC 7519 §2): seconds since the epoch, read exactly from the JSON number text.
//!
//! No floating point is involved: the number's decimal digits are read as written, so
//! `1700000000.5`, `17e8` and `1.7e9` all mean what they say. The range is checked on the exact
//! value, before any rounding, so a date is in range or not whichever way it is rounded. A
//! fractional value is then rounded toward the safe side for each check that uses it:
//!
//! | claim | check | rounded | why |
//! |---|---|---|---|
//! | `exp` | expired | down | the token expires no later than it says |
//! | `nbf` | not yet valid | up | the token becomes valid no earlier than it says |
//! | `iat` | issued in the future | up | the token counts as issued no earlier than it says |
//! | `iat` | too old (`max_age`), a [`TimeFloor`](crate::TimeFloor) | down | the token is at least as old as it says, and only the past is known to have passed |

mod field;

pub use field::NumericDate;

use crate::bytes::small_integer;
use crate::error::Error;

/// The largest NumericDate accepted: `i64::MAX` seconds. Larger values, negative values, and
/// values that are not JSON numbers are refused with [`Error::InvalidNumericDate`].
pub const MAX_NUMERIC_DATE: u64 = 9_223_372_036_854_775_807;

/// A NumericDate read exactly: its whole seconds, and whether a fraction follows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Date {
    whole: u64,
    fractional: bool,
}

impl Date {
    /// Rounded toward the past.
    pub(crate) const fn down(self) -> u64 {
        self.whole
    }

    /// Rounded toward the future. Never overflows: a date with a fraction is below
    /// [`MAX_NUMERIC_DATE`].
    pub(crate) const fn up(self) -> u64 {
        if self.fractional {
            self.whole.saturating_add(1)
        } else {
            self.whole
        }
    }
}

/// Parses the text of a JSON number (already validated by the pre-scan) as a NumericDate no
/// later than [`MAX_NUMERIC_DATE`], exactly.
// With `fast`, the common case (a plain integer, which every issuer writes) is inlined into
// the claims reader and the rest stays a call.
#[cfg_attr(feature = "fast", inline)]
pub(crate) fn parse(text: &str) -> Result<Date, Error> {
    match small_integer(text.as_bytes()) {
        Some(seconds) => Ok(Date {
            whole: seconds,
            fractional: false,
        }),
        None => parse_general(text),
    }
}

/// [`parse`] for every number that is not a plain integer of at most 18 digits.
/// The date of an integer, as [`parse`] reads the integer's decimal text.
pub(crate) fn of_integer(n: i128) -> Result<Date, Error> {
    match u64::try_from(n) {
        Ok(whole) if whole <= MAX_NUMERIC_DATE => Ok(Date {
            whole,
            fractional: false,
        }),
        _ => Err(Error::InvalidNumericDate),
    }
}

#[cfg_attr(feature = "fast", inline(never))]
fn parse_general(text: &str) -> Result<Date, Error> {
    let bad = Error::InvalidNumericDate;
    if text.starts_with('-') {
        // Negative times, including -0 and -0.5, are not dates this crate accepts.
        return Err(bad);
    }
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (
            text.get(..at).ok_or(bad)?,
            text.get(at.saturating_add(1)..).ok_or(bad)?,
        ),
        None => (text, "0"),
    };
    let (int_digits, frac_digits) = match mantissa.find('.') {
        Some(at) => (
            mantissa.get(..at).ok_or(bad)?,
            mantissa.get(at.saturating_add(1)..).ok_or(bad)?,
        ),
        None => (mantissa, ""),
    };
    let exp = parse_exponent(exponent);
    // The digits of int ++ frac, with the decimal point after `point` of them.
    let digits = || int_digits.bytes().chain(frac_digits.bytes());
    let total = int_digits.len().saturating_add(frac_digits.len());
    let point = i64::try_from(int_digits.len())
        .unwrap_or(i64::MAX)
        .saturating_add(exp);

    let mut value: u64 = 0;
    let mut fraction_nonzero = false;
    let mut position: i64 = 0;
    for d in digits() {
        let digit = u64::from(d.saturating_sub(b'0'));
        if position < point {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit))
                .ok_or(bad)?;
        } else if digit != 0 {
            fraction_nonzero = true;
        }
        position = position.saturating_add(1);
    }
    // Zeros implied by a positive exponent beyond the written digits. Twenty of them overflow
    // any value but zero, so no more are tried (and a negative count tries none).
    let implied = point.saturating_sub(i64::try_from(total).unwrap_or(i64::MAX));
    if value != 0 {
        for _ in 0..implied.min(20) {
            value = value.checked_mul(10).ok_or(bad)?;
        }
    }
    // The exact value must be in range: MAX itself is, MAX and a half is not.
    if value > MAX_NUMERIC_DATE || (value == MAX_NUMERIC_DATE && fraction_nonzero) {
        return Err(bad);
    }
    Ok(Date {
        whole: value,
        fractional: fraction_nonzero,
    })
}

/// The exponent's value (`[+-]?[0-9]+`, as the pre-scan checked), saturated far beyond any
/// meaningful date in either direction.
///
/// Read digit by digit with saturation rather than by `i64::from_str`, whose general code (and
/// its overflow path) costs more flash than this function on a microcontroller.
fn parse_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text.as_bytes()),
    };
    digits.iter().fold(0i64, |value, &d| {
        let digit = i64::from(d.saturating_sub(b'0'));
        let shifted = value.saturating_mul(10);
        if negative {
            shifted.saturating_sub(digit)
        } else {
            shifted.saturating_add(digit)
        }
    })
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::format;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// An integer's date is the date of its decimal text.
        #[test]
        fn integers_are_the_dates_their_text_is(n in prop_oneof![
            any::<i128>(),
            any::<u64>().prop_map(i128::from),
            (0u64..4_000_000_000).prop_map(i128::from),
            Just(i128::from(MAX_NUMERIC_DATE)),
            Just(i128::from(MAX_NUMERIC_DATE).saturating_add(1)),
        ]) {
            prop_assert_eq!(of_integer(n), parse(&format!("{n}")), "{}", n);
        }

        /// The digit-by-digit exponent reading equals `i64::from_str`, saturated by sign.
        #[test]
        fn exponents_read_as_from_str_reads_them(sign in "[+-]?", digits in "[0-9]{1,30}") {
            let text = format!("{sign}{digits}");
            let from_str = text.parse::<i64>().unwrap_or(if sign == "-" { i64::MIN } else { i64::MAX });
            prop_assert_eq!(parse_exponent(&text), from_str, "{}", text);
        }
    }

    #[test]
    fn exponents_at_the_edges_of_i64() {
        for (text, value) in [
            ("9223372036854775807", i64::MAX),
            ("9223372036854775808", i64::MAX),
            ("-9223372036854775808", i64::MIN),
            ("-9223372036854775809", i64::MIN),
            ("+00012", 12),
            ("-0", 0),
        ] {
            assert_eq!(parse_exponent(text), value, "{text}");
        }
    }

    #[test]
    fn reads_numbers_exactly() {
        for (text, down, up) in [
            ("0", 0, 0),
            ("1700000000", 1_700_000_000, 1_700_000_000),
            ("1700000000.5", 1_700_000_000, 1_700_000_001),
            ("1700000000.000", 1_700_000_000, 1_700_000_000),
            ("17e8", 1_700_000_000, 1_700_000_000),
            ("1.7E9", 1_700_000_000, 1_700_000_000),
            ("17000000001e-1", 1_700_000_000, 1_700_000_001),
            ("0.1", 0, 1),
            ("5e-400", 0, 1),
            ("5e-99999999999999999999", 0, 1),
            ("17e+8", 1_700_000_000, 1_700_000_000),
            ("0e999999999999999999999", 0, 0),
            ("0.0e+99999999999999999999", 0, 0),
            ("9223372036854775807", MAX_NUMERIC_DATE, MAX_NUMERIC_DATE),
            (
                "9223372036854775806.5",
                MAX_NUMERIC_DATE - 1,
                MAX_NUMERIC_DATE,
            ),
        ] {
            let date = parse(text).unwrap();
            assert_eq!((date.down(), date.up()), (down, up), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "-1",
            "-0",
            "-0.5",
            "9223372036854775808",
            "18446744073709551615",
            "99999999999999999999999999",
            "1e400",
            "1e19",
            "1e+20",
            "1e99999999999999999999",
            // Out of range before rounding, so whichever way a claim rounds it.
            "9223372036854775807.5",
            "9223372036854775807.1",
            "92233720368547758071e-1",
        ] {
            assert_eq!(parse(text), Err(Error::InvalidNumericDate), "{text}");
        }
    }
}
