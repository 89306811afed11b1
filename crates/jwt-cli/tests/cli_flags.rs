//! Flags fail closed: a value that would weaken the policy by accident is a usage error, and
//! what the token carries is printed and signed exactly as written.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use support::{NOW, SECRET, assert_refused, jwt, jwt_stdin, stderr, stdout};

mod support;

fn sign(claims: &str, extra: &[&str]) -> String {
    let mut args = vec!["sign", "--alg", "HS256", "--secret", SECRET, "--now", NOW];
    args.extend_from_slice(extra);
    args.push(claims);
    let o = jwt(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim_end().to_owned()
}

fn verify_args<'a>(extra: &[&'a str], token: &'a str) -> Vec<&'a str> {
    let mut args = vec!["verify", "--alg", "HS256", "--secret", SECRET, "--now", NOW];
    args.extend_from_slice(extra);
    args.push(token);
    args
}

fn payload(token: &str) -> String {
    let segment = token.split('.').nth(1).unwrap();
    String::from_utf8(URL_SAFE_NO_PAD.decode(segment).unwrap()).unwrap()
}

#[test]
fn empty_policy_values_are_usage_errors() {
    let token = sign("{}", &["--exp", "+1h"]);
    for extra in [
        ["--aud", ""],
        ["--iss", ""],
        ["--sub", ""],
        ["--typ", ""],
        ["--typ", "application/"],
        ["--typ", "/jwt"],
        ["--require", ""],
        ["--require", " "],
    ] {
        let o = jwt(&verify_args(&extra, &token));
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error: usage: "), "{}", stderr(&o));
    }
    for flag in ["--aud", "--iss", "--sub", "--jti"] {
        let o = jwt(&["sign", "--alg", "HS256", "--secret", SECRET, flag, "", "{}"]);
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
    }
}

#[test]
fn the_token_size_limit_is_at_most_the_librarys() {
    let token = sign("{}", &["--exp", "+1h"]);
    let o = jwt(&verify_args(&["--max-token-bytes", "65536"], &token));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: usage: --max-token-bytes 65536: at most 65535 (the library's hard maximum)\n"
    );
    assert_eq!(
        jwt(&verify_args(&["--max-token-bytes", "65535"], &token))
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_long_token_on_stdin_is_refused_for_its_size() {
    // A mebibyte the tool must not wait for: it stops reading at its bound.
    let huge = "a".repeat(1 << 20);
    let o = jwt_stdin(
        &verify_args(&["--max-token-bytes", "100"], "-"),
        Some(&huge),
    );
    assert_refused(&o, "token-too-large");
    assert_eq!(
        stderr(&o),
        "error: token-too-large: token is longer than the limit of 100 bytes (--max-token-bytes)\n"
    );
    // A token of exactly the limit, with its newline, is read whole.
    let token = sign("{}", &["--exp", "+1h"]);
    let limit = token.len().to_string();
    let o = jwt_stdin(
        &verify_args(&["--max-token-bytes", &limit], "-"),
        Some(&format!("{token}\r\n")),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_header_with_a_duplicate_member_is_refused() {
    let o = jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--secret",
        SECRET,
        "--header",
        r#"{"kid":"a","kid":"b"}"#,
        "{}",
    ]);
    assert_refused(&o, "duplicate-member");
}

#[test]
fn verify_prints_the_header_and_claims_exactly_as_carried() {
    let claims = r#"{ "exp": 1E10, "n": 0.1e1, "big": 1E400, "s": "\u00e9" }"#;
    let token = sign(claims, &[]);
    assert_eq!(payload(&token), claims, "sign keeps the claims as written");
    let o = jwt(&verify_args(&[], &token));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{{\"header\":{{\"alg\":\"HS256\",\"typ\":\"JWT\"}},\"claims\":{claims}}}\n")
    );
}

#[test]
fn sign_adds_flag_claims_without_rewriting_the_rest() {
    let token = sign(
        r#"{"n":1E400 , "s":"\u00e9"}"#,
        &["--exp", "+1h", "--aud", "a", "--aud", "b"],
    );
    assert_eq!(
        payload(&token),
        r#"{"n":1E400 , "s":"\u00e9","exp":1700003600,"aud":["a","b"]}"#
    );
    assert_eq!(
        payload(&sign(" { } ", &["--iat"])),
        r#" { "iat":1700000000}"#
    );
}

#[test]
fn a_flag_never_overrides_a_claim() {
    let o = jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--secret",
        SECRET,
        "--exp",
        "+1h",
        r#"{"exp":1}"#,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--exp and the claims' own \"exp\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn signing_expired_claims_warns() {
    let o = jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--secret",
        SECRET,
        "--now",
        NOW,
        r#"{"exp":1699999990}"#,
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "warning: the token expires at 2023-11-14T22:13:10Z, 10 s ago: no verifier will accept it\n"
    );
}

#[test]
fn decode_refuses_segments_that_are_not_json() {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256"}"#);
    let not_json = URL_SAFE_NO_PAD.encode(b"hello");
    let o = jwt(&["decode", &format!("{header}.{not_json}.c2ln")]);
    assert_refused(&o, "invalid-json");
    let o = jwt(&["decode", &format!("{not_json}.{header}.c2ln")]);
    assert_refused(&o, "invalid-json");
    let o = jwt(&["decode", "--json", &format!("{header}.{header}.c2ln")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"verified\":false,\"header\":{\"alg\":\"HS256\"},\"times\":{},\"claims\":{\"alg\":\"HS256\"}}\n"
    );
}
