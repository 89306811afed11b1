//! NumericDate (RFC 7519 §2): seconds since the epoch, read exactly from the JSON number text.
//!
//! No floating point is involved: the number's decimal digits are read as written, so
//! `1700000000.5`, `17e8` and `1.7e9` all mean what they say. A fractional value is rounded
//! toward the safe side for the claim it is in: `exp` down (the token expires no later than it
//! says), `nbf` and `iat` up (the token becomes valid, or counts as issued, no earlier than it
//! says).

use crate::bytes::small_integer;
use crate::error::Error;

/// The largest NumericDate accepted: `i64::MAX` seconds. Larger values, negative values, and
/// values that are not JSON numbers are refused with [`Error::InvalidNumericDate`].
pub const MAX_NUMERIC_DATE: u64 = 9_223_372_036_854_775_807;

/// Which way a fractional NumericDate is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Round {
    /// Toward the past (`exp`).
    Down,
    /// Toward the future (`nbf`, `iat`).
    Up,
}

/// Parses the text of a JSON number (already validated by the pre-scan) as a NumericDate.
pub(crate) fn parse(text: &str, round: Round) -> Result<u64, Error> {
    let bad = Error::InvalidNumericDate;
    if let Some(seconds) = small_integer(text.as_bytes()) {
        return Ok(seconds);
    }
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
    // Zeros implied by a positive exponent beyond the written digits.
    let implied = point.saturating_sub(i64::try_from(total).unwrap_or(i64::MAX));
    if implied > 0 && value != 0 {
        for _ in 0..implied.min(20) {
            value = value.checked_mul(10).ok_or(bad)?;
        }
        if implied > 20 {
            return Err(bad);
        }
    }
    if round == Round::Up && fraction_nonzero {
        value = value.checked_add(1).ok_or(bad)?;
    }
    if value > MAX_NUMERIC_DATE {
        return Err(bad);
    }
    Ok(value)
}

/// The exponent's value, saturated far beyond any meaningful date in either direction.
fn parse_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let mut v: i64 = 0;
    for d in digits.bytes() {
        v = v
            .saturating_mul(10)
            .saturating_add(i64::from(d.saturating_sub(b'0')));
    }
    if negative { v.saturating_neg() } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ("0e999999999999999999999", 0, 0),
            ("9223372036854775807", MAX_NUMERIC_DATE, MAX_NUMERIC_DATE),
            (
                "9223372036854775806.5",
                MAX_NUMERIC_DATE - 1,
                MAX_NUMERIC_DATE,
            ),
        ] {
            assert_eq!(parse(text, Round::Down), Ok(down), "{text}");
            assert_eq!(parse(text, Round::Up), Ok(up), "{text}");
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
        ] {
            assert_eq!(
                parse(text, Round::Down),
                Err(Error::InvalidNumericDate),
                "{text}"
            );
        }
        assert_eq!(
            parse("9223372036854775807.1", Round::Up),
            Err(Error::InvalidNumericDate)
        );
    }
}
