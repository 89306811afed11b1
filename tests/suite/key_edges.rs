//! The edges where key material meets the library: HMAC secrets that are really other keys,
//! `use` and `key_ops` honoured per operation, and RSA JWK integers in their one spelling.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jwt_core::{
    Error, Es256SigningKey, Es256VerifyingKey, Hs256Key, Hs384Key, Hs512Key, KeySet, SetKey,
    SignHeader, SkipReason, Time, Validation,
};

use crate::common::SECRET;

fn key_file(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/vectors/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The DER inside a PEM file.
fn der_of(pem: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(pem).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).unwrap()
}

#[test]
fn a_key_file_is_never_an_hmac_secret() {
    let mut shaped: Vec<(String, Vec<u8>)> = Vec::new();
    for name in [
        "p256-spki.pem",
        "p256-pkcs8.pem",
        "p256-sec1.pem",
        "ed25519-spki.pem",
        "rsa2048-spki.pem",
        "rsa2048-pkcs1.pem",
        "p256-private.jwk",
        "rsa2048-private.jwk",
    ] {
        let bytes = key_file(name);
        shaped.push((format!("{name} with its newline"), bytes.clone()));
        shaped.push((format!("{name} trimmed"), bytes.trim_ascii().to_vec()));
    }
    for name in [
        "p256-spki.pem",
        "rsa2048-spki.pem",
        "ed25519-spki.pem",
        "p256-pkcs8.pem",
    ] {
        shaped.push((format!("DER of {name}"), der_of(&key_file(name))));
    }
    shaped.push(("p256-sec1.der".into(), key_file("p256-sec1.der")));
    let jwk = String::from_utf8(key_file("p256-private.jwk")).unwrap();
    shaped.push((
        "a JWK Set".into(),
        format!("{{\"keys\":[{}]}}", jwk.trim()).into_bytes(),
    ));
    shaped.push((
        "an OpenSSH public key".into(),
        b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
            .to_vec(),
    ));
    for (what, bytes) in &shaped {
        assert_eq!(
            Hs256Key::new(bytes).err(),
            Some(Error::KeyAsSecret),
            "{what}"
        );
        assert_eq!(
            Hs384Key::new(bytes).err(),
            Some(Error::KeyAsSecret),
            "{what}"
        );
        assert_eq!(
            Hs512Key::new(bytes).err(),
            Some(Error::KeyAsSecret),
            "{what}"
        );
        assert_eq!(
            Hs256Key::new_insecure_short_secret(bytes).err(),
            Some(Error::KeyAsSecret),
            "{what}"
        );
    }
    // A JWK whose secret is itself a PEM block is refused the same way.
    let pem = crate::common::b64(&key_file("p256-spki.pem"));
    let oct = format!(r#"{{"kty":"oct","alg":"HS256","k":"{pem}"}}"#);
    assert_eq!(
        Hs256Key::from_jwk(oct.as_bytes()).err(),
        Some(Error::KeyAsSecret)
    );
    // Ordinary secrets, even ones starting with a brace or a DER tag, are keys.
    Hs256Key::new(SECRET).unwrap();
    Hs256Key::new(b"{this secret starts with a brace}").unwrap();
    Hs256Key::new(&[0x30; 32]).unwrap();
}

const P256: &str = r#""kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0""#;
const P256_D: &str = r#""d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI""#;
const OCT: &str = r#""kty":"oct","alg":"HS256","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY""#;

#[test]
fn key_ops_allow_each_operation_separately() {
    let jwk = |extra: &str| format!("{{{P256},{P256_D}{extra}}}");
    // Verifying keys need `verify`, signing keys `sign` (RFC 7517 §4.3).
    for (extra, verifies, signs) in [
        ("", true, true),
        (r#","key_ops":["verify"]"#, true, false),
        (r#","key_ops":["sign"]"#, false, true),
        (r#","key_ops":["sign","verify"]"#, true, true),
        (r#","key_ops":["encrypt"]"#, false, false),
        (r#","key_ops":[]"#, false, false),
        (r#","use":"sig""#, true, true),
        (r#","use":"enc""#, false, false),
        // Both present must agree.
        (r#","use":"sig","key_ops":["verify"]"#, true, false),
        (
            r#","use":"sig","key_ops":["verify","encrypt"]"#,
            false,
            false,
        ),
        (r#","use":"enc","key_ops":["verify"]"#, false, false),
        (r#","use":"enc","key_ops":["encrypt"]"#, false, false),
    ] {
        let text = jwk(extra);
        let expect = |ok: bool| if ok { Ok(()) } else { Err(Error::InvalidKey) };
        assert_eq!(
            Es256VerifyingKey::from_jwk(text.as_bytes()).map(|_| ()),
            expect(verifies),
            "verify {extra}"
        );
        assert_eq!(
            Es256SigningKey::from_jwk(text.as_bytes()).map(|_| ()),
            expect(signs),
            "sign {extra}"
        );
        assert_eq!(
            SetKey::from_jwk(text.as_bytes()).map(|_| ()),
            expect(verifies),
            "set {extra}"
        );
    }
}

#[test]
fn an_hmac_key_does_only_what_its_jwk_allows() {
    let claims = br#"{"sub":"a"}"#;
    let header = SignHeader::new();
    let signer = Hs256Key::from_jwk(format!("{{{OCT}}}").as_bytes()).unwrap();
    let mut out = vec![0u8; jwt_core::signed_json_len(&signer, &header, claims)];
    let token = jwt_core::sign_json(&signer, &header, claims, &mut out)
        .unwrap()
        .to_owned();
    let policy = Validation::new().require(jwt_core::Required::NONE);
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];

    let verify_only =
        Hs256Key::from_jwk(format!(r#"{{{OCT},"key_ops":["verify"]}}"#).as_bytes()).unwrap();
    assert_eq!(
        jwt_core::sign_json(&verify_only, &header, claims, &mut out).err(),
        Some(Error::InvalidKey)
    );
    jwt_core::verify(
        token.as_bytes(),
        &verify_only,
        &policy,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    )
    .unwrap();

    let sign_only =
        Hs256Key::from_jwk(format!(r#"{{{OCT},"key_ops":["sign"]}}"#).as_bytes()).unwrap();
    jwt_core::sign_json(&sign_only, &header, claims, &mut out).unwrap();
    assert_eq!(
        jwt_core::verify(
            token.as_bytes(),
            &sign_only,
            &policy,
            Time::DangerouslySkipTimeChecks,
            &mut scratch
        )
        .err(),
        Some(Error::InvalidKey)
    );
    // A key set leaves a sign-only key out, saying why.
    let jwks = format!(r#"{{"keys":[{{{OCT},"kid":"s","key_ops":["sign"]}}]}}"#);
    let mut reasons = Vec::new();
    KeySet::<2>::new()
        .extend_from_jwks_noting(jwks.as_bytes(), |s| reasons.push(s.reason))
        .unwrap();
    assert_eq!(reasons, [SkipReason::NotForVerifying]);
}

#[test]
fn a_jwk_for_a_named_algorithm() {
    let oct = r#"{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}"#.to_string();
    assert_eq!(
        SetKey::from_jwk_for(oct.as_bytes(), "HS256").unwrap().alg(),
        "HS256"
    );
    // The secret is 32 bytes: too short for HS384, and that is the error, not the JWK's.
    assert_eq!(
        SetKey::from_jwk_for(oct.as_bytes(), "HS384").err(),
        Some(Error::WeakKey)
    );
    assert_eq!(
        SetKey::from_jwk(oct.as_bytes()).err(),
        Some(Error::InvalidKey)
    );
    let named = format!("{{{OCT}}}");
    assert_eq!(
        SetKey::from_jwk_for(named.as_bytes(), "HS256")
            .unwrap()
            .alg(),
        "HS256"
    );
    assert_eq!(
        SetKey::from_jwk_for(named.as_bytes(), "HS512").err(),
        Some(Error::InvalidKey)
    );
    let ec = format!("{{{P256}}}");
    assert_eq!(
        SetKey::from_jwk_for(ec.as_bytes(), "ES256").unwrap().alg(),
        "ES256"
    );
    assert_eq!(
        SetKey::from_jwk_for(ec.as_bytes(), "ES384").err(),
        Some(Error::InvalidKey)
    );
    assert_eq!(
        SetKey::from_jwk_for(ec.as_bytes(), "none").err(),
        Some(Error::InvalidKey)
    );
    assert_eq!(jwt_core::jwk_algorithm(ec.as_bytes()), Ok(Some("ES256")));
    assert_eq!(jwt_core::jwk_is_private(ec.as_bytes()), Ok(false));
    assert_eq!(
        jwt_core::jwk_is_private(format!("{{{P256},{P256_D}}}").as_bytes()),
        Ok(true)
    );
    // A duplicate member is refused as everywhere else.
    let dup = format!(r#"{{{P256},"crv":"P-384"}}"#);
    assert_eq!(
        jwt_core::jwk_algorithm(dup.as_bytes()),
        Err(Error::DuplicateMember)
    );
    assert_eq!(
        SetKey::from_jwk_for(dup.as_bytes(), "ES256").err(),
        Some(Error::DuplicateMember)
    );
}

#[test]
fn a_key_set_hands_out_the_key_it_would_use() {
    let signer = Es256SigningKey::from_jwk(format!("{{{P256},{P256_D}}}").as_bytes()).unwrap();
    let mut set = KeySet::<4>::new();
    set.insert(Some("ec"), SetKey::Es256(signer.verifying_key()))
        .unwrap();
    set.insert(Some("mac"), SetKey::Hs256(Hs256Key::new(SECRET).unwrap()))
        .unwrap();
    let policy = Validation::new().require(jwt_core::Required::NONE);
    let header = SignHeader::new().kid("ec");
    let claims = br#"{"sub":"a"}"#;
    let mut out = vec![0u8; jwt_core::signed_json_len(&signer, &header, claims)];
    let token = jwt_core::sign_json(&signer, &header, claims, &mut out).unwrap();
    let mut scratch = vec![0u8; 512];
    let key = set
        .key_for(token.as_bytes(), &policy, &mut scratch)
        .unwrap();
    assert_eq!(key.alg(), "ES256");
    let key = key.clone();
    key.verify(
        token.as_bytes(),
        &policy,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    )
    .unwrap();
    assert_eq!(
        key.verify_jws(token.as_bytes(), &jwt_core::Limits::new(), &mut scratch)
            .unwrap()
            .payload(),
        claims
    );
    let stranger =
        jwt_core::sign_json(&signer, &SignHeader::new().kid("x"), claims, &mut out).unwrap();
    assert_eq!(
        set.key_for(stranger.as_bytes(), &policy, &mut scratch)
            .err(),
        Some(Error::UnknownKey)
    );
}

#[test]
fn a_jwk_object_is_not_a_key_set() {
    assert_eq!(
        KeySet::<1>::new().extend_from_jwks(format!("{{{OCT}}}").as_bytes()),
        Err(jwt_core::JwksError::NoKeys)
    );
}
