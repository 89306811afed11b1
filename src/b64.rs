//! Strict base64url (RFC 7515 §2) over caller buffers, and the sizes it implies.
//!
//! Two codecs, both refusing padding, whitespace, characters outside the URL-safe alphabet and
//! non-zero unused trailing bits, so exactly one encoding of any byte string is accepted:
//!
//! - token segments (header, payload, signature) are public, so with the `fast` feature they go
//!   through the `base64` crate's table-driven engine, several times faster than a
//!   constant-time decoder (the tag comparison stays constant-time, on the decoded bytes);
//!   without it, through `base64ct` (the same size on a Cortex-M3, but twice the instructions:
//!   the choice is speed, not flash);
//! - key material (a JWK's `k`, `d`, RSA parameters) is secret, so it always goes through
//!   `base64ct`, whose running time does not depend on the characters.

mod ct;
#[cfg(feature = "simd")]
mod simd;
#[cfg(all(feature = "fast", not(feature = "simd")))]
mod table;

/// The codec for public token bytes: SIMD, table-driven, or (without `fast`) the
/// constant-time one that key material always uses.
#[cfg(not(feature = "fast"))]
mod public {
    pub(crate) use super::ct::{decode as decode_public, encode as encode_public};
    /// Small, for the stack of a device.
    pub(super) const CHUNK: usize = 48;
}
#[cfg(feature = "simd")]
use simd as public;
#[cfg(all(feature = "fast", not(feature = "simd")))]
use table as public;

pub(crate) use ct::{decode, encode};
pub(crate) use public::decode_public;

use crate::error::Error;

/// The number of bytes `n` base64url characters decode to, or `None` for a length no canonical
/// unpadded encoding has (`n % 4 == 1`).
#[must_use]
pub const fn decoded_len(n: usize) -> Option<usize> {
    let full = (n / 4).saturating_mul(3);
    match n % 4 {
        0 => Some(full),
        2 => Some(full.saturating_add(1)),
        3 => Some(full.saturating_add(2)),
        _ => None,
    }
}

/// The number of characters `n` bytes encode to, without padding.
///
/// Saturates instead of overflowing: no real buffer is that large, so a saturated length
/// simply fails the buffer-size check.
#[must_use]
pub const fn encoded_len(n: usize) -> usize {
    let full = (n / 3).saturating_mul(4);
    match n % 3 {
        0 => full,
        1 => full.saturating_add(2),
        _ => full.saturating_add(3),
    }
}

/// Checks, in constant time per segment, what can be known of a segment without decoding it:
/// a length some canonical encoding has, and a last character whose unused bits are zero.
///
/// This lets a non-canonical segment be refused as a format error even when its signature
/// would not verify, without decoding a payload before its signature is checked.
pub(crate) fn check_shape(src: &[u8]) -> Result<(), Error> {
    let unused_mask = match src.len() % 4 {
        0 => 0,
        2 => 0b1111,
        3 => 0b11,
        _ => return Err(Error::InvalidBase64),
    };
    let Some(&last) = src.last() else {
        return Ok(());
    };
    let value = match last {
        b'A'..=b'Z' => last.wrapping_sub(b'A'),
        b'a'..=b'z' => last.wrapping_sub(b'a').wrapping_add(26),
        b'0'..=b'9' => last.wrapping_sub(b'0').wrapping_add(52),
        b'-' => 62,
        b'_' => 63,
        _ => return Err(Error::InvalidBase64),
    };
    if value & unused_mask == 0 {
        Ok(())
    } else {
        Err(Error::InvalidBase64)
    }
}

/// Encodes `buf[src_start..src_start + src_len]` to base64url starting at `buf[dst]`, where
/// `dst <= src_start`, returning the number of characters written.
///
/// The sign path lays out raw bytes at the end of the caller's buffer and encodes them forward
/// into their final place, so it needs no second buffer. Input is read in chunks into a small
/// stack array before the chunk's output is written, and every write is checked never to reach
/// input not yet read: a buffer without room yields [`Error::BufferTooSmall`], never corruption.
pub(crate) fn encode_within(
    buf: &mut [u8],
    src_start: usize,
    src_len: usize,
    dst: usize,
) -> Result<usize, Error> {
    // A multiple of 3, so every chunk but the last encodes without a tail (the codec's choice:
    // large where the per-call cost matters, small where the stack does).
    const CHUNK: usize = public::CHUNK;
    let mut chunk = [0u8; CHUNK];
    let mut read = 0usize;
    let mut written = 0usize;
    while read < src_len {
        let take = CHUNK.min(src_len.saturating_sub(read));
        let from = src_start.checked_add(read).ok_or(Error::BufferTooSmall)?;
        let input = buf
            .get(from..from.saturating_add(take))
            .ok_or(Error::BufferTooSmall)?;
        let piece = chunk.get_mut(..take).ok_or(Error::BufferTooSmall)?;
        piece.copy_from_slice(input);
        read = read.saturating_add(take);
        let out_len = encoded_len(take);
        let out_start = dst.checked_add(written).ok_or(Error::BufferTooSmall)?;
        let out_end = out_start
            .checked_add(out_len)
            .ok_or(Error::BufferTooSmall)?;
        let unread = src_start.saturating_add(read);
        if read < src_len && out_end > unread {
            return Err(Error::BufferTooSmall);
        }
        let out = buf
            .get_mut(out_start..out_end)
            .ok_or(Error::BufferTooSmall)?;
        written = written.saturating_add(public::encode_public(piece, out)?);
    }
    Ok(written)
}

#[cfg(test)]
#[expect(
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    reason = "tests compute expected values with plain arithmetic on small, known inputs"
)]
mod tests {
    extern crate std;
    use std::vec;
    use std::vec::Vec;

    use super::*;

    #[test]
    fn lengths_agree_with_the_encoder() {
        for n in 0..200 {
            let src = [0xA5u8; 200];
            let mut out = [0u8; 300];
            let written = encode(&src[..n], &mut out).unwrap();
            assert_eq!(written, encoded_len(n));
            assert_eq!(decoded_len(written), Some(n));
        }
        assert_eq!(decoded_len(5), None);
    }

    type Decoder = for<'o> fn(&[u8], &'o mut [u8]) -> Result<&'o mut [u8], Error>;
    /// The constant-time decoder and the public-segment one must accept exactly the same.
    const DECODERS: [Decoder; 2] = [decode, decode_public];

    #[test]
    fn strict_decoding() {
        for decode in DECODERS {
            strict(decode);
        }
    }

    #[test]
    fn exactly_sized_output_is_enough() {
        for decode in DECODERS {
            for n in 0..64usize {
                let src = [0x5Au8; 64];
                let mut text = [0u8; 96];
                let len = encode(&src[..n], &mut text).unwrap();
                let mut buf = [0u8; 64];
                let out = &mut buf[..n];
                assert_eq!(decode(&text[..len], out).unwrap(), &src[..n]);
                if n > 0 {
                    assert_eq!(
                        decode(&text[..len], &mut out[..n - 1]),
                        Err(Error::BufferTooSmall)
                    );
                }
            }
        }
    }

    fn strict(decode: Decoder) {
        let mut out = [0u8; 16];
        assert_eq!(decode(b"AQID", &mut out).unwrap(), &[1, 2, 3]);
        assert_eq!(decode(b"AQ", &mut out).unwrap(), &[1]);
        for bad in [
            &b"AR"[..],
            b"AQ==",
            b"AQ=",
            b"A+ID",
            b"A/ID",
            b"AQ D",
            b"AQI",
            b"A",
        ] {
            if bad == b"AQI" {
                // two bytes, but the last character carries non-zero unused bits
                assert!(decode(b"AQJ", &mut out).is_err());
                continue;
            }
            assert_eq!(decode(bad, &mut out), Err(Error::InvalidBase64), "{bad:?}");
        }
    }

    #[test]
    fn encode_within_moves_forward_without_clobbering() {
        for n in 0..300usize {
            let data: [u8; 300] = core::array::from_fn(|i| (i * 7 + 3) as u8);
            let enc = encoded_len(n);
            let mut buf = [0u8; 500];
            let dst = 5;
            let total = dst + enc;
            let src_start = total - n;
            buf[src_start..total].copy_from_slice(&data[..n]);
            let w = encode_within(&mut buf[..total], src_start, n, dst).unwrap();
            let mut expect = [0u8; 500];
            encode(&data[..n], &mut expect).unwrap();
            assert_eq!(&buf[dst..dst + w], &expect[..enc]);
        }
    }

    /// `input` encoded within a buffer, from `src_start` to `dst`: the result, and what the
    /// destination then holds.
    fn within(input: &[u8], src_start: usize, dst: usize) -> (Result<usize, Error>, Vec<u8>) {
        let mut buf = vec![0u8; 2048];
        buf[src_start..src_start + input.len()].copy_from_slice(input);
        let got = encode_within(&mut buf, src_start, input.len(), dst);
        let written = *got.as_ref().unwrap_or(&0);
        (got, buf[dst..dst + written].to_vec())
    }

    #[test]
    fn encode_within_refuses_to_overwrite_input_not_yet_read() {
        const C: usize = public::CHUNK;
        let input: Vec<u8> = (0..2 * C).map(|i| (i * 11 + 1) as u8).collect();
        let mut expect = vec![0u8; encoded_len(input.len())];
        encode(&input, &mut expect).unwrap();
        // Output from the input's own start: the first chunk's output would reach past the
        // input not yet read.
        assert_eq!(within(&input, 0, 0).0, Err(Error::BufferTooSmall));
        // Output that ends exactly where the input not yet read begins: allowed.
        assert_eq!(within(&input, C / 3, 0), (Ok(expect.len()), expect.clone()));
        // The last chunk is read before it is written: its output may go anywhere.
        let last = &input[..C];
        let mut expect = vec![0u8; encoded_len(C)];
        encode(last, &mut expect).unwrap();
        assert_eq!(within(last, 0, 1024), (Ok(expect.len()), expect));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]

        /// For arbitrary text, decoding agrees with the `base64` crate's strict URL-safe,
        /// unpadded engine: the same texts are accepted, giving the same bytes.
        #[test]
        fn decoding_agrees_with_a_reference_engine(text in "[A-Za-z0-9_=+/ -]{0,64}") {
            use base64::Engine as _;
            let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&text);
            for decode in DECODERS {
                let mut out = [0u8; 64];
                let ours = decode(text.as_bytes(), &mut out).map(|b| b.to_vec());
                proptest::prop_assert_eq!(ours.ok(), reference.clone().ok());
            }
        }

        /// Every byte string has exactly one accepted encoding: setting any unused trailing
        /// bit, or adding padding, is refused.
        #[test]
        fn only_the_canonical_encoding_is_accepted(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..48), bit in 0u8..4) {
            let mut text = [0u8; 64];
            let n = encode(&bytes, &mut text).unwrap();
            let mut out = [0u8; 48];
            proptest::prop_assert_eq!(decode(&text[..n], &mut out).unwrap(), &bytes[..]);
            let unused = match n % 4 { 2 => 4, 3 => 2, _ => 0 };
            if unused > 0 && bit < unused {
                let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                let last = text[n - 1];
                let v = alphabet.iter().position(|&c| c == last).unwrap();
                text[n - 1] = alphabet[v ^ (1 << bit)];
                for decode in DECODERS {
                    proptest::prop_assert_eq!(decode(&text[..n], &mut out), Err(Error::InvalidBase64));
                }
                proptest::prop_assert_eq!(check_shape(&text[..n]), Err(Error::InvalidBase64));
                text[n - 1] = last;
            }
            text[n] = b'=';
            for decode in DECODERS {
                proptest::prop_assert_eq!(decode(&text[..=n], &mut out), Err(Error::InvalidBase64));
            }
        }
    }
}
