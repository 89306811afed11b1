//! RFC examples: RFC 7515 A.1, RFC 7519 §3.1 and RFC 7520 §4.4 verify; RFC 7515 A.5
//! (`alg: none`) and Appendix E (`crit`) are refused.
use crate::common;

#[cfg(any(feature = "es256", feature = "es512"))]
use jwt_core::SignHeader;
#[cfg(feature = "eddsa")]
use jwt_core::SigningKey;
#[cfg(feature = "eddsa")]
use jwt_core::{Ed25519SigningKey, Ed25519VerifyingKey};
use jwt_core::{Error, Hs256Key, Limits, Time, Validation};
#[cfg(feature = "es256")]
use jwt_core::{Es256SigningKey, Es256VerifyingKey};
use serde::Deserialize;

fn example(id: &str) -> serde_json::Value {
    let file = common::vector("rfc-jws-examples.json");
    file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
        .clone()
}

#[derive(Deserialize, Debug, PartialEq)]
struct Joe<'a> {
    iss: &'a str,
    exp: u64,
    #[serde(rename = "http://example.com/is_root")]
    is_root: bool,
}

#[test]
fn rfc7515_a1_and_rfc7519_3_1_verify_as_jwts() {
    for id in ["rfc7515-A.1", "rfc7519-3.1"] {
        let v = example(id);
        let key = Hs256Key::from_jwk(&serde_json::to_vec(&v["key_jwk"]).unwrap()).unwrap();
        let token = v["token"].as_str().unwrap().as_bytes();
        let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
        // exp is 1300819380 (2011): one second before it the token is valid...
        let verified = jwt_core::verify(
            token,
            &key,
            &Validation::new(),
            Time::At(1_300_819_379),
            &mut scratch,
        )
        .unwrap();
        assert_eq!(
            verified.payload_json(),
            v["payload"].as_str().unwrap().as_bytes()
        );
        assert!(verified.header().typ().unwrap() == "JWT");
        assert_eq!(verified.claims().exp(), Some(1_300_819_380));
        assert!(verified.claims().iss().unwrap() == "joe");
        let joe: Joe<'_> = verified.deserialize_claims().unwrap();
        assert_eq!(
            joe,
            Joe {
                iss: "joe",
                exp: 1_300_819_380,
                is_root: true
            }
        );
        // ...at it, expired; and only an explicit choice skips the check.
        let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
        let err = jwt_core::verify(
            token,
            &key,
            &Validation::new(),
            Time::At(1_300_819_380),
            &mut scratch,
        )
        .unwrap_err();
        assert_eq!(err, Error::Expired);
        let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
        jwt_core::verify(
            token,
            &key,
            &Validation::new(),
            Time::DangerouslySkipTimeChecks,
            &mut scratch,
        )
        .unwrap();
    }
}

#[test]
fn rfc7520_4_4_verifies_as_a_jws() {
    let v = example("rfc7520-4.4");
    let key = Hs256Key::from_jwk(&serde_json::to_vec(&v["key_jwk"]).unwrap()).unwrap();
    let token = v["token"].as_str().unwrap().as_bytes();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let jws = jwt_core::verify_jws(token, &key, &Limits::new(), &mut scratch).unwrap();
    assert_eq!(jws.payload(), v["payload"].as_str().unwrap().as_bytes());
    assert!(jws.header().kid().unwrap() == "018c0ae5-4d9b-471b-bfd6-eef314bc7037");
    assert_eq!(jws.algorithm(), "HS256");
    // Its payload is prose, not a claims set: as a JWT it is refused after the signature.
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let err =
        jwt_core::verify(token, &key, &Validation::new(), Time::At(0), &mut scratch).unwrap_err();
    assert_eq!(err, Error::InvalidJson);
}

#[test]
fn rfc7515_a5_unsecured_and_appendix_e_crit_are_refused() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let a5 = example("rfc7515-A.5");
    let token = a5["token"].as_str().unwrap();
    let mut scratch = vec![0u8; 512];
    let err = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::AlgorithmNone,
        "an unsecured JWS is named for what it is, not for its empty signature"
    );
    // With some signature appended, the header itself is what refuses it.
    let with_sig = format!("{token}c2lnbmF0dXJl");
    let err = jwt_core::verify(
        with_sig.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap_err();
    assert_eq!(err, Error::AlgorithmNone);

    let e = example("rfc7515-E");
    let token = e["token"].as_str().unwrap();
    let err = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::UnsupportedCritical,
        "the header is read before the missing signature is refused"
    );
    let with_sig = format!("{token}c2lnbmF0dXJl");
    let err = jwt_core::verify(
        with_sig.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::UnsupportedCritical,
        "an unknown critical extension is refused"
    );
}

#[test]
#[cfg(feature = "es256")]
fn rfc7515_a3_es256_verifies_and_our_signatures_verify_with_its_key() {
    let v = example("rfc7515-A.3");
    let public =
        Es256VerifyingKey::from_jwk(&serde_json::to_vec(&v["verification_jwk"]).unwrap()).unwrap();
    let token = v["token"].as_str().unwrap().as_bytes();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let verified = jwt_core::verify(
        token,
        &public,
        &Validation::new(),
        Time::At(1_300_819_379),
        &mut scratch,
    )
    .unwrap();
    assert!(verified.claims().iss().unwrap() == "joe");
    // The private key signs tokens the public key verifies (ECDSA is randomized per message, so
    // the example's own signature cannot be reproduced, only verified).
    let private = Es256SigningKey::from_jwk(&serde_json::to_vec(&v["key_jwk"]).unwrap()).unwrap();
    let mut out = [0u8; 512];
    let ours = jwt_core::sign_json(
        &private,
        &SignHeader::new(),
        v["payload"].as_str().unwrap().as_bytes(),
        &mut out,
    )
    .unwrap();
    let mut scratch = [0u8; 512];
    assert!(jwt_core::verify_jws(ours.as_bytes(), &public, &Limits::new(), &mut scratch).is_ok());
}

#[test]
#[cfg(feature = "eddsa")]
fn rfc8037_a4_ed25519_verifies_and_signs_identically() {
    let v = example("rfc8037-A.4");
    let public =
        Ed25519VerifyingKey::from_jwk(&serde_json::to_vec(&v["verification_jwk"]).unwrap())
            .unwrap();
    let token = v["token"].as_str().unwrap();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let jws =
        jwt_core::verify_jws(token.as_bytes(), &public, &Limits::new(), &mut scratch).unwrap();
    assert_eq!(jws.payload(), v["payload"].as_str().unwrap().as_bytes());
    // Ed25519 is deterministic: signing the example's exact signing input gives its signature.
    let private = Ed25519SigningKey::from_jwk(&serde_json::to_vec(&v["key_jwk"]).unwrap()).unwrap();
    let (signing_input, signature) = token.rsplit_once('.').unwrap();
    let mut sig = [0u8; 64];
    private
        .sign_into(signing_input.as_bytes(), &mut sig)
        .unwrap();
    assert_eq!(common::b64(&sig), signature);
}

#[test]
#[cfg(feature = "es512")]
fn rfc7520_4_3_es512_verifies_and_its_key_signs() {
    let v = example("rfc7520-4.3");
    let jwk = |name: &str| serde_json::to_vec(&v[name]).unwrap();
    let public = jwt_core::Es512VerifyingKey::from_jwk(&jwk("verification_jwk")).unwrap();
    let token = v["token"].as_str().unwrap().as_bytes();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let jws = jwt_core::verify_jws(token, &public, &Limits::new(), &mut scratch).unwrap();
    assert_eq!(jws.algorithm(), "ES512");
    // ECDSA signatures differ each time; ours, from the example's private JWK, verify.
    let private = jwt_core::Es512SigningKey::from_jwk(&jwk("key_jwk")).unwrap();
    assert!(private.verifying_key() == public);
    let mut out = [0u8; 512];
    let ours = jwt_core::sign_json(
        &private,
        &SignHeader::new(),
        br#"{"sub":"frodo","exp":9}"#,
        &mut out,
    )
    .unwrap()
    .to_owned();
    let mut scratch = vec![0u8; jwt_core::scratch_len(ours.as_bytes())];
    let verified = jwt_core::verify(
        ours.as_bytes(),
        &public,
        &Validation::new(),
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    );
    assert_eq!(verified.map(|v| v.algorithm()), Ok("ES512"));
    // One bit off in the signature: refused.
    let mut tampered = v["token"].as_str().unwrap().to_owned();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let mut scratch = vec![0u8; jwt_core::scratch_len(tampered.as_bytes())];
    assert_eq!(
        jwt_core::verify_jws(tampered.as_bytes(), &public, &Limits::new(), &mut scratch)
            .map(|j| j.algorithm()),
        Err(Error::InvalidSignature)
    );
}

#[test]
#[cfg(all(feature = "es256", not(feature = "es512")))]
fn rfc7520_4_3_es512_is_reported_unsupported() {
    // ES512 (P-521) is not built: the example is refused as an algorithm this key type cannot be.
    let v = example("rfc7520-4.3");
    assert_eq!(v["alg"], "ES512");
    let key = Es256SigningKey::from_bytes(&[5u8; 32])
        .unwrap()
        .verifying_key();
    let token = v["token"].as_str().unwrap().as_bytes();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    assert_eq!(
        jwt_core::verify_jws(token, &key, &Limits::new(), &mut scratch).unwrap_err(),
        Error::AlgorithmMismatch
    );
    println!("rfc7520-4.3 (ES512): skipped, P-521 is not supported");
}
