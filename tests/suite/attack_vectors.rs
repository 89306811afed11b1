//! `jwt-attack-vectors.json`: every case of a built algorithm gives its expected outcome, and
//! every refusal its exact error, pinned by id in `attack-vector-errors.txt` (the vector file
//! names only the layer); cases for algorithms not built are counted and reported as skipped.
use crate::common;

#[cfg(feature = "eddsa")]
use jwt_core::Ed25519VerifyingKey;
#[cfg(feature = "es256")]
use jwt_core::Es256VerifyingKey;
use jwt_core::{Error, ErrorClass, Hs256Key, Limits, Required, Time, Validation, VerifyingKey};

/// The vector file's layers, mapped to the error classes that belong to them.
fn classes(layer: &str) -> &'static [ErrorClass] {
    match layer {
        "format" => &[ErrorClass::Format],
        "header" => &[ErrorClass::Json, ErrorClass::Header],
        "alg-policy" => &[ErrorClass::Algorithm],
        "signature" => &[ErrorClass::Signature],
        "claims" => &[ErrorClass::Json, ErrorClass::Claims],
        other => panic!("unknown layer {other}"),
    }
}

/// Cases where this crate rejects at an earlier layer than the file names, each with why.
fn earlier_rejection(id: &str) -> Option<Error> {
    match id {
        // An empty signature segment is refused structurally (RFC 7515 §7.1) before any MAC.
        "B06" => Some(Error::EmptySegment),
        // An empty payload segment likewise: a JWT always has a claims set.
        "I37" => Some(Error::EmptySegment),
        // A 2000-deep header is over the 1 KiB header limit before its JSON is looked at;
        // `deep_header_is_refused_by_the_prescan` checks the JSON layer with the limit raised.
        "H14" => Some(Error::HeaderTooLarge),
        _ => None,
    }
}

/// Cases where the file allows another outcome and this crate takes it, each with why.
fn alternative(id: &str) -> Option<Error> {
    match id {
        // iat 1 h in the future: this crate refuses iat beyond the leeway (issue: "iat more
        // than leeway in the future is rejected"); the file allows it.
        "I38" => Some(Error::IssuedInFuture),
        _ => None,
    }
}

#[test]
fn every_attack_vector_has_its_expected_outcome() {
    let file = common::vector("jwt-attack-vectors.json");
    let policy_json = &file["policy"];
    let iss = policy_json["expected_iss"].as_str().unwrap().to_owned();
    let aud = policy_json["expected_aud"].as_str().unwrap().to_owned();
    let issuers = [iss.as_str()];
    let audiences = [aud.as_str()];
    let policy = Validation::new()
        .leeway(policy_json["leeway_seconds"].as_u64().unwrap())
        .issuers(&issuers)
        .audiences(&audiences)
        .require(Required::EXP);
    let now = Time::At(policy_json["now"].as_u64().unwrap());
    let jwk = |name: &str| serde_json::to_vec(&file["keys"][name]["jwk"]).unwrap();
    let key = Hs256Key::from_jwk(&jwk("rfc7515-A.1-oct")).unwrap();
    #[cfg(feature = "es256")]
    let es256 = Es256VerifyingKey::from_jwk(&jwk("rfc7515-A.3-ec-public")).unwrap();
    #[cfg(feature = "eddsa")]
    let eddsa = Ed25519VerifyingKey::from_jwk(&jwk("rfc8037-A.1-okp-public")).unwrap();

    let pinned = pinned_errors();
    let mut seen = std::collections::BTreeMap::new();
    let (mut checked, mut skipped) = (0, 0);
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let token = v["token"].as_str().unwrap().as_bytes();
        let got = match v["verifier"]["alg"].as_str().unwrap() {
            "HS256" => check(token, &key, &policy, now),
            #[cfg(feature = "es256")]
            "ES256" => check(token, &es256, &policy, now),
            #[cfg(feature = "eddsa")]
            "EdDSA" => check(token, &eddsa, &policy, now),
            #[cfg(feature = "rsa")]
            "RS256" => check(
                token,
                &jwt_core::Rs256VerifyingKey::from_jwk(&jwk("rfc7515-A.2-rsa-public")).unwrap(),
                &policy,
                now,
            ),
            _ => {
                skipped += 1;
                continue;
            }
        };
        if let Err(e) = got {
            seen.insert(
                id.to_owned(),
                (e.code(), v["description"].as_str().unwrap().to_owned()),
            );
            if !blessing() {
                assert_eq!(
                    Some(&e.code()),
                    pinned.get(id).map(|(code, _)| code),
                    "{id}: {e:?}"
                );
            }
        }
        match (v["expected"].as_str().unwrap(), got) {
            ("accept", Ok(())) => {}
            ("reject", Err(e)) => {
                if let Some(expected) = earlier_rejection(id).or_else(|| alternative(id)) {
                    assert_eq!(e, expected, "{id}");
                } else {
                    let layer = v["rejecting_layer"].as_str().unwrap();
                    assert!(
                        classes(layer).contains(&e.class()),
                        "{id}: {e:?} is not a {layer} error"
                    );
                }
            }
            ("accept", Err(e)) if alternative(id) == Some(e) => {}
            (expected, got) => panic!(
                "{id} ({}): expected {expected}, got {got:?}",
                v["description"]
            ),
        }
        checked += 1;
    }
    if blessing() {
        bless(&pinned, &seen);
    }
    // The denial-of-service recipes, built from their descriptions.
    checked += dos_recipes(&key, &policy, now);
    println!("attack vectors: {checked} checked, {skipped} skipped (algorithms not built)");
    // 117 HS256, 15 ES256, 7 EdDSA and 13 RS256 cases, plus the 4 recipes.
    let built = |on: bool, n: usize| if on { n } else { 0 };
    let cases = 117
        + built(cfg!(feature = "es256"), 15)
        + built(cfg!(feature = "eddsa"), 7)
        + built(cfg!(feature = "rsa"), 13);
    assert_eq!((checked, skipped), (4 + cases, 152 - cases));
}

/// The committed table of exact errors, by vector id.
const PINNED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/attack-vector-errors.txt"
);

/// Whether `JWT_CORE_BLESS=1` asks for the pinned table to be rewritten from this run.
fn blessing() -> bool {
    std::env::var_os("JWT_CORE_BLESS").is_some()
}

/// `id -> (error code, description)` from the committed table.
fn pinned_errors() -> std::collections::BTreeMap<String, (&'static str, String)> {
    let text = std::fs::read_to_string(PINNED_PATH).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let mut cells = line.splitn(3, '\t');
            let (id, code) = (cells.next().unwrap(), cells.next().unwrap());
            let code = Error::ALL.iter().find(|e| e.code() == code).unwrap().code();
            (id.to_owned(), (code, cells.next().unwrap_or("").to_owned()))
        })
        .collect()
}

/// Rewrites the table: this run's errors, and the pinned ones of algorithms not built.
fn bless(
    pinned: &std::collections::BTreeMap<String, (&'static str, String)>,
    seen: &std::collections::BTreeMap<String, (&'static str, String)>,
) {
    let mut all = pinned.clone();
    all.extend(seen.clone());
    let mut out = String::from(
        "# The exact error each refused vector of jwt-attack-vectors.json gets: id, code, the\n\
         # vector's description. Regenerate with JWT_CORE_BLESS=1 cargo test --all-features\n\
         # attack_vector, and review every changed line.\n",
    );
    for (id, (code, description)) in &all {
        out.push_str(&format!("{id}\t{code}\t{description}\n"));
    }
    std::fs::write(PINNED_PATH, out).unwrap();
}

fn check<K: VerifyingKey>(
    token: &[u8],
    key: &K,
    policy: &Validation<'_>,
    now: Time,
) -> Result<(), Error> {
    let mut scratch = vec![0u8; jwt_core::scratch_len(token).max(16)];
    jwt_core::verify(token, key, policy, now, &mut scratch).map(|_| ())
}

fn dos_recipes(key: &Hs256Key, policy: &Validation<'_>, now: Time) -> usize {
    let mut scratch = vec![0u8; 1 << 21];
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    let secret = common::unb64(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    );

    // J01: the split stops at the third dot, whatever follows (cost is measured by the
    // instruction-count check and the fuzzers' timeouts, not timed here).
    let dots = ".".repeat(100_000);
    let got = jwt_core::verify(dots.as_bytes(), key, policy, now, &mut scratch);
    assert_eq!(got.unwrap_err(), Error::TokenTooLarge);
    // Also with the size limit at its maximum: the split stops at the third dot.
    let lax = Validation::new().limits(Limits::new().max_token_len(usize::MAX));
    let got = jwt_core::verify(
        &dots.as_bytes()[..jwt_core::MAX_TOKEN_LEN],
        key,
        &lax,
        now,
        &mut scratch,
    );
    assert_eq!(got.unwrap_err(), Error::MalformedToken);

    let big = common::hs256(&secret, header, &"A".repeat(1 << 20));
    assert_eq!(
        jwt_core::verify(big.as_bytes(), key, policy, now, &mut scratch).unwrap_err(),
        Error::TokenTooLarge
    );

    // J03 as written is over the hard size cap; at 20,000 levels it fits and reaches the pre-scan.
    let lax = policy.limits(Limits::new().max_token_len(usize::MAX));
    for depth in [100_000, 20_000] {
        let nested = format!("{{\"x\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        let token = common::hs256(&secret, header, &nested);
        let expected = if depth == 100_000 {
            Error::TokenTooLarge
        } else {
            Error::NestingTooDeep
        };
        assert_eq!(
            jwt_core::verify(token.as_bytes(), key, &lax, now, &mut scratch).unwrap_err(),
            expected
        );
    }

    let mut members = String::from(r#"{"alg":"HS256""#);
    for i in 0..100_000 {
        members.push_str(&format!(",\"m{i}\":0"));
    }
    members.push('}');
    let token = common::hs256(&secret, &members, "{}");
    assert_eq!(
        jwt_core::verify(token.as_bytes(), key, policy, now, &mut scratch).unwrap_err(),
        Error::TokenTooLarge
    );
    let lax = policy.limits(
        Limits::new()
            .max_token_len(usize::MAX)
            .max_header_len(usize::MAX),
    );
    assert_eq!(
        jwt_core::verify(token.as_bytes(), key, &lax, now, &mut scratch).unwrap_err(),
        Error::TokenTooLarge
    );
    4
}

#[test]
fn deep_header_is_refused_by_the_prescan() {
    let file = common::vector("jwt-attack-vectors.json");
    let v = file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "H14")
        .unwrap();
    let key =
        Hs256Key::from_jwk(&serde_json::to_vec(&file["keys"]["rfc7515-A.1-oct"]["jwk"]).unwrap())
            .unwrap();
    let policy = Validation::new().limits(Limits::new().max_header_len(usize::MAX));
    let mut scratch = vec![0u8; 1 << 16];
    let got = jwt_core::verify(
        v["token"].as_str().unwrap().as_bytes(),
        &key,
        &policy,
        Time::At(0),
        &mut scratch,
    );
    assert_eq!(got.unwrap_err(), Error::NestingTooDeep);
}
