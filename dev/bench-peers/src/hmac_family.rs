//! HS256, HS384 and HS512: jwt-core, jsonwebtoken 11 and 12, `jwt` 0.16, jwt-compact,
//! jwt-simple, the HMAC-only floor and the pipeline floors, verifying the same token into the same
//! whole claims set and signing the same claims.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use jwt_core::{Required, SignHeader, Time, Validation};
use serde::{Deserialize, Serialize};

use crate::fixture::{self, AUDIENCE, Borrowed, ISSUER, LEEWAY, Payload, SECRET, Size};
use crate::{Case, Contender, OURS, PIPELINE_FLOOR};

/// The policy jwt-core verifies with; the peers are configured to the same rules.
pub const POLICY: Validation<'static> = Validation::new()
    .leeway(LEEWAY)
    .issuers(&[ISSUER])
    .audiences(&[AUDIENCE])
    .require(Required::EXP.and(Required::NBF));

/// jwt-compact keeps the registered times itself; the rest are custom claims.
#[derive(Serialize, Deserialize)]
struct CompactCustom {
    iss: String,
    sub: String,
    aud: String,
    jti: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    groups: Vec<String>,
}

/// jwt-simple keeps every registered claim itself.
#[derive(Serialize, Deserialize, Clone)]
struct SimpleCustom {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    groups: Vec<String>,
}

/// jwt-core verifies, validates and deserializes the whole claims set, as every peer does
/// (strings borrowed, the array into a fixed-capacity vector), in one strict pass.
fn ours_verify<K: jwt_core::VerifyingKey + 'static>(key: K, token: String) -> Contender {
    let mut scratch = vec![0u8; jwt_core::scratch_len_for(token.len())];
    Contender::new(OURS, move || {
        let (_, claims) = jwt_core::verify_into::<Borrowed<'_>, _>(
            token.as_bytes(),
            &key,
            &POLICY,
            Time::At(fixture::now()),
            &mut scratch,
        )
        .unwrap();
        claims.sub.len() + claims.groups.len()
    })
}

fn ours_sign<K: jwt_core::SigningKey + 'static>(key: K, payload: Payload) -> Contender {
    let mut out = vec![0u8; 4096];
    Contender::new(OURS, move || {
        jwt_core::sign(&key, &SignHeader::new(), &payload, &mut out)
            .unwrap()
            .len()
    })
}

/// `sign_unchecked`: the same token without reading the serialized claims back.
fn ours_sign_unchecked<K: jwt_core::SigningKey + 'static>(key: K, payload: Payload) -> Contender {
    let mut out = vec![0u8; 4096];
    Contender::new("jwt-core sign_unchecked", move || {
        jwt_core::sign_unchecked(&key, &SignHeader::new(), &payload, &mut out)
            .unwrap()
            .len()
    })
}

/// HMAC over the exact signing input with a pre-keyed state, then the length-checked,
/// constant-time comparison against the already-decoded tag.
fn floor_verify<M: Mac + Clone + 'static>(mac: M, token: &str) -> Contender {
    let (input, tag) = token.rsplit_once('.').unwrap();
    let input = input.to_owned();
    let tag = URL_SAFE_NO_PAD.decode(tag).unwrap();
    Contender::new("HMAC-only floor", move || {
        let mut m = mac.clone();
        m.update(input.as_bytes());
        m.verify_slice(&tag).unwrap();
        tag.len()
    })
}

/// HMAC over the exact signing input, nothing else: no serialization, no encoding.
/// The hand-tuned pipeline with no strictness, the floor for a whole verification: the base64
/// crate, HMAC with a pre-keyed state, one serde-json-core pass into the same borrowed claims
/// struct and the same four claim checks. It reads no header, and checks no duplicate, depth,
/// canonical-encoding or claim-type rule.
fn pipeline_verify<M: Mac + Clone + 'static>(mac: M, token: &str) -> Contender {
    let token = token.to_owned();
    let mut tag = vec![0u8; 64];
    let mut payload = vec![0u8; token.len()];
    Contender::new(PIPELINE_FLOOR, move || {
        let (input, encoded_tag) = token.rsplit_once('.').unwrap();
        let (_, body) = input.split_once('.').unwrap();
        let tag_len = URL_SAFE_NO_PAD.decode_slice(encoded_tag, &mut tag).unwrap();
        let mut m = mac.clone();
        m.update(input.as_bytes());
        m.verify_slice(&tag[..tag_len]).unwrap();
        let len = URL_SAFE_NO_PAD.decode_slice(body, &mut payload).unwrap();
        let (claims, _) = serde_json_core::from_slice::<Borrowed<'_>>(&payload[..len]).unwrap();
        let now = fixture::now();
        assert!(claims.exp + LEEWAY > now && claims.nbf <= now + LEEWAY);
        assert!(claims.iss == ISSUER && claims.aud == AUDIENCE);
        claims.sub.len() + claims.groups.len()
    })
}

/// The hand-tuned signing pipeline with no strictness, the floor for a whole signature: the
/// header's encoding made once, one serde-json-core pass over the same claims, the base64 crate
/// and HMAC with a pre-keyed state. It checks nothing it writes; it writes the same token.
fn pipeline_sign<M: Mac + Clone + 'static>(mac: M, token: &str, payload: Payload) -> Contender {
    let header = format!("{}.", token.split_once('.').unwrap().0);
    let mut json = vec![0u8; 4096];
    let mut out = vec![0u8; 4096];
    let len = pipeline_sign_into(&mac, &header, &payload, &mut json, &mut out);
    assert_eq!(&out[..len], token.as_bytes());
    Contender::new(PIPELINE_FLOOR, move || {
        pipeline_sign_into(&mac, &header, &payload, &mut json, &mut out)
    })
}

fn pipeline_sign_into<M: Mac + Clone>(
    mac: &M,
    header: &str,
    payload: &Payload,
    json: &mut [u8],
    out: &mut [u8],
) -> usize {
    let mut at = header.len();
    out[..at].copy_from_slice(header.as_bytes());
    let len = serde_json_core::to_slice(payload, json).unwrap();
    at += URL_SAFE_NO_PAD
        .encode_slice(&json[..len], &mut out[at..])
        .unwrap();
    let mut m = mac.clone();
    m.update(&out[..at]);
    let tag = m.finalize().into_bytes();
    out[at] = b'.';
    at += 1;
    at + URL_SAFE_NO_PAD.encode_slice(tag, &mut out[at..]).unwrap()
}

fn floor_sign<M: Mac + Clone + 'static>(mac: M, token: &str) -> Contender {
    let input = token.rsplit_once('.').unwrap().0.to_owned();
    Contender::new("HMAC-only floor", move || {
        let mut m = mac.clone();
        m.update(input.as_bytes());
        m.finalize().into_bytes().len()
    })
}

fn jsonwebtoken_policy(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(alg);
    v.leeway = LEEWAY;
    v.validate_nbf = true;
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v.set_required_spec_claims(&["exp", "nbf"]);
    v
}

fn jsonwebtoken12_policy(alg: jsonwebtoken12::Algorithm) -> jsonwebtoken12::Validation {
    let mut v = jsonwebtoken12::Validation::new(alg);
    v.leeway = LEEWAY;
    v.validate_nbf = true;
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v.set_required_spec_claims(&["exp", "nbf"]);
    v
}

fn jsonwebtoken_verify(alg: jsonwebtoken::Algorithm, token: &str) -> Contender {
    let key = jsonwebtoken::DecodingKey::from_secret(SECRET);
    let policy = jsonwebtoken_policy(alg);
    let token = token.to_owned();
    Contender::new("jsonwebtoken", move || {
        let claims = jsonwebtoken::decode::<Payload>(&token, &key, &policy)
            .unwrap()
            .claims;
        claims.sub.len() + claims.groups.len()
    })
}

fn jsonwebtoken_sign(alg: jsonwebtoken::Algorithm, payload: &Payload) -> Contender {
    let key = jsonwebtoken::EncodingKey::from_secret(SECRET);
    let header = jsonwebtoken::Header::new(alg);
    let payload = payload.clone();
    Contender::new("jsonwebtoken", move || {
        jsonwebtoken::encode(&header, &payload, &key).unwrap().len()
    })
}

fn jsonwebtoken12_verify(alg: jsonwebtoken12::Algorithm, token: &str) -> Contender {
    let key = jsonwebtoken12::DecodingKey::from_secret(SECRET).unwrap();
    let policy = jsonwebtoken12_policy(alg);
    let token = token.to_owned();
    Contender::new("jsonwebtoken 12", move || {
        let claims = jsonwebtoken12::decode::<Payload>(&token, &key, &policy)
            .unwrap()
            .claims;
        claims.sub.len() + claims.groups.len()
    })
}

fn jsonwebtoken12_sign(alg: jsonwebtoken12::Algorithm, payload: &Payload) -> Contender {
    let key = jsonwebtoken12::EncodingKey::from_secret(SECRET).unwrap();
    let header = jsonwebtoken12::Header::new(alg);
    let payload = payload.clone();
    Contender::new("jsonwebtoken 12", move || {
        jsonwebtoken12::encode(&header, &payload, &key)
            .unwrap()
            .len()
    })
}

fn jwt016_verify<K: jwt::VerifyingAlgorithm + 'static>(key: K, token: &str) -> Contender {
    let token = token.to_owned();
    Contender::new("jwt 0.16", move || {
        use jwt::VerifyWithKey as _;
        let claims: Payload = token.as_str().verify_with_key(&key).unwrap();
        jwt016_checked(&claims)
    })
}

fn jwt016_sign<K: jwt::SigningAlgorithm + 'static>(key: K, payload: &Payload) -> Contender {
    let payload = payload.clone();
    Contender::new("jwt 0.16", move || {
        use jwt::SignWithKey as _;
        (&payload).sign_with_key(&key).unwrap().len()
    })
}

/// `jwt` 0.16 verifies the signature and deserializes; the policy every other contender
/// applies is applied here by hand, the same checks.
fn jwt016_checked(claims: &Payload) -> usize {
    let now = fixture::now();
    assert!(
        claims.exp.saturating_add(LEEWAY) > now
            && claims.nbf <= now.saturating_add(LEEWAY)
            && claims.iss == ISSUER
            && claims.aud == AUDIENCE,
        "jwt 0.16: the claims break the policy"
    );
    claims.sub.len() + claims.groups.len()
}

fn compact_claims(p: &Payload) -> jwt_compact::Claims<CompactCustom> {
    let at = |secs: u64| chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap(), 0);
    let mut c = jwt_compact::Claims::new(CompactCustom {
        iss: p.iss.clone(),
        sub: p.sub.clone(),
        aud: p.aud.clone(),
        jti: p.jti.clone(),
        groups: p.groups.clone(),
    });
    c.expiration = at(p.exp);
    c.not_before = at(p.nbf);
    c.issued_at = at(p.iat);
    c
}

fn simple_claims(p: &Payload) -> jwt_simple::prelude::JWTClaims<SimpleCustom> {
    use jwt_simple::prelude::{Audiences, JWTClaims, UnixTimeStamp};
    JWTClaims {
        issued_at: Some(UnixTimeStamp::from_secs(p.iat)),
        expires_at: Some(UnixTimeStamp::from_secs(p.exp)),
        invalid_before: Some(UnixTimeStamp::from_secs(p.nbf)),
        audiences: Some(Audiences::AsString(p.aud.clone())),
        issuer: Some(p.iss.clone()),
        jwt_id: Some(p.jti.clone()),
        subject: Some(p.sub.clone()),
        nonce: None,
        custom: SimpleCustom {
            groups: p.groups.clone(),
        },
    }
}

fn simple_policy() -> jwt_simple::prelude::VerificationOptions {
    use jwt_simple::prelude::{Duration, HashSet, VerificationOptions};
    VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISSUER.to_owned()])),
        allowed_audiences: Some(HashSet::from([AUDIENCE.to_owned()])),
        time_tolerance: Some(Duration::from_secs(LEEWAY)),
        ..VerificationOptions::default()
    }
}

macro_rules! hmac_cases {
    ($fn_name:ident, $label:literal, $ours:ident, $jwt:ident, $compact:ident, $compact_key:ident,
     $simple_key:ident, $hash:ty, $hash010:ty) => {
        fn $fn_name(size: Size) -> [Case; 2] {
            use jwt_compact::AlgorithmExt as _;
            use jwt_simple::prelude::MACLike as _;

            let payload = fixture::payload(size);
            let ours = jwt_core::$ours::new(SECRET).unwrap();
            let mut out = vec![0u8; 4096];
            let token = jwt_core::sign(&ours, &SignHeader::new(), &payload, &mut out)
                .unwrap()
                .to_owned();
            let mac = <hmac::Hmac<$hash> as KeyInit>::new_from_slice(SECRET).unwrap();

            let verify = {
                let jwt016_key =
                    <hmac012::Hmac<$hash010> as hmac012::Mac>::new_from_slice(SECRET).unwrap();
                let compact_key = jwt_compact::alg::$compact_key::new(SECRET);
                let compact_token = token.clone();
                let simple_key = jwt_simple::prelude::$simple_key::from_bytes(SECRET);
                let simple_token = token.clone();
                let simple_policy = simple_policy();
                Case {
                    name: format!("{} verify {}", $label, size.label()),
                    contenders: vec![
                        ours_verify(ours.clone(), token.clone()),
                        jsonwebtoken_verify(jsonwebtoken::Algorithm::$jwt, &token),
                        jsonwebtoken12_verify(jsonwebtoken12::Algorithm::$jwt, &token),
                        jwt016_verify(jwt016_key, &token),
                        Contender::new("jwt-compact", move || {
                            let options = jwt_compact::TimeOptions::default();
                            let untrusted =
                                jwt_compact::UntrustedToken::new(&compact_token).unwrap();
                            let token = jwt_compact::alg::$compact
                                .validator::<CompactCustom>(&compact_key)
                                .validate(&untrusted)
                                .unwrap();
                            let claims = token.claims();
                            claims
                                .validate_expiration(&options)
                                .unwrap()
                                .validate_maturity(&options)
                                .unwrap();
                            assert!(claims.custom.iss == ISSUER && claims.custom.aud == AUDIENCE);
                            claims.custom.groups.len()
                        }),
                        Contender::new("jwt-simple", move || {
                            simple_key
                                .verify_token::<SimpleCustom>(
                                    &simple_token,
                                    Some(simple_policy.clone()),
                                )
                                .unwrap()
                                .custom
                                .groups
                                .len()
                        }),
                        floor_verify(mac.clone(), &token),
                        pipeline_verify(mac.clone(), &token),
                    ],
                }
            };

            let sign = {
                let jwt016_key =
                    <hmac012::Hmac<$hash010> as hmac012::Mac>::new_from_slice(SECRET).unwrap();
                let compact_key = jwt_compact::alg::$compact_key::new(SECRET);
                let compact_claims = compact_claims(&payload);
                let simple_key = jwt_simple::prelude::$simple_key::from_bytes(SECRET);
                let simple_claims = simple_claims(&payload);
                Case {
                    name: format!("{} sign {}", $label, size.label()),
                    contenders: vec![
                        ours_sign(ours.clone(), payload.clone()),
                        ours_sign_unchecked(ours, payload.clone()),
                        jsonwebtoken_sign(jsonwebtoken::Algorithm::$jwt, &payload),
                        jsonwebtoken12_sign(jsonwebtoken12::Algorithm::$jwt, &payload),
                        jwt016_sign(jwt016_key, &payload),
                        Contender::new("jwt-compact", move || {
                            jwt_compact::alg::$compact
                                .token(&jwt_compact::Header::empty(), &compact_claims, &compact_key)
                                .unwrap()
                                .len()
                        }),
                        Contender::new("jwt-simple", move || {
                            // Its API takes the claims by value, so each call clones them.
                            simple_key
                                .authenticate(simple_claims.clone())
                                .unwrap()
                                .len()
                        }),
                        floor_sign(mac.clone(), &token),
                        pipeline_sign(mac, &token, payload.clone()),
                    ],
                }
            };
            [verify, sign]
        }
    };
}

hmac_cases!(
    hs256,
    "HS256",
    Hs256Key,
    HS256,
    Hs256,
    Hs256Key,
    HS256Key,
    sha2::Sha256,
    sha2_010::Sha256
);
hmac_cases!(
    hs384,
    "HS384",
    Hs384Key,
    HS384,
    Hs384,
    Hs384Key,
    HS384Key,
    sha2::Sha384,
    sha2_010::Sha384
);
hmac_cases!(
    hs512,
    "HS512",
    Hs512Key,
    HS512,
    Hs512,
    Hs512Key,
    HS512Key,
    sha2::Sha512,
    sha2_010::Sha512
);

/// Verify and sign cases for the three HMAC algorithms on a token of `size`.
#[must_use]
pub fn cases(size: Size) -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(hs256(size));
    cases.extend(hs384(size));
    cases.extend(hs512(size));
    cases
}
