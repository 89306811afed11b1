//! Every variant of `Error` has an input that produces exactly it: no variant is dead, and a new
//! one fails this test until it has its case.

use jwt_core::{
    Error, Hs256Key, JsonStr, JtiStore, KeySet, Limits, ReplayGuard, Required, SetKey, SignHeader,
    Time, Validation,
};
#[cfg(feature = "es256")]
use jwt_core::{Es256SigningKey, Es256VerifyingKey, OpaqueSigner, SigningKey};
use serde::Deserialize;

use crate::common;

#[test]
fn every_error_variant_has_an_input_that_produces_it() {
    let mut not_built = Vec::new();
    for &e in Error::ALL {
        match produce(e) {
            Some(got) => assert_eq!(got, Err(e), "{e:?}"),
            None => not_built.push(e),
        }
    }
    // Only the signer-fault case needs an asymmetric key; with the default features none is
    // left out.
    if cfg!(feature = "es256") {
        assert_eq!(not_built, []);
    } else {
        assert_eq!(not_built, [Error::SignerFault]);
    }
}

/// A token with this header and claims, MAC'd with the test secret.
fn token(header: &str, claims: &str) -> String {
    common::hs256(common::SECRET, header, claims)
}

/// A token with the usual header.
fn claims(claims: &str) -> String {
    token(r#"{"alg":"HS256"}"#, claims)
}

fn key() -> Hs256Key {
    Hs256Key::new(common::SECRET).unwrap()
}

/// Verifies `token` under `policy` at `time` with the test key.
fn verify_with(token: &str, policy: &Validation<'_>, time: Time) -> Result<(), Error> {
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes()).max(16)];
    jwt_core::verify(token.as_bytes(), &key(), policy, time, &mut scratch).map(|_| ())
}

/// Verifies `token` under a policy that requires nothing, at time 100.
fn verify(token: &str) -> Result<(), Error> {
    verify_with(
        token,
        &Validation::new().require(Required::NONE),
        Time::At(100),
    )
}

/// Verifies `token` with a replay store, at time 100.
fn verify_once(token: &str, store: &mut impl JtiStore) -> Result<(), Error> {
    let mut scratch = vec![0u8; 512];
    let policy = Validation::new();
    jwt_core::verify_once(
        token.as_bytes(),
        &key(),
        &policy,
        Time::At(100),
        store,
        &mut scratch,
    )
    .map(|_| ())
}

/// A store that cannot be reached.
struct Unreachable;

impl JtiStore for Unreachable {
    fn check_and_remember(&mut self, _: JsonStr<'_>, _: u64, _: Time) -> Result<(), Error> {
        Err(Error::StoreUnavailable)
    }
}

fn set_verify<const N: usize>(set: &KeySet<N>, token: &str) -> Result<(), Error> {
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    set.verify(
        token.as_bytes(),
        &Validation::new().require(Required::NONE),
        Time::At(100),
        &mut scratch,
    )
    .map(|_| ())
}

/// The input for `e`, run; `None` when it needs a feature this build lacks.
#[allow(
    clippy::unnecessary_wraps,
    reason = "None only in builds without es256, which clippy also lints"
)]
fn produce(e: Error) -> Option<Result<(), Error>> {
    let valid = r#"{"exp":1000}"#;
    let at = |t| Time::At(t);
    Some(match e {
        Error::MalformedToken => verify("a.b"),
        Error::EmptySegment => verify(".."),
        Error::TokenTooLarge => verify_with(
            &claims(valid),
            &Validation::new().limits(Limits::new().max_token_len(16)),
            at(100),
        ),
        Error::HeaderTooLarge => verify(&token(
            &format!(r#"{{"alg":"HS256","x":"{}"}}"#, "a".repeat(2000)),
            valid,
        )),
        Error::InvalidBase64 => verify(&format!("{}!!!!", claims(valid))),
        Error::InvalidJson => verify(&token(r#"{"alg":"HS256""#, valid)),
        Error::NotAnObject => verify(&token(r#"["HS256"]"#, valid)),
        Error::DuplicateMember => verify(&token(r#"{"alg":"HS256","alg":"HS256"}"#, valid)),
        Error::NestingTooDeep => verify(&claims(&format!(
            r#"{{"a":{}{}}}"#,
            "[".repeat(40),
            "]".repeat(40)
        ))),
        Error::TooManyMembers => {
            let members: Vec<String> = (0..200).map(|i| format!(r#""m{i}":0"#)).collect();
            verify(&claims(&format!("{{{}}}", members.join(","))))
        }
        Error::MissingAlgorithm => verify(&token(r#"{"typ":"JWT"}"#, valid)),
        Error::InvalidHeader => verify(&token(r#"{"alg":null}"#, valid)),
        Error::UnsupportedCritical => {
            verify(&token(r#"{"alg":"HS256","crit":["x"],"x":1}"#, valid))
        }
        Error::UnexpectedType => verify_with(
            &token(r#"{"alg":"HS256","typ":"JOSE"}"#, valid),
            &Validation::new().typ("at+jwt"),
            at(100),
        ),
        Error::AlgorithmNone => {
            let t = token(r#"{"alg":"none"}"#, valid);
            verify(&t[..=t.rfind('.').unwrap()])
        }
        Error::AlgorithmMismatch => verify(&token(r#"{"alg":"HS384"}"#, valid)),
        Error::InvalidSignature => verify(&common::hs256(
            b"another secret, also 32 bytes!!!",
            r#"{"alg":"HS256"}"#,
            valid,
        )),
        #[cfg(feature = "es256")]
        Error::SignerFault => signer_fault(),
        #[cfg(not(feature = "es256"))]
        Error::SignerFault => return None,
        Error::Expired => verify_with(&claims(valid), &Validation::new(), at(2000)),
        Error::NotYetValid => verify(&claims(r#"{"exp":1000,"nbf":500}"#)),
        Error::IssuedInFuture => verify(&claims(r#"{"exp":1000,"iat":500}"#)),
        Error::TooOld => verify_with(
            &claims(r#"{"exp":1000,"iat":10}"#),
            &Validation::new().max_age(50),
            at(100),
        ),
        Error::FreshnessUnknown => verify_with(
            &claims(valid),
            &Validation::new(),
            Time::Within {
                earliest: 900,
                latest: 1100,
            },
        ),
        Error::Replayed => {
            let mut guard = ReplayGuard::<2>::new(&[1; 32]);
            let t = claims(r#"{"exp":1000,"jti":"a"}"#);
            verify_once(&t, &mut guard).unwrap();
            verify_once(&t, &mut guard)
        }
        Error::Revoked => {
            let mut guard = ReplayGuard::<2>::new(&[1; 32]);
            guard.revoke("a", 1000, at(100)).unwrap();
            verify_once(&claims(r#"{"exp":1000,"jti":"a"}"#), &mut guard)
        }
        Error::ReplayGuardFull => {
            let mut guard = ReplayGuard::<1>::new(&[1; 32]);
            verify_once(&claims(r#"{"exp":1000,"jti":"a"}"#), &mut guard).unwrap();
            verify_once(&claims(r#"{"exp":1000,"jti":"b"}"#), &mut guard)
        }
        Error::StoreUnavailable => {
            verify_once(&claims(r#"{"exp":1000,"jti":"a"}"#), &mut Unreachable)
        }
        Error::InvalidNumericDate => verify(&claims(r#"{"exp":"1000"}"#)),
        Error::InvalidClaim => verify(&claims(r#"{"exp":1000,"iss":1}"#)),
        Error::MissingClaim => verify_with(&claims("{}"), &Validation::new(), at(100)),
        Error::InvalidIssuer => verify_with(
            &claims(r#"{"exp":1000,"iss":"b"}"#),
            &Validation::new().issuers(&["a"]),
            at(100),
        ),
        Error::InvalidAudience => verify_with(
            &claims(r#"{"exp":1000,"aud":"b"}"#),
            &Validation::new().audiences(&["a"]),
            at(100),
        ),
        Error::UnexpectedAudience => verify(&claims(r#"{"exp":1000,"aud":"b"}"#)),
        Error::InvalidSubject => verify_with(
            &claims(r#"{"exp":1000,"sub":"b"}"#),
            &Validation::new().subject("a"),
            at(100),
        ),
        Error::ClaimsMismatch => {
            #[derive(Deserialize)]
            struct Claims<'a> {
                #[serde(rename = "exp")]
                _exp: &'a str,
            }
            let t = claims(valid);
            let mut scratch = vec![0u8; 256];
            let v = jwt_core::verify(
                t.as_bytes(),
                &key(),
                &Validation::new(),
                at(100),
                &mut scratch,
            )
            .unwrap();
            v.deserialize_claims::<Claims<'_>>().map(|_| ())
        }
        Error::WeakKey => Hs256Key::new(b"short").map(|_| ()),
        Error::InvalidKey => Hs256Key::from_jwk(br#"{"kty":"oct","k":"!!"}"#).map(|_| ()),
        Error::UnknownKey => {
            let mut set = KeySet::<2>::new();
            set.insert(Some("a"), SetKey::Hs256(key())).unwrap();
            set_verify(&set, &token(r#"{"alg":"HS256","kid":"b"}"#, valid))
        }
        Error::AmbiguousKey => {
            let mut set = KeySet::<2>::new();
            set.insert(Some("a"), SetKey::Hs256(key())).unwrap();
            set.insert(Some("b"), SetKey::Hs256(key())).unwrap();
            set_verify(&set, &claims(valid))
        }
        Error::KeySetFull => {
            let mut set = KeySet::<1>::new();
            set.insert(Some("a"), SetKey::Hs256(key())).unwrap();
            set.insert(Some("b"), SetKey::Hs256(key()))
                .map_err(|(_, e)| e)
        }
        Error::DuplicateKid => {
            let mut set = KeySet::<2>::new();
            set.insert(Some("a"), SetKey::Hs256(key())).unwrap();
            set.insert(Some("a"), SetKey::Hs256(key()))
                .map_err(|(_, e)| e)
        }
        Error::BufferTooSmall => {
            let t = claims(valid);
            let mut scratch = [0u8; 8];
            jwt_core::verify(
                t.as_bytes(),
                &key(),
                &Validation::new(),
                at(100),
                &mut scratch,
            )
            .map(|_| ())
        }
        Error::Unserializable => {
            let mut out = [0u8; 256];
            jwt_core::sign(&key(), &SignHeader::new(), &[1, 2], &mut out).map(|_| ())
        }
        Error::ReservedHeaderMember => {
            let mut out = [0u8; 256];
            let header = SignHeader::new().members(r#"{"alg":"none"}"#);
            jwt_core::sign_json(&key(), &header, b"{}", &mut out).map(|_| ())
        }
        Error::KeyAsSecret => {
            Hs256Key::new(b"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n")
                .map(|_| ())
        }
        other => panic!("{other:?} has no input here: add its case"),
    })
}

/// A signing backend whose signature does not verify against its public key.
#[cfg(feature = "es256")]
fn signer_fault() -> Result<(), Error> {
    struct Zeros;
    impl SigningKey for Zeros {
        const ALG: &'static str = "ES256";
        fn signature_len(&self) -> usize {
            64
        }
        fn sign_into(&self, _: &[u8], out: &mut [u8]) -> Result<(), Error> {
            out.fill(0);
            Ok(())
        }
    }
    let public: Es256VerifyingKey = Es256SigningKey::from_bytes(&[3; 32])
        .unwrap()
        .verifying_key();
    let signer = OpaqueSigner::new(Zeros, public).unwrap();
    let mut out = [0u8; 256];
    jwt_core::sign_json(&signer, &SignHeader::new(), b"{}", &mut out).map(|_| ())
}
