//! Choosing a key: verifying through a `KeySet` of 16 keys by `kid` against verifying with the
//! one right key, on the same token, policy and claims read.

use jwt_core::{Es256SigningKey, Hs256Key, KeySet, SetKey, SignHeader, Time};

use crate::fixture::{self, Size};
use crate::hmac_family::POLICY;
use crate::{Case, Contender, OURS};

/// How many keys the set holds; the token's key is the last one inserted.
const KEYS: u8 = 16;

fn token<K: jwt_core::SigningKey>(key: &K, kid: &str) -> String {
    let mut out = vec![0u8; 4096];
    jwt_core::sign(
        key,
        &SignHeader::new().kid(kid),
        &fixture::payload(Size::Typical),
        &mut out,
    )
    .unwrap()
    .to_owned()
}

fn case(name: &str, set: KeySet<16>, right: SetKey, token: String) -> Case {
    let mut scratch = vec![0u8; jwt_core::scratch_len_for(token.len())];
    let mut scratch_one = scratch.clone();
    let one = token.clone();
    Case {
        name: name.into(),
        contenders: vec![
            Contender::new(OURS, move || {
                let v = set
                    .verify(
                        token.as_bytes(),
                        &POLICY,
                        Time::At(fixture::now()),
                        &mut scratch,
                    )
                    .unwrap();
                v.claims().sub().map_or(0, |s| s.raw().len())
            }),
            Contender::new("one right key", move || {
                let v = with_key(&right, one.as_bytes(), &mut scratch_one);
                v.claims().sub().map_or(0, |s| s.raw().len())
            }),
        ],
    }
}

fn with_key<'b>(key: &SetKey, token: &[u8], scratch: &'b mut [u8]) -> jwt_core::Verified<'b> {
    let time = Time::At(fixture::now());
    match key {
        SetKey::Hs256(k) => jwt_core::verify(token, k, &POLICY, time, scratch).unwrap(),
        SetKey::Es256(k) => jwt_core::verify(token, k, &POLICY, time, scratch).unwrap(),
        _ => unreachable!("only HS256 and ES256 keys are benchmarked"),
    }
}

/// HS256 and ES256 through a set of 16 keys by kid, against the one right key.
#[must_use]
pub fn cases() -> Vec<Case> {
    let mut hs_set = KeySet::<16>::new();
    let mut es_set = KeySet::<16>::new();
    for i in 1..=KEYS {
        let kid = format!("key-2026-{i:02}");
        let hs = Hs256Key::new(&[i; 32]).unwrap();
        hs_set.insert(Some(&kid), SetKey::Hs256(hs)).unwrap();
        let es = Es256SigningKey::from_bytes(&[i; 32]).unwrap();
        es_set
            .insert(Some(&kid), SetKey::Es256(es.verifying_key()))
            .unwrap();
    }
    let kid = format!("key-2026-{KEYS:02}");
    let hs = Hs256Key::new(&[KEYS; 32]).unwrap();
    let es = Es256SigningKey::from_bytes(&[KEYS; 32]).unwrap();
    vec![
        case(
            "HS256 verify by kid of 16",
            hs_set,
            SetKey::Hs256(hs.clone()),
            token(&hs, &kid),
        ),
        case(
            "ES256 verify by kid of 16",
            es_set,
            SetKey::Es256(es.verifying_key()),
            token(&es, &kid),
        ),
    ]
}
