//! What a newcomer types: every time flag takes the same forms, `--json` works everywhere,
//! `--help` states the exit statuses, and the usual mistakes get a hint.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jwt_core::{Hs256Key, SignHeader};
use support::{NOW, SECRET, assert_refused, jwt, stderr, stdout};

mod support;

fn sign(extra: &[&str]) -> String {
    let mut args = vec!["sign", "--alg", "HS256", "--secret", SECRET];
    args.extend_from_slice(extra);
    let o = jwt(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim_end().to_owned()
}

fn verify(token: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["verify", "--alg", "HS256", "--secret", SECRET];
    args.extend_from_slice(extra);
    args.push(token);
    jwt(&args)
}

#[test]
fn now_takes_unix_relative_and_rfc3339_times() {
    let token = sign(&["--now", NOW, "--exp", "+1h"]);
    for now in ["1700000000", "2023-11-14T22:13:20Z", "2023-11-14T23:13:19Z"] {
        assert_eq!(
            verify(&token, &["--now", now]).status.code(),
            Some(0),
            "{now}"
        );
    }
    assert_refused(
        &verify(&token, &["--now", "2023-11-14T23:13:20Z"]),
        "expired",
    );
    // Relative to the clock, in both directions.
    let fresh = sign(&["--exp", "+30m"]);
    assert_eq!(verify(&fresh, &["--now", "-1h"]).status.code(), Some(0));
    assert_refused(&verify(&fresh, &["--now", "+1h"]), "expired");
    // --exp takes the same forms.
    let at = sign(&["--now", NOW, "--exp", "2023-11-14T22:14:20Z"]);
    assert_refused(&verify(&at, &["--now", "1700000060"]), "expired");
    assert_eq!(verify(&at, &["--now", "1700000059"]).status.code(), Some(0));
    for bad in ["yesterday", "2023-11-14", "+1 fortnight", ""] {
        let o = verify(&token, &["--now", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", stderr(&o));
    }
}

#[test]
fn leeway_and_max_age_take_seconds_or_durations() {
    let token = sign(&["--now", NOW, "--exp", "+0s", "--iat"]);
    let later = "1700000020";
    for leeway in ["30", "30s", "1m"] {
        let o = verify(&token, &["--now", later, "--leeway", leeway]);
        assert_eq!(o.status.code(), Some(0), "{leeway}: {}", stderr(&o));
    }
    assert_refused(
        &verify(&token, &["--now", later, "--leeway", "10s"]),
        "expired",
    );
    let o = verify(&token, &["--now", later, "--leeway", "1.5s"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let aged = sign(&["--now", NOW, "--exp", "+1h", "--iat"]);
    assert_refused(
        &verify(&aged, &["--now", "1700000301", "--max-age", "5m"]),
        "too-old",
    );
    assert_eq!(
        verify(&aged, &["--now", "1700000300", "--max-age", "5m"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn json_on_every_subcommand_and_for_usage_errors() {
    let o = jwt(&[
        "sign", "--json", "--alg", "HS256", "--secret", SECRET, "--now", NOW, "{}",
    ]);
    let signed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let token = signed["token"].as_str().unwrap().to_owned();
    let o = jwt(&["keygen", "--json", "--alg", "HS256"]);
    let key: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(key["jwk"]["kty"], "oct");
    for args in [
        vec![
            "verify",
            "--json",
            "--alg",
            "HS256",
            "--secret",
            SECRET,
            "--require",
            "exp,",
            &token,
        ],
        vec!["verify", "--json", "--no-such-flag", &token],
        vec!["sign", "--json", "--alg", "none", "--secret", SECRET, "{}"],
        vec!["decode", "--json", "--now", "soon", &token],
    ] {
        let o = jwt(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let error: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(error["error"], "usage", "{args:?}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[test]
fn help_states_the_exit_statuses() {
    let help = stdout(&jwt(&["--help"]));
    assert!(help.contains("Exit status:\n  0  valid (verify), or done\n  1  refused, with the library's error code"), "{help}");
    assert!(help.contains("  2  usage error"), "{help}");
}

#[test]
fn shell_completions() {
    for shell in ["bash", "zsh", "fish"] {
        let o = jwt(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(stdout(&o).contains("verify"), "{shell}");
    }
    assert_eq!(jwt(&["completions", "cmd.exe"]).status.code(), Some(2));
}

#[test]
fn hints_for_the_usual_mistakes() {
    let token = sign(&["--now", NOW, "--exp", "+1h"]);
    let o = verify(&format!("Bearer {token}"), &["--now", NOW]);
    assert_refused(&o, "invalid-base64");
    assert!(
        stderr(&o).contains("(hint: the token starts with \"Bearer \""),
        "{}",
        stderr(&o)
    );

    // A key file written with echo holds the secret and a newline.
    let dir = std::env::temp_dir().join(format!("jwt-cli-hints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret.txt");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    let o = jwt(&[
        "verify",
        "--alg",
        "HS256",
        "--key-file",
        file.to_str().unwrap(),
        "--now",
        NOW,
        &token,
    ]);
    assert_refused(&o, "invalid-signature");
    assert!(
        stderr(&o).contains("(hint: the key file ends with a newline"),
        "{}",
        stderr(&o)
    );

    // An unsecured token is named for what it is, not for its empty signature.
    let o = verify("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", &[]);
    assert_eq!(
        stderr(&o),
        "error: algorithm-none: the token is unsecured (alg \"none\"): never accepted, whatever the key\n"
    );
}

#[test]
fn a_short_legacy_secret_verifies_only_when_named() {
    let key = Hs256Key::new_insecure_short_secret(b"secret").unwrap();
    let mut out = [0u8; 256];
    let token =
        jwt_core::sign_json(&key, &SignHeader::new(), br#"{"exp":1700003600}"#, &mut out).unwrap();
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "verify", "--alg", "HS256", "--secret", "secret", "--now", NOW,
        ];
        a.extend_from_slice(extra);
        a.push(token);
        a
    };
    let o = jwt(&args(&[]));
    assert_refused(&o, "weak-key");
    assert!(
        stderr(&o).contains("--insecure-short-secret"),
        "{}",
        stderr(&o)
    );
    let o = jwt(&args(&["--insecure-short-secret"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("warning: --insecure-short-secret: a 6-byte secret for HS256"),
        "{}",
        stderr(&o)
    );
    // Signing never takes a short secret.
    let o = jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--secret",
        "secret",
        "--insecure-short-secret",
        "{}",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
