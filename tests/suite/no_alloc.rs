//! A counting global allocator proves the verify and sign paths never touch the heap:
//! peeking at the header, building a key from a JWK, verifying, validating, deserializing the
//! claims into borrowed and owned fields, and signing.
use jwt_core::{
    Hs256Key, Hs512Key, Limits, Required, SignHeader, Time, UnverifiedHeader, Validation,
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Claims<'a> {
    user_id: u64,
    username: &'a str,
    display: heapless::String<32>,
    roles: heapless::Vec<&'a str, 4>,
    iss: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
}

#[test]
fn verify_and_sign_allocate_nothing() {
    let jwk = br#"{"kty":"oct","alg":"HS256","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}"#;
    let mut roles = heapless::Vec::new();
    roles.push("admin").unwrap();
    roles.push("ops \"night\"").unwrap();
    let claims = Claims {
        user_id: 42,
        username: "zoë \\ \"q\"",
        display: heapless::String::try_from("Zoë").unwrap(),
        roles,
        iss: "https://issuer.example",
        aud: "device-42",
        iat: 1_700_000_000,
        exp: 1_700_003_600,
    };
    const POLICY: Validation<'static> = Validation::new()
        .leeway(30)
        .issuers(&["https://issuer.example"])
        .audiences(&["device-42"])
        .require(Required::EXP.and(Required::IAT))
        .typ("JWT");

    let ((), n) = alloc_counter::count(|| {
        let key = Hs256Key::from_jwk(jwk).unwrap();
        let mut out = [0u8; 512];
        let token = jwt_core::sign(&key, &SignHeader::new().kid("k1"), &claims, &mut out).unwrap();
        let mut peek = [0u8; 64];
        let header =
            UnverifiedHeader::dangerous_peek(token.as_bytes(), &Limits::new(), &mut peek).unwrap();
        assert!(header.kid().unwrap() == "k1");
        let mut scratch = [0u8; 1024];
        let verified = jwt_core::verify(
            token.as_bytes(),
            &key,
            &POLICY,
            Time::At(1_700_000_100),
            &mut scratch,
        )
        .unwrap();
        assert!(verified.claims().aud().unwrap().contains("device-42"));
        let back: Claims<'_> = verified.deserialize_claims().unwrap();
        assert_eq!(back, claims);
        // A rejection allocates nothing either.
        let mut scratch = [0u8; 1024];
        let err = jwt_core::verify(
            token.as_bytes(),
            &key,
            &POLICY,
            Time::At(1_800_000_000),
            &mut scratch,
        )
        .unwrap_err();
        assert_eq!(err, jwt_core::Error::Expired);
        let key512 = Hs512Key::new(&[9u8; 64]).unwrap();
        let mut out = [0u8; 600];
        jwt_core::sign(&key512, &SignHeader::new(), &claims, &mut out).unwrap();
    });
    assert_eq!(n, 0, "heap allocations on the verify/sign path");

    #[cfg(all(feature = "es256", feature = "eddsa"))]
    {
        // ES256 and EdDSA: key parsing, signing, verifying.
        let es_pem = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/keys/p256-pkcs8.pem"
        ))
        .unwrap();
        let ed_pem = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/keys/ed25519-pkcs8.pem"
        ))
        .unwrap();
        let ((), n) = alloc_counter::count(|| {
            let es = jwt_core::Es256SigningKey::from_pem(&es_pem).unwrap();
            let ed = jwt_core::Ed25519SigningKey::from_pem(&ed_pem).unwrap();
            let mut out = [0u8; 600];
            let mut scratch = [0u8; 1024];
            let token = jwt_core::sign(&es, &SignHeader::new(), &claims, &mut out).unwrap();
            let v = jwt_core::verify(
                token.as_bytes(),
                &es.verifying_key(),
                &POLICY,
                Time::At(1_700_000_100),
                &mut scratch,
            )
            .unwrap();
            assert_eq!(v.algorithm(), "ES256");
            let mut out = [0u8; 600];
            let mut scratch = [0u8; 1024];
            let token = jwt_core::sign(&ed, &SignHeader::new(), &claims, &mut out).unwrap();
            let v = jwt_core::verify(
                token.as_bytes(),
                &ed.verifying_key(),
                &POLICY,
                Time::At(1_700_000_100),
                &mut scratch,
            )
            .unwrap();
            assert_eq!(v.algorithm(), "EdDSA");
        });
        assert_eq!(n, 0, "heap allocations on the ES256/EdDSA paths");
    }

    // The replay guard and an uncertain clock.
    let ((), n) = alloc_counter::count(|| {
        let key = Hs256Key::new(&[7u8; 32]).unwrap();
        let mut guard = jwt_core::ReplayGuard::<8>::new(&[1u8; 32]);
        let mut clock = jwt_core::TimeFloor::new(1_699_999_000, 600);
        let mut out = [0u8; 256];
        let token = jwt_core::sign_json(
            &key,
            &SignHeader::new(),
            br#"{"jti":"x\/1","iat":1699999000,"exp":1800000000}"#,
            &mut out,
        )
        .unwrap();
        let mut scratch = [0u8; 256];
        let v = jwt_core::verify_once(
            token.as_bytes(),
            &key,
            &Validation::new(),
            clock.time(),
            &mut guard,
            &mut scratch,
        )
        .unwrap();
        clock.raise_from(&v);
        let mut scratch = [0u8; 256];
        let again = jwt_core::verify_once(
            token.as_bytes(),
            &key,
            &Validation::new(),
            clock.time(),
            &mut guard,
            &mut scratch,
        );
        assert_eq!(again.unwrap_err(), jwt_core::Error::Replayed);
    });
    assert_eq!(n, 0, "heap allocations with the replay guard");
    // The counter itself works.
    let (v, n) = alloc_counter::count(|| std::hint::black_box(vec![1u8; 10]));
    assert_eq!((v.len(), n), (10, 1));
}
