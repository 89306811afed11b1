//! Whether bytes offered as an HMAC secret are really a key of another kind.
//!
//! The algorithm-confusion attack (RFC 8725 §2.1) works when a verifier hands a public key's
//! file to an HMAC key constructor: the attacker, who has the public key too, signs with it as
//! the secret. The shapes are recognised by their framing, never by a first byte alone, so a
//! random secret is refused with negligible probability (an exact DER length, a PEM armour
//! line, a JSON object naming `kty` or `keys`).

/// Whether `secret` is shaped like a PEM block, a JWK or JWK Set, an OpenSSH public key, or a
/// DER `SEQUENCE` that holds a key (`SubjectPublicKeyInfo`, PKCS#8, PKCS#1 or SEC1).
pub(crate) fn looks_like_a_key(secret: &[u8]) -> bool {
    let text = secret.trim_ascii();
    text.starts_with(b"-----BEGIN ")
        || is_jwk_text(text)
        || OPENSSH_PREFIXES.iter().any(|p| text.starts_with(p))
        || is_der_key(secret)
}

/// The algorithm names an OpenSSH public key line starts with.
const OPENSSH_PREFIXES: [&[u8]; 4] = [b"ssh-rsa ", b"ssh-ed25519 ", b"ecdsa-sha2-", b"ssh-dss "];

/// A JSON object that names a key type or a key list, in any spelling a JWK writer uses.
fn is_jwk_text(text: &[u8]) -> bool {
    text.starts_with(b"{")
        && text.ends_with(b"}")
        && (contains(text, b"\"kty\"") || contains(text, b"\"keys\""))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// DER tags of the structures that hold a key.
const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OBJECT_IDENTIFIER: u8 = 0x06;

/// A DER `SEQUENCE` filling exactly `bytes`, whose first element is an `AlgorithmIdentifier`
/// (`SubjectPublicKeyInfo`) or a version `INTEGER` (PKCS#8, PKCS#1, SEC1) followed by more.
fn is_der_key(bytes: &[u8]) -> bool {
    let Some((SEQUENCE, body, [])) = element(bytes) else {
        return false;
    };
    match element(body) {
        // `SubjectPublicKeyInfo`: SEQUENCE { AlgorithmIdentifier SEQUENCE { OID, ... }, BIT STRING }
        Some((SEQUENCE, algorithm, rest)) => {
            !rest.is_empty() && matches!(element(algorithm), Some((OBJECT_IDENTIFIER, _, _)))
        }
        // PKCS#8, PKCS#1 and SEC1 private keys start with a small version number.
        Some((INTEGER, [version], rest)) => *version <= 1 && element(rest).is_some(),
        _ => false,
    }
}

/// One DER element of `bytes`: its tag, its contents and what follows it. `None` unless the
/// length is in the definite, minimal form and fits.
fn element(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81 => {
            let (&len, rest) = rest.split_first()?;
            (len >= 0x80).then_some((usize::from(len), rest))?
        }
        0x82 => {
            let (len, rest) = rest.split_first_chunk::<2>()?;
            let len = usize::from(u16::from_be_bytes(*len));
            (len >= 0x100).then_some((len, rest))?
        }
        _ => return None,
    };
    let (contents, after) = rest.split_at_checked(len)?;
    Some((tag, contents, after))
}

#[cfg(test)]
mod tests {
    use super::looks_like_a_key;

    #[test]
    fn key_files_are_recognised() {
        for shaped in [
            &b"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n"[..],
            b"  -----BEGIN RSA PRIVATE KEY-----",
            br#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#,
            b"{\"keys\":[]}\n",
            b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA user@host",
            // `SubjectPublicKeyInfo`: SEQUENCE { SEQUENCE { OID }, BIT STRING }
            &[
                0x30, 0x0b, 0x30, 0x03, 0x06, 0x01, 0x2a, 0x03, 0x04, 0x00, 0x01, 0x02, 0x03,
            ],
            // PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE {}, OCTET STRING }
            &[0x30, 0x07, 0x02, 0x01, 0x00, 0x30, 0x00, 0x04, 0x00],
        ] {
            assert!(looks_like_a_key(shaped), "{shaped:?}");
        }
    }

    #[test]
    fn secrets_are_not_keys() {
        for secret in [
            &b"0123456789abcdef0123456789abcdef"[..],
            b"{not json, but a secret that starts with a brace}",
            // A SEQUENCE whose length does not fill the secret.
            &[0x30, 0x03, 0x30, 0x01, 0x06, 0xff, 0xff, 0xff],
            // A SEQUENCE of something else.
            &[0x30, 0x03, 0x04, 0x01, 0x00],
            b"",
        ] {
            assert!(!looks_like_a_key(secret), "{secret:?}");
        }
    }
}
