//! The `jwt` binary reads every key with the library, so a key the library refuses is refused
//! here with the same code, and a key set behaves here as it does in the library.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jwt_core::{Error, JwksError, KeySet, SkipReason};
use support::{NOW, SECRET, assert_refused, jwt, stderr, stdout};

mod support;

/// SECRET as base64url, a JWK's `k`.
const K: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
/// A 48-byte secret, for HS384.
const K48: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm";
/// Another 32-byte secret.
const OTHER_K: &str = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA";

/// A file in a fresh directory of this test process.
fn file(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("jwt-cli-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_owned()
}

fn vector_key(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors/keys")
        .join(name);
    path.to_str().unwrap().to_owned()
}

/// An HS256 token signed with SECRET, without kid.
fn token() -> String {
    let o = jwt(&[
        "sign", "--alg", "HS256", "--secret", SECRET, "--now", NOW, "--exp", "+1h",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim_end().to_owned()
}

fn verify_with_jwk(path: &str, token: &str) -> std::process::Output {
    jwt(&["verify", "--jwk", path, "--now", NOW, token])
}

#[test]
fn a_jwk_with_a_duplicate_member_is_refused_with_the_librarys_code() {
    let jwk = format!(r#"{{"kty":"oct","alg":"HS256","k":"{OTHER_K}","k":"{K}"}}"#);
    let o = verify_with_jwk(&file("duplicate.jwk", &jwk), &token());
    assert_refused(&o, "duplicate-member");
}

#[test]
fn a_jwks_with_one_malformed_key_behaves_as_in_the_library() {
    // One key whose kty is not a string: the library leaves it out and keeps the other.
    let jwks = format!(
        r#"{{"keys":[{{"kty":1,"k":"{OTHER_K}"}},{{"kty":"oct","alg":"HS256","k":"{K}"}}]}}"#
    );
    let mut library = KeySet::<4>::new();
    let mut skipped = Vec::new();
    let summary = library
        .extend_from_jwks_noting(jwks.as_bytes(), |s| skipped.push((s.index, s.reason)))
        .unwrap();
    assert_eq!(
        (summary.added, skipped),
        (1, vec![(0, SkipReason::Malformed)])
    );
    let o = verify_with_jwk(&file("one-malformed.json", &jwks), &token());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "note: key 0 of the JWK Set left out: malformed\n"
    );

    // A duplicate member anywhere makes the JWKS text ambiguous: the library refuses it whole.
    let jwks = format!(
        r#"{{"keys":[{{"kty":"oct","alg":"HS256","k":"{OTHER_K}","k":"{K}"}},{{"kty":"oct","alg":"HS256","k":"{K}"}}]}}"#
    );
    assert_eq!(
        KeySet::<4>::new().extend_from_jwks(jwks.as_bytes()),
        Err(JwksError::Json(Error::DuplicateMember))
    );
    let o = verify_with_jwk(&file("duplicate-in-set.json", &jwks), &token());
    assert_refused(&o, "duplicate-member");
}

#[test]
fn key_ops_decide_what_a_jwk_may_do() {
    let verify_only = file(
        "verify-only.jwk",
        &format!(r#"{{"kty":"oct","alg":"HS256","key_ops":["verify"],"k":"{K}"}}"#),
    );
    assert_eq!(
        verify_with_jwk(&verify_only, &token()).status.code(),
        Some(0)
    );
    let o = jwt(&["sign", "--jwk", &verify_only, "{}"]);
    assert_refused(&o, "invalid-key");

    // In a set, a key that may only sign is left out, so no key is for the token.
    let sign_only = file(
        "sign-only.json",
        &format!(r#"{{"keys":[{{"kty":"oct","alg":"HS256","key_ops":["sign"],"k":"{K}"}}]}}"#),
    );
    let o = verify_with_jwk(&sign_only, &token());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "note: key 0 of the JWK Set left out: not-for-verifying\n\
         error: unknown-key: the token names no kid and no key in the set is for HS256\n"
    );

    // `use` and `key_ops` that disagree allow nothing.
    let disagree = file(
        "disagree.jwk",
        &format!(r#"{{"kty":"oct","alg":"HS256","use":"enc","key_ops":["verify"],"k":"{K}"}}"#),
    );
    let o = verify_with_jwk(&disagree, &token());
    assert!(
        stderr(&o).starts_with("error: invalid-key: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_ambiguous_key_counts_only_keys_of_the_tokens_algorithm() {
    let jwks = format!(
        r#"{{"keys":[
            {{"kty":"oct","alg":"HS256","kid":"a","k":"{K}"}},
            {{"kty":"oct","alg":"HS384","kid":"b","k":"{K48}"}},
            {{"kty":"oct","alg":"HS256","kid":"c","k":"{OTHER_K}"}}
        ]}}"#
    );
    let o = verify_with_jwk(&file("ambiguous.json", &jwks), &token());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: ambiguous-key: 2 keys in the set are for HS256 and the token names no kid to choose one\n"
    );
    // With --alg, only that algorithm's keys are in the set.
    let o = jwt(&[
        "verify",
        "--alg",
        "HS384",
        "--jwk",
        &file("ambiguous.json", &jwks),
        "--now",
        NOW,
        &token(),
    ]);
    assert_eq!(
        stderr(&o),
        "error: unknown-key: the token names no kid and no key in the set is for HS256\n"
    );
}

#[test]
fn signing_takes_one_jwk_not_a_set() {
    let jwks = format!(r#"{{"keys":[{{"kty":"oct","alg":"HS256","k":"{K}"}}]}}"#);
    let o = jwt(&["sign", "--jwk", &file("set.json", &jwks), "{}"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: usage: sign with one JWK"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_secret_shaped_like_a_key_is_refused() {
    let pem = vector_key("p256-pkcs8.pem");
    let o = jwt(&["verify", "--alg", "HS256", "--key-file", &pem, &token()]);
    assert_refused(&o, "key-as-secret");
    let o = jwt(&["sign", "--alg", "HS256", "--key-file", &pem, "{}"]);
    assert!(
        stderr(&o).starts_with("error: key-as-secret: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn es512_signs_and_verifies() {
    let o = jwt(&[
        "sign",
        "--alg",
        "ES512",
        "--key-file",
        &vector_key("p521-pkcs8.pem"),
        "--now",
        NOW,
        "--exp",
        "+1h",
        r#"{"sub":"device"}"#,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let token = stdout(&o).trim_end().to_owned();
    let o = jwt(&[
        "verify",
        "--alg",
        "ES512",
        "--key-file",
        &vector_key("p521-spki.pem"),
        "--now",
        NOW,
        &token,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The key decides: the P-256 public key is not an ES512 key.
    let o = jwt(&[
        "verify",
        "--alg",
        "ES512",
        "--key-file",
        &vector_key("p256-spki.pem"),
        "--now",
        NOW,
        &token,
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_missing_claims_are_the_librarys() {
    let token = token();
    let o = jwt(&[
        "verify",
        "--alg",
        "HS256",
        "--secret",
        SECRET,
        "--now",
        NOW,
        "--iss",
        "idp",
        "--max-age",
        "60",
        "--require",
        "exp,jti",
        &token,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: missing-claim: required claim missing: iss, iat, jti\n"
    );
}

#[test]
fn require_refuses_empty_items() {
    let token = token();
    for list in ["", ",", "exp,", "exp,,iat", " exp", "none,exp"] {
        let o = jwt(&[
            "verify",
            "--alg",
            "HS256",
            "--secret",
            SECRET,
            "--now",
            NOW,
            "--require",
            list,
            &token,
        ]);
        assert_eq!(o.status.code(), Some(2), "{list:?}: {}", stderr(&o));
    }
}
