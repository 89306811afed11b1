//! ES256 and EdDSA: jwt-core against the bare `p256` / `ed25519-dalek` operation on the same
//! signing input (the signature already decoded), on the typical token.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{SignHeader, Time, Validation};

use crate::fixture::{self, Size};
use crate::hmac_family::POLICY;
use crate::{Case, Contender, OURS};

const ES256_SCALAR: [u8; 32] = [4; 32];
const ED25519_SEED: [u8; 32] = [6; 32];

fn split(token: &str) -> (String, Vec<u8>) {
    let (input, sig) = token.rsplit_once('.').unwrap();
    (input.to_owned(), URL_SAFE_NO_PAD.decode(sig).unwrap())
}

fn ours_verify<K: jwt_core::VerifyingKey + 'static>(
    key: K,
    token: String,
    policy: Validation<'static>,
) -> Contender {
    let mut scratch = vec![0u8; jwt_core::scratch_len_for(token.len())];
    Contender::new(OURS, move || {
        let v = jwt_core::verify(
            token.as_bytes(),
            &key,
            &policy,
            Time::At(fixture::now()),
            &mut scratch,
        )
        .unwrap();
        v.claims().sub().map_or(0, |s| s.raw().len())
    })
}

fn ours_sign<K: jwt_core::SigningKey + 'static>(key: K, payload: fixture::Payload) -> Contender {
    let mut out = vec![0u8; 4096];
    Contender::new(OURS, move || {
        jwt_core::sign(&key, &SignHeader::new(), &payload, &mut out)
            .unwrap()
            .len()
    })
}

fn es256() -> [Case; 2] {
    use p256::ecdsa::signature::{Signer as _, Verifier as _};
    let payload = fixture::payload(Size::Typical);
    let ours = jwt_core::Es256SigningKey::from_bytes(&ES256_SCALAR).unwrap();
    let mut out = vec![0u8; 4096];
    let token = jwt_core::sign(&ours, &SignHeader::new(), &payload, &mut out)
        .unwrap()
        .to_owned();
    let bare = p256::ecdsa::SigningKey::from_slice(&ES256_SCALAR).unwrap();
    let bare_vk = *bare.verifying_key();
    let (input, sig) = split(&token);
    let sig = p256::ecdsa::Signature::from_slice(&sig).unwrap();
    let sign_input = input.clone();
    [
        Case {
            name: "ES256 verify typical".into(),
            contenders: vec![
                ours_verify(ours.verifying_key(), token, POLICY),
                Contender::new("bare primitive", move || {
                    bare_vk.verify(input.as_bytes(), &sig).unwrap();
                    input.len()
                }),
            ],
        },
        Case {
            name: "ES256 sign typical".into(),
            contenders: vec![
                ours_sign(ours, payload),
                Contender::new("bare primitive", move || {
                    let sig: p256::ecdsa::Signature = bare.sign(sign_input.as_bytes());
                    sig.to_bytes().len()
                }),
            ],
        },
    ]
}

fn eddsa() -> [Case; 2] {
    let payload = fixture::payload(Size::Typical);
    let ours = jwt_core::Ed25519SigningKey::from_bytes(&ED25519_SEED).unwrap();
    let mut out = vec![0u8; 4096];
    let token = jwt_core::sign(&ours, &SignHeader::new(), &payload, &mut out)
        .unwrap()
        .to_owned();
    let bare = ed25519_dalek::SigningKey::from_bytes(&ED25519_SEED);
    let bare_vk = bare.verifying_key();
    let (input, sig) = split(&token);
    let sig = ed25519_dalek::Signature::from_slice(&sig).unwrap();
    let sign_input = input.clone();
    [
        Case {
            name: "EdDSA verify typical".into(),
            contenders: vec![
                ours_verify(ours.verifying_key(), token, POLICY),
                Contender::new("bare primitive", move || {
                    bare_vk.verify_strict(input.as_bytes(), &sig).unwrap();
                    input.len()
                }),
            ],
        },
        Case {
            name: "EdDSA sign typical".into(),
            contenders: vec![
                ours_sign(ours, payload),
                Contender::new("bare primitive", move || {
                    use ed25519_dalek::Signer as _;
                    bare.sign(sign_input.as_bytes()).to_bytes().len()
                }),
            ],
        },
    ]
}

/// Verify and sign cases for ES256 and EdDSA.
#[must_use]
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(es256());
    cases.extend(eddsa());
    cases
}
