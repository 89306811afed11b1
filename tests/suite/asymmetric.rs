//! ES256, ES384 and EdDSA: Wycheproof primitives, RFC examples, key formats, opaque signers.

use jwt_core::{
    Ed25519SigningKey, Ed25519VerifyingKey, Error, Es256SigningKey, Es256VerifyingKey,
    Es384SigningKey, Es384VerifyingKey, Limits, OpaqueSigner, SignHeader, SigningKey, Time,
    Validation, VerifyingKey, WithRng,
};

use crate::common;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn key_file(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/vectors/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn wycheproof_ecdsa_p256_p1363() {
    let file = common::vector("ecdsa_secp256r1_sha256_p1363_test.json");
    let (mut valid, mut invalid) = (0, 0);
    for group in file["testGroups"].as_array().unwrap() {
        // Every encoding of the group's key gives the same key.
        let der =
            Es256VerifyingKey::from_public_key_der(&hex(group["publicKeyDer"].as_str().unwrap()))
                .unwrap();
        let pem = Es256VerifyingKey::from_public_key_pem(group["publicKeyPem"].as_str().unwrap())
            .unwrap();
        let sec1 = Es256VerifyingKey::from_sec1_bytes(&hex(group["publicKey"]["uncompressed"]
            .as_str()
            .unwrap()))
        .unwrap();
        assert!(der == pem && pem == sec1);
        if let Some(jwk) = group.get("publicKeyJwk") {
            assert!(Es256VerifyingKey::from_jwk(&serde_json::to_vec(jwk).unwrap()).unwrap() == der);
        }
        let jwk = der;
        for t in group["tests"].as_array().unwrap() {
            let got = jwk.verify_signature(
                &hex(t["msg"].as_str().unwrap()),
                &hex(t["sig"].as_str().unwrap()),
            );
            match t["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(got, Ok(()), "tc {} {}", t["tcId"], t["comment"]);
                    valid += 1;
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
    // 173 valid (high-S among them: JOSE does not require low-S) and 89 invalid, no
    // "acceptable" cases in this file.
    assert_eq!((valid, invalid), (173, 89));
}

#[test]
fn wycheproof_ed25519() {
    let file = common::vector("ed25519_test.json");
    let (mut valid, mut invalid) = (0, 0);
    for group in file["testGroups"].as_array().unwrap() {
        let jwk =
            Ed25519VerifyingKey::from_jwk(&serde_json::to_vec(&group["publicKeyJwk"]).unwrap())
                .unwrap();
        let der =
            Ed25519VerifyingKey::from_public_key_der(&hex(group["publicKeyDer"].as_str().unwrap()))
                .unwrap();
        let pem = Ed25519VerifyingKey::from_public_key_pem(group["publicKeyPem"].as_str().unwrap())
            .unwrap();
        let raw = Ed25519VerifyingKey::from_bytes(&hex(group["publicKey"]["pk"].as_str().unwrap()))
            .unwrap();
        assert!(jwk == der && der == pem && pem == raw);
        for t in group["tests"].as_array().unwrap() {
            let got = raw.verify_signature(
                &hex(t["msg"].as_str().unwrap()),
                &hex(t["sig"].as_str().unwrap()),
            );
            if t["result"] == "valid" {
                assert_eq!(got, Ok(()), "tc {} {}", t["tcId"], t["comment"]);
                valid += 1;
            } else {
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
    assert_eq!((valid, invalid), (88, 63));
}

/// The twelve Ed25519 edge cases of ed25519-speccheck, with the outcome of strict verification
/// (`ed25519-dalek`'s `verify_strict`) and why.
#[test]
fn ed25519_speccheck_cases() {
    let cases = common::vector("ed25519_speccheck_cases.json");
    const REFUSED: Result<(), Error> = Err(Error::InvalidSignature);
    let expected: [(Result<(), Error>, &str); 12] = [
        (
            REFUSED,
            "0: small-order A and R, S = 0: small-order points are refused",
        ),
        (
            REFUSED,
            "1: small-order A, 0 < S < L: small-order A is refused",
        ),
        (
            REFUSED,
            "2: mixed-order A, small-order R: small-order R is refused",
        ),
        (
            Ok(()),
            "3: mixed-order A and R, both the cofactored and cofactorless equations hold",
        ),
        (
            REFUSED,
            "4: mixed-order A and R, passes cofactored only: the cofactorless equation fails",
        ),
        (
            REFUSED,
            "5: mixed-order A and R, passes cofactored only, with an 8-torsion twist",
        ),
        (REFUSED, "6: S > L (non-canonical S): refused"),
        (REFUSED, "7: S >> L (non-canonical S): refused"),
        (
            REFUSED,
            "8: non-canonical R (mixed order): the recomputed R's encoding differs",
        ),
        (REFUSED, "9: non-canonical R (small order): refused"),
        (
            REFUSED,
            "10: non-canonical A (mixed order): the key decodes, the signature is refused",
        ),
        (REFUSED, "11: non-canonical A (small order): refused"),
    ];
    let mut outcomes = Vec::new();
    for case in cases.as_array().unwrap() {
        let got = Ed25519VerifyingKey::from_bytes(&hex(case["pub_key"].as_str().unwrap()))
            .and_then(|k| {
                k.verify_signature(
                    &hex(case["message"].as_str().unwrap()),
                    &hex(case["signature"].as_str().unwrap()),
                )
            });
        outcomes.push(got);
    }
    let wanted: Vec<Result<(), Error>> = expected.iter().map(|e| e.0).collect();
    assert_eq!(
        outcomes, wanted,
        "speccheck outcomes changed: {expected:#?}"
    );
}

#[test]
fn key_formats_agree_and_signatures_round_trip() {
    // P-256: SEC1 PEM and DER, PKCS#8 PEM, JWK; public SPKI.
    let sec1 = Es256SigningKey::from_pem(&key_file("p256-sec1.pem")).unwrap();
    let der = std::fs::read(format!(
        "{}/tests/vectors/keys/p256-sec1.der",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let sec1_der = Es256SigningKey::from_der(&der).unwrap();
    let pkcs8 = Es256SigningKey::from_pem(&key_file("p256-pkcs8.pem")).unwrap();
    let jwk = Es256SigningKey::from_jwk(key_file("p256-private.jwk").as_bytes()).unwrap();
    let public = Es256VerifyingKey::from_public_key_pem(&key_file("p256-spki.pem")).unwrap();
    for k in [&sec1, &sec1_der, &pkcs8, &jwk] {
        assert!(k.verifying_key() == public);
    }
    round_trip(&sec1, &public);
    assert_eq!(
        public.thumbprint(),
        jwt_core::jwk_thumbprint(key_file("p256-private.jwk").as_bytes()).unwrap()
    );

    let p384 = Es384SigningKey::from_pem(&key_file("p384-sec1.pem")).unwrap();
    let p384_public = Es384VerifyingKey::from_public_key_pem(&key_file("p384-spki.pem")).unwrap();
    assert!(
        Es384SigningKey::from_pem(&key_file("p384-pkcs8.pem"))
            .unwrap()
            .verifying_key()
            == p384_public
    );
    assert!(
        Es384SigningKey::from_jwk(key_file("p384-private.jwk").as_bytes())
            .unwrap()
            .verifying_key()
            == p384_public
    );
    round_trip(&p384, &p384_public);

    let ed = Ed25519SigningKey::from_pem(&key_file("ed25519-pkcs8.pem")).unwrap();
    let ed_public =
        Ed25519VerifyingKey::from_public_key_pem(&key_file("ed25519-spki.pem")).unwrap();
    assert!(
        Ed25519SigningKey::from_jwk(key_file("ed25519-private.jwk").as_bytes())
            .unwrap()
            .verifying_key()
            == ed_public
    );
    assert_eq!(
        ed_public.thumbprint(),
        jwt_core::jwk_thumbprint(key_file("ed25519-private.jwk").as_bytes()).unwrap()
    );
    round_trip(&ed, &ed_public);

    // A key of one curve is not a key of another, and a private PEM is not a public one.
    assert_eq!(
        Es384SigningKey::from_pem(&key_file("p256-sec1.pem")).unwrap_err(),
        Error::InvalidKey
    );
    assert_eq!(
        Es256VerifyingKey::from_public_key_pem(&key_file("p256-pkcs8.pem")).unwrap_err(),
        Error::InvalidKey
    );
    assert_eq!(
        Ed25519VerifyingKey::from_public_key_pem(&key_file("p256-spki.pem")).unwrap_err(),
        Error::InvalidKey
    );
    // Debug never shows private material.
    assert_eq!(
        format!("{sec1:?} {ed:?}"),
        "Es256SigningKey { .. } Ed25519SigningKey { .. }"
    );
}

fn round_trip<S: SigningKey, V: VerifyingKey>(signer: &S, public: &V) {
    let mut out = [0u8; 512];
    let token = jwt_core::sign_json(
        signer,
        &SignHeader::new(),
        br#"{"sub":"device","exp":9}"#,
        &mut out,
    )
    .unwrap();
    let mut scratch = [0u8; 512];
    let v = jwt_core::verify(
        token.as_bytes(),
        public,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(v.algorithm(), V::ALG);
    assert_eq!(S::ALG, V::ALG);
}

#[test]
fn jwks_members_are_honoured() {
    let x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    let y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    let jwk = |extra: &str| format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"{extra}}}"#);
    assert!(Es256VerifyingKey::from_jwk(jwk("").as_bytes()).is_ok());
    for (bad, error) in [
        (r#","use":"enc""#, Error::InvalidKey),
        (r#","key_ops":["encrypt"]"#, Error::InvalidKey),
        (r#","alg":"ES384""#, Error::InvalidKey),
        (r#","crv":"P-384""#, Error::DuplicateMember),
    ] {
        assert_eq!(
            Es256VerifyingKey::from_jwk(jwk(bad).as_bytes()).unwrap_err(),
            error,
            "{bad}"
        );
    }
    assert_eq!(
        Es256VerifyingKey::from_jwk(jwk("").replace("\"EC\"", "\"OKP\"").as_bytes()).unwrap_err(),
        Error::InvalidKey
    );
    // A point not on the curve.
    let off = jwk("").replace(y, "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a1");
    assert_eq!(
        Es256VerifyingKey::from_jwk(off.as_bytes()).unwrap_err(),
        Error::InvalidKey
    );
    // A private JWK whose public half does not match its d.
    let private = key_file("p256-private.jwk");
    let mut v: serde_json::Value = serde_json::from_str(&private).unwrap();
    v["x"] = x.into();
    v["y"] = y.into();
    assert_eq!(
        Es256SigningKey::from_jwk(&serde_json::to_vec(&v).unwrap()).unwrap_err(),
        Error::InvalidKey
    );
}

#[test]
fn cross_algorithm_confusion_is_impossible() {
    let es = Es256SigningKey::from_bytes(&[7u8; 32]).unwrap();
    let ed = Ed25519SigningKey::from_bytes(&[7u8; 32]).unwrap();
    let hs = jwt_core::Hs256Key::new(&[7u8; 32]).unwrap();
    let mut out = [0u8; 512];
    let es_token = jwt_core::sign_json(&es, &SignHeader::new(), b"{}", &mut out)
        .unwrap()
        .to_owned();
    let ed_token = jwt_core::sign_json(&ed, &SignHeader::new(), b"{}", &mut out)
        .unwrap()
        .to_owned();
    let hs_token = jwt_core::sign_json(&hs, &SignHeader::new(), b"{}", &mut out)
        .unwrap()
        .to_owned();
    let limits = Limits::new();
    let mut s = [0u8; 512];
    assert_eq!(
        jwt_core::verify_jws(es_token.as_bytes(), &hs, &limits, &mut s).unwrap_err(),
        Error::AlgorithmMismatch
    );
    assert_eq!(
        jwt_core::verify_jws(hs_token.as_bytes(), &es.verifying_key(), &limits, &mut s)
            .unwrap_err(),
        Error::AlgorithmMismatch
    );
    assert_eq!(
        jwt_core::verify_jws(ed_token.as_bytes(), &es.verifying_key(), &limits, &mut s)
            .unwrap_err(),
        Error::AlgorithmMismatch
    );
    assert_eq!(
        jwt_core::verify_jws(es_token.as_bytes(), &ed.verifying_key(), &limits, &mut s)
            .unwrap_err(),
        Error::AlgorithmMismatch
    );
    assert!(
        jwt_core::verify_jws(es_token.as_bytes(), &es.verifying_key(), &limits, &mut s).is_ok()
    );
    assert!(
        jwt_core::verify_jws(ed_token.as_bytes(), &ed.verifying_key(), &limits, &mut s).is_ok()
    );
}

#[test]
fn ecdsa_signatures_are_raw_and_deterministic_unless_randomized() {
    let key = Es256SigningKey::from_bytes(&[9u8; 32]).unwrap();
    let mut a = [0u8; 64];
    let mut b = [0u8; 64];
    key.sign_into(b"input", &mut a).unwrap();
    key.sign_into(b"input", &mut b).unwrap();
    assert_eq!(a, b, "RFC 6979");
    let public = key.verifying_key();
    assert_eq!(public.verify_signature(b"input", &a), Ok(()));

    struct Counter(u64);
    impl rand_core::TryRng for Counter {
        type Error = core::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            Ok(self.try_next_u64()? as u32)
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            Ok(self.0)
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            for chunk in dst.chunks_mut(8) {
                let v = self.try_next_u64()?.to_le_bytes();
                chunk.copy_from_slice(&v[..chunk.len()]);
            }
            Ok(())
        }
    }
    impl rand_core::TryCryptoRng for Counter {}
    let randomized = WithRng::new(&key, Counter(1));
    let mut c = [0u8; 64];
    let mut d = [0u8; 64];
    randomized.sign_into(b"input", &mut c).unwrap();
    randomized.sign_into(b"input", &mut d).unwrap();
    assert_ne!(c, d);
    assert_eq!(public.verify_signature(b"input", &c), Ok(()));
    assert_eq!(public.verify_signature(b"input", &d), Ok(()));

    // DER, a stray byte, r = 0 or s = 0 are refused.
    let mut der = vec![0x30, 0x44, 0x02, 0x20];
    der.extend_from_slice(&a[..32]);
    der.extend_from_slice(&[0x02, 0x20]);
    der.extend_from_slice(&a[32..]);
    assert_eq!(
        public.verify_signature(b"input", &der),
        Err(Error::InvalidSignature)
    );
    let mut long = a.to_vec();
    long.insert(0, 0);
    assert_eq!(
        public.verify_signature(b"input", &long),
        Err(Error::InvalidSignature)
    );
    let mut zero_s = a;
    zero_s[32..].fill(0);
    assert_eq!(
        public.verify_signature(b"input", &zero_s),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        public.verify_signature(b"input", &[0u8; 64]),
        Err(Error::InvalidSignature)
    );
}

/// A backend that signs wrongly, as a faulty secure element might.
struct Faulty(Es256SigningKey, u8);

impl SigningKey for Faulty {
    const ALG: &'static str = "ES256";
    fn signature_len(&self) -> usize {
        64
    }
    fn sign_into(&self, signing_input: &[u8], out: &mut [u8]) -> Result<(), Error> {
        match self.1 {
            0 => out[..64].fill(0),
            1 => {
                self.0.sign_into(signing_input, out)?;
                out[10] ^= 1;
            }
            _ => self.0.sign_into(signing_input, out)?,
        }
        Ok(())
    }
}

#[test]
fn opaque_signers_are_checked_before_a_token_leaves() {
    let key = Es256SigningKey::from_bytes(&[3u8; 32]).unwrap();
    let public = key.verifying_key();
    let mut out = [0u8; 512];
    for (mode, expected) in [
        (0, Err(Error::SignerFault)),
        (1, Err(Error::SignerFault)),
        (2, Ok(())),
    ] {
        let signer = OpaqueSigner::new(Faulty(key.clone(), mode), public).unwrap();
        let got = jwt_core::sign_json(&signer, &SignHeader::new(), b"{}", &mut out).map(|_| ());
        assert_eq!(got, expected, "mode {mode}");
    }
    // Without the check the faulty token goes out (and fails at the verifier instead).
    let unchecked = OpaqueSigner::new(Faulty(key.clone(), 0), public)
        .unwrap()
        .without_self_check();
    let token = jwt_core::sign_json(&unchecked, &SignHeader::new(), b"{}", &mut out)
        .unwrap()
        .to_owned();
    let mut s = [0u8; 512];
    assert_eq!(
        jwt_core::verify_jws(token.as_bytes(), &public, &Limits::new(), &mut s).unwrap_err(),
        Error::InvalidSignature
    );
    // Mismatched algorithms cannot be paired.
    let ed = Ed25519SigningKey::from_bytes(&[1u8; 32])
        .unwrap()
        .verifying_key();
    assert_eq!(
        OpaqueSigner::new(key, ed).unwrap_err(),
        Error::AlgorithmMismatch
    );
}
