//! RS256/PS256 (feature `rsa`): Wycheproof PKCS#1 v1.5, RFC examples, key sizes.

use jwt_core::{
    Error, Limits, Ps256VerifyingKey, Rs256SigningKey, Rs256VerifyingKey, RsaPrivate, RsaPublic,
    SignHeader, Time, Validation, VerifyingKey, WithRng,
};

use crate::common;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn wycheproof_rsa_pkcs1_2048_sha256() {
    let file = common::vector("rsa_signature_2048_sha256_test.json");
    let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
    for group in file["testGroups"].as_array().unwrap() {
        let der =
            RsaPublic::from_public_key_der(&hex(group["publicKeyDer"].as_str().unwrap())).unwrap();
        let pem = RsaPublic::from_public_key_pem(group["publicKeyPem"].as_str().unwrap()).unwrap();
        assert_eq!(der, pem);
        let jwk =
            Rs256VerifyingKey::from_jwk(&serde_json::to_vec(&group["keyJwk"]).unwrap()).unwrap();
        assert_eq!(jwk.public(), &der);
        for t in group["tests"].as_array().unwrap() {
            let got = jwk.verify_signature(
                &hex(t["msg"].as_str().unwrap()),
                &hex(t["sig"].as_str().unwrap()),
            );
            match t["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(got, Ok(()), "tc {}", t["tcId"]);
                    valid += 1;
                }
                // tc 8, a DigestInfo without the ASN.1 NULL: this crate, like ring, refuses it.
                "acceptable" => {
                    assert_eq!(got, Err(Error::InvalidSignature), "tc {}", t["tcId"]);
                    acceptable += 1;
                }
                _ => {
                    assert_eq!(
                        got,
                        Err(Error::InvalidSignature),
                        "tc {} {}",
                        t["tcId"],
                        t["comment"]
                    );
                    invalid += 1;
                }
            }
        }
    }
    assert_eq!((valid, invalid, acceptable), (9, 249, 1));
}

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

#[test]
fn rfc7515_a2_and_rfc7520_4_1_verify() {
    let a2 = example("rfc7515-A.2");
    let key =
        Rs256VerifyingKey::from_jwk(&serde_json::to_vec(&a2["verification_jwk"]).unwrap()).unwrap();
    let token = a2["token"].as_str().unwrap().as_bytes();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let v = jwt_core::verify(
        token,
        &key,
        &Validation::new(),
        Time::At(1_300_819_379),
        &mut scratch,
    )
    .unwrap();
    assert!(v.claims().iss().unwrap() == "joe");

    let b = example("rfc7520-4.1");
    let key =
        Rs256VerifyingKey::from_jwk(&serde_json::to_vec(&b["verification_jwk"]).unwrap()).unwrap();
    let token = b["token"].as_str().unwrap().as_bytes();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token)];
    let jws = jwt_core::verify_jws(token, &key, &Limits::new(), &mut scratch).unwrap();
    assert_eq!(jws.payload(), b["payload"].as_str().unwrap().as_bytes());
}

#[test]
fn our_rsa_signatures_verify_with_the_example_key() {
    // PKCS#1 v1.5 is deterministic: RFC 7515 A.2's private key reproduces its signature.
    let a2 = example("rfc7515-A.2");
    let jwk = &a2["key_jwk"];
    let signer = Rs256SigningKey::from_jwk(&rsa_private_jwk(jwk)).unwrap();
    let token = a2["token"].as_str().unwrap();
    let (signing_input, signature) = token.rsplit_once('.').unwrap();
    let mut sig = vec![0u8; 256];
    jwt_core::SigningKey::sign_into(&signer, signing_input.as_bytes(), &mut sig).unwrap();
    assert_eq!(common::b64(&sig), signature);

    // PS256 needs an RNG; its signatures verify with the public key.
    let ps = jwt_core::Ps256SigningKey::from_jwk(&rsa_private_jwk(jwk)).unwrap();
    let public = ps.verifying_key();
    let mut rng = Splitmix(7);
    let with_rng = WithRng::new(&ps, &mut rng);
    let mut out = vec![0u8; 1024];
    let token = jwt_core::sign_json(&with_rng, &SignHeader::new(), br#"{"exp":9}"#, &mut out)
        .unwrap()
        .to_owned();
    let mut scratch = vec![0u8; 1024];
    assert!(jwt_core::verify_jws(token.as_bytes(), &public, &Limits::new(), &mut scratch).is_ok());
    let rs = Rs256VerifyingKey::new(public.public().clone());
    assert_eq!(
        jwt_core::verify_jws(token.as_bytes(), &rs, &Limits::new(), &mut scratch).unwrap_err(),
        Error::AlgorithmMismatch
    );
}

#[test]
fn small_rsa_keys_are_refused() {
    // A 1024-bit modulus (Wycheproof's old keys are 2048; build one from the A.2 modulus' half).
    let a2 = example("rfc7515-A.2");
    let n = common::unb64(a2["key_jwk"]["n"].as_str().unwrap());
    assert_eq!(
        RsaPublic::from_components(&n[..128], &[1, 0, 1]).unwrap_err(),
        Error::InvalidKey
    );
    assert!(RsaPublic::from_components(&n, &[1, 0, 1]).is_ok());
    let _: Option<Ps256VerifyingKey> = None;
}

/// The RFC example's private key as JWK bytes without `alg`, for the library's JWK reader.
fn rsa_private_jwk(jwk: &serde_json::Value) -> Vec<u8> {
    let mut jwk = jwk.as_object().unwrap().clone();
    jwk.remove("alg");
    serde_json::to_vec(&jwk).unwrap()
}

#[test]
fn a_private_rsa_jwk_signs_as_its_pem_does_and_its_members_must_agree() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/vectors/keys/rsa2048-private.jwk"),
    )
    .unwrap();
    let pem = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/vectors/keys/rsa2048-pkcs8.pem"),
    )
    .unwrap();
    let from_jwk = Rs256SigningKey::from_jwk(text.as_bytes()).unwrap();
    let from_pem = Rs256SigningKey::new(RsaPrivate::from_pem(&pem).unwrap());
    let sign = |key: &Rs256SigningKey| {
        let mut out = [0u8; 1024];
        jwt_core::sign_json(key, &SignHeader::new(), br#"{"sub":"a"}"#, &mut out)
            .unwrap()
            .to_owned()
    };
    // PKCS#1 v1.5 is deterministic: the same key gives the same token.
    assert_eq!(sign(&from_jwk), sign(&from_pem));

    let jwk: serde_json::Value = serde_json::from_str(&text).unwrap();
    let edited = |f: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>)| {
        let mut j = jwk.as_object().unwrap().clone();
        f(&mut j);
        Rs256SigningKey::from_jwk(&serde_json::to_vec(&j).unwrap()).map(|k| sign(&k))
    };
    // n, e and d alone: the primes are recovered, the key is the same.
    let only_d = edited(&|j| {
        for m in ["p", "q", "dp", "dq", "qi"] {
            j.remove(m);
        }
    });
    assert_eq!(only_d, Ok(sign(&from_pem)));
    // Some CRT members but not all, a CRT member that disagrees, more primes, another alg.
    assert_eq!(edited(&|j| drop(j.remove("qi"))), Err(Error::InvalidKey));
    let dq = jwk["dq"].clone();
    assert_eq!(
        edited(&|j| drop(j.insert("dp".into(), dq.clone()))),
        Err(Error::InvalidKey)
    );
    let q = jwk["q"].clone();
    assert_eq!(
        edited(&|j| drop(j.insert("p".into(), q.clone()))),
        Err(Error::InvalidKey)
    );
    assert_eq!(
        edited(&|j| drop(j.insert("oth".into(), serde_json::json!([])))),
        Err(Error::InvalidKey)
    );
    assert_eq!(
        edited(&|j| drop(j.insert("alg".into(), "PS256".into()))),
        Err(Error::InvalidKey)
    );
    assert_eq!(edited(&|j| drop(j.remove("d"))), Err(Error::InvalidKey));
}

/// A tiny deterministic RNG for tests.
struct Splitmix(u64);

impl rand_core::TryRng for Splitmix {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for Splitmix {}

#[test]
fn rsa_jwk_integers_have_one_spelling_and_the_exponent_is_odd() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/vectors/keys/rsa2048-private.jwk",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let private: serde_json::Value = serde_json::from_str(&text).unwrap();
    let public = |n: &str, e: &str| {
        serde_json::json!({"kty": "RSA", "alg": "RS256", "n": n, "e": e}).to_string()
    };
    let n = private["n"].as_str().unwrap();
    Rs256VerifyingKey::from_jwk(public(n, "AQAB").as_bytes()).unwrap();
    // RFC 7518 §2: the minimum number of octets; a leading zero octet is a second spelling.
    let padded_n = common::b64(&[&[0u8][..], &common::unb64(n)].concat());
    for (n, e, why) in [
        (padded_n.as_str(), "AQAB", "n with a leading zero octet"),
        (n, "AAEAAQ", "e with a leading zero octet"),
        (n, "AQ", "e = 1"),
        (n, "Ag", "e = 2"),
        (n, "AQAA", "e = 65536, even"),
        (n, "", "e empty"),
    ] {
        assert_eq!(
            Rs256VerifyingKey::from_jwk(public(n, e).as_bytes()).err(),
            Some(Error::InvalidKey),
            "{why}"
        );
    }
    // The private members are held to the same rule.
    let mut padded = private.clone();
    let d = common::unb64(private["d"].as_str().unwrap());
    padded["d"] = common::b64(&[&[0u8][..], &d].concat()).into();
    assert_eq!(
        Rs256SigningKey::from_jwk(padded.to_string().as_bytes()).err(),
        Some(Error::InvalidKey)
    );
}

#[test]
fn a_key_set_reads_an_rsa_jwk_for_each_rsa_algorithm() {
    let a2 = example("rfc7515-A.2");
    let public = a2["verification_jwk"].clone();
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
        let mut jwk = public.clone();
        jwk["alg"] = alg.into();
        let key = jwt_core::SetKey::from_jwk(&serde_json::to_vec(&jwk).unwrap()).unwrap();
        assert_eq!(key.alg(), alg);
    }
    // RSA keys without `alg` are read as the algorithm the set names; other keys are not.
    let mut set =
        jwt_core::KeySet::<4>::new().rsa_keys_without_alg_as(jwt_core::RsaAlgorithm::Ps384);
    let jwks = serde_json::json!({"keys": [
        public,
        {"kty": "oct", "kid": "o", "k": common::b64(&[7; 48])},
    ]});
    let mut reasons = Vec::new();
    set.extend_from_jwks_noting(&serde_json::to_vec(&jwks).unwrap(), |s| {
        reasons.push(s.reason);
    })
    .unwrap();
    assert_eq!(reasons, [jwt_core::SkipReason::NoAlgorithm]);
    assert_eq!(
        set.iter().map(|(_, k)| k.alg()).collect::<Vec<_>>(),
        ["PS384"]
    );
}
