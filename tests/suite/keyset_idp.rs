//! A key set filled from an identity provider's JWKS and verifying its tokens. The JWKS and
//! the tokens were made by PyJWT and `cryptography` (`tests/vectors/jwks/generate.py`): RSA
//! keys with `x5c`/`x5t` members, PS256 on a 3072-bit key, one RSA key without `alg`, a
//! 1024-bit key, an EC key, a key for encryption and a repeated `kid`.

use jwt_core::{Error, JwksSummary, KeySet, RsaAlgorithm, SkipReason, Time, Validation};

const NOW: Time = Time::At(1_700_000_000);

fn jwks() -> Vec<u8> {
    serde_json::to_vec(&crate::common::vector("jwks/idp-jwks.json")).unwrap()
}

fn token(name: &str) -> String {
    crate::common::vector("jwks/idp-tokens.json")[name]
        .as_str()
        .unwrap()
        .to_owned()
}

fn verify<const N: usize>(set: &KeySet<N>, name: &str) -> Result<(&'static str, String), Error> {
    let mut scratch = [0u8; 2048];
    let policy = Validation::new()
        .issuers(&["https://idp.example"])
        .audiences(&["api"]);
    set.verify(token(name).as_bytes(), &policy, NOW, &mut scratch)
        .map(|v| {
            (
                v.algorithm(),
                v.claims()
                    .sub()
                    .and_then(|s| s.as_str())
                    .unwrap_or("")
                    .to_owned(),
            )
        })
}

fn loaded<const N: usize>(
    mut set: KeySet<N>,
) -> (KeySet<N>, JwksSummary, Vec<(usize, SkipReason)>) {
    let mut skipped = Vec::new();
    let jwks = jwks();
    let summary = set
        .extend_from_jwks_noting(&jwks, |s| skipped.push((s.index, s.reason)))
        .unwrap();
    (set, summary, skipped)
}

#[test]
fn every_usable_key_of_a_mixed_jwks_loads_and_each_skip_says_why() {
    let (set, summary, skipped) = loaded(KeySet::<16>::new());
    assert_eq!(
        summary,
        JwksSummary {
            added: 4,
            skipped: 4
        }
    );
    assert_eq!(
        skipped,
        [
            (3, SkipReason::NoAlgorithm),
            (4, SkipReason::Rejected(Error::InvalidKey)),
            (6, SkipReason::NotForVerifying),
            (7, SkipReason::DuplicateKid),
        ]
    );
    let algs: Vec<_> = set
        .iter()
        .map(|(kid, key)| (kid.unwrap(), key.alg()))
        .collect();
    assert_eq!(
        algs,
        [
            ("rs-2025", "RS256"),
            ("rs-2026", "RS256"),
            ("ps-1", "PS256"),
            ("ec-1", "ES256")
        ]
    );
}

#[test]
fn tokens_minted_by_pyjwt_verify_by_kid() {
    let (set, _, _) = loaded(KeySet::<16>::new());
    for (name, alg) in [
        ("rs-2025", "RS256"),
        ("rs-2026", "RS256"),
        ("ps-1", "PS256"),
        ("ec-1", "ES256"),
    ] {
        assert_eq!(verify(&set, name), Ok((alg, "user-1".to_owned())), "{name}");
    }
    assert_eq!(verify(&set, "rs-2026-expired"), Err(Error::Expired));
    // The 1024-bit and the alg-less keys were never added.
    assert_eq!(verify(&set, "short"), Err(Error::UnknownKey));
    assert_eq!(verify(&set, "no-alg"), Err(Error::UnknownKey));
}

#[test]
fn an_rsa_key_without_alg_is_used_only_for_the_algorithm_the_caller_names() {
    let (set, summary, _) =
        loaded(KeySet::<16>::new().rsa_keys_without_alg_as(RsaAlgorithm::Rs256));
    assert_eq!(
        summary,
        JwksSummary {
            added: 5,
            skipped: 3
        }
    );
    assert_eq!(verify(&set, "no-alg"), Ok(("RS256", "user-1".to_owned())));
    let (set, _, _) = loaded(KeySet::<16>::new().rsa_keys_without_alg_as(RsaAlgorithm::Ps256));
    assert_eq!(verify(&set, "no-alg"), Err(Error::AlgorithmMismatch));
}

#[test]
fn trying_each_key_reports_the_verdict_of_the_key_that_signed() {
    let (set, _, _) = loaded(KeySet::<16>::new());
    assert_eq!(verify(&set, "rs-2026-no-kid"), Err(Error::AmbiguousKey));
    let set = set.try_each_key_without_kid();
    assert_eq!(
        verify(&set, "rs-2026-no-kid"),
        Ok(("RS256", "user-1".to_owned()))
    );
    // Signed correctly by the second RS256 key, but expired: that is the verdict.
    assert_eq!(verify(&set, "rs-2026-expired-no-kid"), Err(Error::Expired));
}
