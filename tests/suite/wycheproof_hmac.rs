//! Wycheproof HMAC-SHA-2 vectors through the library's HMAC verify path.
//!
//! Full-length tags must pass or fail as labelled. Truncated-tag groups are valid only for a
//! bare MAC primitive: JWS HS* always uses the full tag, so every one of them must be refused,
//! both by the key and as a token. Keys shorter than the hash are built only through the
//! constructor named insecure, and the normal constructor must refuse them.
use crate::common;

use jwt_core::{Error, Hs256Key, Hs384Key, Hs512Key, Limits, VerifyingKey};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn run<K: VerifyingKey + std::fmt::Debug>(
    file: &str,
    full_bits: u64,
    strict: fn(&[u8]) -> Result<K, Error>,
    short: fn(&[u8]) -> Result<K, Error>,
) {
    let data = common::vector(file);
    let (mut full, mut truncated) = (0, 0);
    for group in data["testGroups"].as_array().unwrap() {
        let key_bits = group["keySize"].as_u64().unwrap();
        let tag_bits = group["tagSize"].as_u64().unwrap();
        for t in group["tests"].as_array().unwrap() {
            let tc = t["tcId"].as_u64().unwrap();
            let (secret, msg, tag) = (
                hex(t["key"].as_str().unwrap()),
                hex(t["msg"].as_str().unwrap()),
                hex(t["tag"].as_str().unwrap()),
            );
            let key = if key_bits < full_bits {
                assert_eq!(
                    strict(&secret).unwrap_err(),
                    Error::WeakKey,
                    "{file} tc {tc}: short key accepted"
                );
                short(&secret).unwrap()
            } else {
                strict(&secret).unwrap()
            };
            let got = key.verify_signature(&msg, &tag);
            if tag_bits == full_bits {
                let expected = if t["result"] == "valid" {
                    Ok(())
                } else {
                    Err(Error::InvalidSignature)
                };
                assert_eq!(got, expected, "{file} tc {tc}: {}", t["comment"]);
                full += 1;
            } else {
                assert_eq!(
                    got,
                    Err(Error::InvalidSignature),
                    "{file} tc {tc}: truncated tag accepted"
                );
                // And as a token: a JWS carrying the truncated tag is refused too.
                let header = format!(r#"{{"alg":"{}"}}"#, K::ALG);
                let token = format!(
                    "{}.{}.{}",
                    common::b64(header.as_bytes()),
                    common::b64(b"{}"),
                    common::b64(&tag)
                );
                let mut scratch = [0u8; 512];
                let got =
                    jwt_core::verify_jws(token.as_bytes(), &key, &Limits::new(), &mut scratch);
                assert_eq!(got.unwrap_err(), Error::InvalidSignature, "{file} tc {tc}");
                truncated += 1;
            }
        }
    }
    println!("{file}: {full} full-length cases, {truncated} truncated-tag cases refused");
    assert_eq!(full + truncated, 174);
}

#[test]
fn hmac_sha256() {
    run::<Hs256Key>(
        "hmac_sha256_test.json",
        256,
        Hs256Key::new,
        Hs256Key::new_insecure_short_secret,
    );
}

#[test]
fn hmac_sha384() {
    run::<Hs384Key>(
        "hmac_sha384_test.json",
        384,
        Hs384Key::new,
        Hs384Key::new_insecure_short_secret,
    );
}

#[test]
fn hmac_sha512() {
    run::<Hs512Key>(
        "hmac_sha512_test.json",
        512,
        Hs512Key::new,
        Hs512Key::new_insecure_short_secret,
    );
}
