//! Wycheproof at the primitive level for ES384 (P-384), ES512 (P-521) and PS256 (RSASSA-PSS,
//! SHA-256, MGF1-SHA-256, 32-byte salt): every case has exactly its labelled outcome, and every
//! encoding of a group's key reads as the same key.

use jwt_core::{Error, VerifyingKey};

use crate::common;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Runs a Wycheproof verify file whose groups give `publicKeyDer`, `publicKeyPem` and
/// `publicKeyJwk`, returning (valid, invalid) counts.
fn run<K: VerifyingKey + PartialEq + std::fmt::Debug>(
    file: &str,
    from_der: impl Fn(&[u8]) -> Result<K, Error>,
    from_pem: impl Fn(&str) -> Result<K, Error>,
    from_jwk: impl Fn(&[u8]) -> Result<K, Error>,
) -> (usize, usize) {
    let file = common::vector(file);
    let (mut valid, mut invalid) = (0, 0);
    for group in file["testGroups"].as_array().unwrap() {
        let der = from_der(&hex(group["publicKeyDer"].as_str().unwrap())).unwrap();
        assert_eq!(
            from_pem(group["publicKeyPem"].as_str().unwrap()).unwrap(),
            der
        );
        // Some groups' keys have no JWK in the file; every given JWK reads as the same key.
        if let Some(jwk) = group.get("publicKeyJwk") {
            assert_eq!(from_jwk(&serde_json::to_vec(jwk).unwrap()).unwrap(), der);
        }
        for t in group["tests"].as_array().unwrap() {
            let got = der.verify_signature(
                &hex(t["msg"].as_str().unwrap()),
                &hex(t["sig"].as_str().unwrap()),
            );
            let case = format!("tc {} {}", t["tcId"], t["comment"]);
            match t["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(got, Ok(()), "{case}");
                    valid += 1;
                }
                "invalid" => {
                    assert_eq!(got, Err(Error::InvalidSignature), "{case}");
                    invalid += 1;
                }
                other => panic!("{case}: unexpected label {other}"),
            }
        }
    }
    (valid, invalid)
}

#[test]
#[cfg(feature = "es384")]
fn wycheproof_ecdsa_p384_p1363() {
    use jwt_core::Es384VerifyingKey as K;
    let counts = run(
        "ecdsa_secp384r1_sha384_p1363_test.json",
        K::from_public_key_der,
        K::from_public_key_pem,
        K::from_jwk,
    );
    assert_eq!(counts, (193, 87));
    // A key set reads the curve's JWK as a key of its algorithm.
    let jwk =
        &common::vector("ecdsa_secp384r1_sha384_p1363_test.json")["testGroups"][0]["publicKeyJwk"];
    let key = jwt_core::SetKey::from_jwk(&serde_json::to_vec(jwk).unwrap()).unwrap();
    assert_eq!(key.alg(), "ES384");
}

#[test]
#[cfg(feature = "es512")]
fn wycheproof_ecdsa_p521_p1363() {
    use jwt_core::Es512VerifyingKey as K;
    let counts = run(
        "ecdsa_secp521r1_sha512_p1363_test.json",
        K::from_public_key_der,
        K::from_public_key_pem,
        K::from_jwk,
    );
    assert_eq!(counts, (231, 87));
    // A key set reads the curve's JWK as a key of its algorithm.
    let jwk =
        &common::vector("ecdsa_secp521r1_sha512_p1363_test.json")["testGroups"][0]["publicKeyJwk"];
    let key = jwt_core::SetKey::from_jwk(&serde_json::to_vec(jwk).unwrap()).unwrap();
    assert_eq!(key.alg(), "ES512");
}

#[test]
#[cfg(feature = "rsa")]
fn wycheproof_rsa_pss_2048_sha256_mgf1_32() {
    use jwt_core::{Ps256VerifyingKey as K, RsaPublic};
    let counts = run(
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        |der| RsaPublic::from_public_key_der(der).map(K::new),
        |pem| RsaPublic::from_public_key_pem(pem).map(K::new),
        K::from_jwk,
    );
    assert_eq!(counts, (63, 45));
}
