//! The `jwt` binary, driven as a user drives it.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::needless_raw_string_hashes,
    clippy::too_many_lines
)]

use std::process::{Command, Output};

use support::{NOW, SECRET, jwt, jwt_stdin, stderr, stdout};

mod support;

fn sign(extra: &[&str]) -> String {
    let mut args = vec!["sign", "--alg", "HS256", "--secret", SECRET, "--now", NOW];
    args.extend_from_slice(extra);
    let o = jwt(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim_end().to_owned()
}

fn verify(token: &str, extra: &[&str]) -> Output {
    let mut args = vec!["verify", "--alg", "HS256", "--secret", SECRET, "--now", NOW];
    args.extend_from_slice(extra);
    args.push(token);
    jwt(&args)
}

#[test]
fn sign_then_verify_prints_header_and_exact_claims() {
    let token = sign(&[
        "--exp",
        "+1h",
        "--iat",
        "--iss",
        "me",
        r#"{"big":123456789012345678901234567890,"f":0.1,"s":"é\"\\"}"#,
    ]);
    let o = verify(&token, &["--iss", "me"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(out["header"]["alg"], "HS256");
    assert_eq!(out["header"]["typ"], "JWT");
    assert_eq!(out["claims"]["exp"], 1_700_003_600);
    assert_eq!(out["claims"]["iat"], 1_700_000_000);
    assert_eq!(out["claims"]["s"], "é\"\\");
    assert!(
        stdout(&o).contains("123456789012345678901234567890"),
        "numbers are not rounded: {}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("\"f\":0.1"));
}

#[test]
fn rejections_exit_1_with_code_and_explanation() {
    let token = sign(&["--exp", "1699999960"]);
    let o = verify(&token, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        "error: expired: token expired at 2023-11-14T22:12:40Z, 40 s before now, leeway 0 s"
    );
    let o = verify(&token, &["--json"]);
    assert_eq!(o.status.code(), Some(1));
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(out["error"], "expired");
    assert!(out["message"].as_str().unwrap().contains("40 s before now"));
    // Leeway moves the boundary.
    assert_eq!(verify(&token, &["--leeway", "41"]).status.code(), Some(0));
    assert_eq!(verify(&token, &["--leeway", "40"]).status.code(), Some(1));

    let mut tampered = token.clone();
    let at = tampered.find('.').unwrap() + 3;
    tampered.replace_range(at..=at, if &tampered[at..=at] == "A" { "B" } else { "A" });
    let o = verify(&tampered, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: invalid-signature: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn audience_is_never_skipped() {
    let token = sign(&["--exp", "+1h", "--aud", "api", "--aud", "web"]);
    let o = verify(&token, &[]);
    assert!(
        stderr(&o).starts_with("error: unexpected-audience: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(verify(&token, &["--aud", "web"]).status.code(), Some(0));
    let o = verify(&token, &["--aud", "other"]);
    assert!(stderr(&o).contains("invalid-audience"), "{}", stderr(&o));
}

#[test]
fn policy_flags() {
    let token = sign(&["--exp", "+1h", "--sub", "u1", "--nbf", "+10s"]);
    let o = verify(&token, &[]);
    assert!(
        stderr(&o).starts_with("error: not-yet-valid: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        verify(&token, &["--leeway", "10", "--sub", "u1"])
            .status
            .code(),
        Some(0)
    );
    assert!(
        stderr(&verify(&token, &["--leeway", "10", "--sub", "u2"])).contains("invalid-subject")
    );
    let no_exp = sign(&[]);
    assert!(
        stderr(&verify(&no_exp, &[]))
            .starts_with("error: missing-claim: required claim missing: exp")
    );
    assert_eq!(
        verify(&no_exp, &["--require", "none"]).status.code(),
        Some(0)
    );
    let o = verify(&no_exp, &["--require", "iat,jti"]);
    assert!(stderr(&o).contains("iat, jti"), "{}", stderr(&o));
    assert_eq!(
        verify(&no_exp, &["--require", "bogus"]).status.code(),
        Some(2)
    );
    // --typ as RFC 7515 §4.1.9 compares.
    assert_eq!(
        verify(&no_exp, &["--require", "none", "--typ", "application/JWT"])
            .status
            .code(),
        Some(0)
    );
    assert!(
        stderr(&verify(&no_exp, &["--require", "none", "--typ", "at+jwt"]))
            .contains("unexpected-type")
    );
    // --max-token-bytes N allows exactly N.
    let n = no_exp.len().to_string();
    let less = (no_exp.len() - 1).to_string();
    assert_eq!(
        verify(&no_exp, &["--require", "none", "--max-token-bytes", &n])
            .status
            .code(),
        Some(0)
    );
    assert!(
        stderr(&verify(
            &no_exp,
            &["--require", "none", "--max-token-bytes", &less]
        ))
        .contains("token-too-large")
    );
}

#[test]
fn stdin_loses_one_newline_only() {
    let token = sign(&["--exp", "+1h"]);
    let args = [
        "verify", "--alg", "HS256", "--secret", SECRET, "--now", NOW, "-",
    ];
    assert_eq!(
        jwt_stdin(&args, Some(&format!("{token}\n"))).status.code(),
        Some(0)
    );
    assert_eq!(
        jwt_stdin(&args, Some(&format!("{token}\r\n")))
            .status
            .code(),
        Some(0)
    );
    let o = jwt_stdin(&args, Some(&format!("{token}\n\n")));
    assert!(stderr(&o).contains("invalid-base64"), "{}", stderr(&o));
    let o = jwt_stdin(&args, Some(&format!(" {token}")));
    assert!(stderr(&o).contains("invalid-base64"), "{}", stderr(&o));
}

#[test]
fn keys_and_algorithms() {
    let token = sign(&["--exp", "+1h"]);
    // The token's header never picks the algorithm.
    let o = jwt(&[
        "verify",
        "--alg",
        "HS384",
        "--secret",
        &format!("{SECRET}{SECRET}"),
        "--now",
        NOW,
        &token,
    ]);
    assert!(
        stderr(&o).starts_with(
            "error: algorithm-mismatch: header says alg \"HS256\" but the key is HS384"
        ),
        "{}",
        stderr(&o)
    );
    let o = jwt(&["verify", "--alg", "HS256", "--secret", "short", &token]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: weak-key: "),
        "{}",
        stderr(&o)
    );
    // The command line names the algorithm: a name it does not know is a usage error, and
    // `none` is never one.
    for alg in ["Ed25519", "none", "NONE", "XX1", "hs256"] {
        let o = jwt(&["verify", "--alg", alg, "--secret", SECRET, &token]);
        assert_eq!(o.status.code(), Some(2), "{alg}");
        assert!(
            stderr(&o).starts_with("error: usage: "),
            "{alg}: {}",
            stderr(&o)
        );
    }
    // ES512 is supported: a secret is not its key.
    let o = jwt(&["verify", "--alg", "ES512", "--secret", SECRET, &token]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // Exactly one key source; none is a usage error.
    assert_eq!(
        jwt(&["verify", "--alg", "HS256", &token]).status.code(),
        Some(2)
    );
    assert_eq!(
        jwt(&[
            "verify",
            "--alg",
            "HS256",
            "--secret",
            SECRET,
            "--key-hex",
            "00",
            &token
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        jwt(&["verify", "--secret", SECRET, &token]).status.code(),
        Some(2),
        "--alg needed with a raw secret"
    );
    assert_eq!(
        jwt(&[
            "verify",
            "--alg",
            "HS256",
            "--key-file",
            "/nonexistent",
            &token
        ])
        .status
        .code(),
        Some(2)
    );
    // Every source gives the same key.
    let hex = hex::encode(SECRET);
    let b64 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
    let dir = std::env::temp_dir().join(format!("jwt-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret.bin");
    std::fs::write(&file, SECRET).unwrap();
    for source in [
        vec!["--key-hex", &hex],
        vec!["--key-b64url", b64],
        vec!["--key-file", file.to_str().unwrap()],
    ] {
        let mut args = vec!["verify", "--alg", "HS256", "--now", NOW];
        args.extend(source);
        args.push(&token);
        assert_eq!(jwt(&args).status.code(), Some(0), "{args:?}");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_jwt"))
        .args([
            "verify",
            "--alg",
            "HS256",
            "--key-env",
            "JWT_TEST_KEY",
            "--now",
            NOW,
            &token,
        ])
        .env("JWT_TEST_KEY", SECRET)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn jwk_sets_choose_by_kid_never_by_alg() {
    let dir = std::env::temp_dir().join(format!("jwt-cli-jwks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_a = dir.join("a.jwk");
    let o = jwt(&["keygen", "--alg", "HS256", "--out", key_a.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key_a).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let a: serde_json::Value = serde_json::from_slice(&std::fs::read(&key_a).unwrap()).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&stdout(&jwt(&["keygen", "--alg", "HS256"]))).unwrap();
    assert_eq!(a["kty"], "oct");
    assert_ne!(a["kid"], b["kid"]);
    let single = dir.join("single.json");
    std::fs::write(
        &single,
        serde_json::json!({"keys": [a.clone()]}).to_string(),
    )
    .unwrap();
    let set = dir.join("set.json");
    std::fs::write(
        &set,
        serde_json::json!({"keys": [a.clone(), b.clone()]}).to_string(),
    )
    .unwrap();

    // Signing with the JWK puts its kid in the header; the set finds it again.
    let o = jwt(&[
        "sign",
        "--jwk",
        key_a.to_str().unwrap(),
        "--now",
        NOW,
        "--exp",
        "+1h",
    ]);
    let with_kid = stdout(&o).trim_end().to_owned();
    let o = jwt(&[
        "verify",
        "--jwk",
        set.to_str().unwrap(),
        "--now",
        NOW,
        &with_kid,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Without kid: one candidate is used, two are ambiguous.
    let k = a["k"].as_str().unwrap();
    let without_kid = stdout(&jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--key-b64url",
        k,
        "--now",
        NOW,
        "--exp",
        "+1h",
    ]))
    .trim_end()
    .to_owned();
    assert_eq!(
        jwt(&[
            "verify",
            "--jwk",
            single.to_str().unwrap(),
            "--now",
            NOW,
            &without_kid
        ])
        .status
        .code(),
        Some(0)
    );
    let o = jwt(&[
        "verify",
        "--jwk",
        set.to_str().unwrap(),
        "--now",
        NOW,
        &without_kid,
    ]);
    assert!(
        stderr(&o).starts_with("error: ambiguous-key: "),
        "{}",
        stderr(&o)
    );
    // An unknown kid is its own error.
    let stranger = stdout(&jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--key-b64url",
        k,
        "--kid",
        "nope",
        "--now",
        NOW,
        "--exp",
        "+1h",
    ]))
    .trim_end()
    .to_owned();
    let o = jwt(&[
        "verify",
        "--jwk",
        set.to_str().unwrap(),
        "--now",
        NOW,
        &stranger,
    ]);
    assert!(
        stderr(&o).starts_with("error: unknown-key: no key in the set has kid \"nope\""),
        "{}",
        stderr(&o)
    );
    // A JWK for another algorithm is refused even if --alg insists.
    let o = jwt(&[
        "verify",
        "--alg",
        "HS512",
        "--jwk",
        key_a.to_str().unwrap(),
        &with_kid,
    ]);
    assert!(
        stderr(&o).starts_with("error: invalid-key: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sign_refuses_what_verify_would_refuse() {
    let base = ["sign", "--alg", "HS256", "--secret", SECRET];
    for (claims, code) in [
        ("[1,2]", "not-an-object"),
        ("42", "not-an-object"),
        ("{", "invalid-json"),
        (r#"{"a":1,"a":2}"#, "duplicate-member"),
        (r#"{"exp":"tomorrow"}"#, "invalid-numeric-date"),
    ] {
        let mut args = base.to_vec();
        args.push(claims);
        let o = jwt(&args);
        assert_eq!(o.status.code(), Some(1), "{claims}");
        assert!(
            stderr(&o).starts_with(&format!("error: {code}: ")),
            "{claims}: {}",
            stderr(&o)
        );
    }
    let mut args = base.to_vec();
    args.extend(["--header", r#"{"alg":"none"}"#]);
    assert_eq!(jwt(&args).status.code(), Some(2));
    // Claims from stdin, and --no-typ.
    let o = jwt_stdin(
        &[
            "sign", "--alg", "HS256", "--secret", SECRET, "--no-typ", "-",
        ],
        Some("{\"x\":1}\n"),
    );
    let token = stdout(&o);
    assert!(token.starts_with("eyJhbGciOiJIUzI1NiJ9."), "{token}");
}

#[test]
fn decode_says_unverified_and_lint_finds_problems() {
    let token = sign(&["--exp", "+2d", "--iat"]);
    let o = jwt(&["decode", "--now", NOW, &token]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("UNVERIFIED"));
    assert!(
        stdout(&o).contains("2023-11-16T22:13:20Z (in 172800 s)"),
        "{}",
        stdout(&o)
    );
    let o = jwt(&["decode", "--json", &token]);
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(out["verified"], false);

    let o = jwt(&["lint", "--json", "--now", NOW, &token]);
    assert_eq!(o.status.code(), Some(1));
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"long-lifetime"), "{codes:?}");

    // alg none, no exp, and a token signed with a tutorial secret.
    let none = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
    let codes = lint_codes(none);
    assert!(
        codes.contains(&"algorithm-none".to_owned()) && codes.contains(&"missing-exp".to_owned()),
        "{codes:?}"
    );
    let o = jwt(&[
        "sign",
        "--alg",
        "HS256",
        "--key-hex",
        &hex::encode("your-256-bit-secret"),
        "{}",
    ]);
    assert!(
        stderr(&o).starts_with("error: weak-key: "),
        "the tool refuses to sign with a short secret"
    );
    let weak_token = {
        // Signed with a 19-byte secret, which `jwt sign` refuses: build it with the library.
        let key = jwt_core::Hs256Key::new_insecure_short_secret(b"your-256-bit-secret").unwrap();
        let mut out = [0u8; 256];
        jwt_core::sign_json(
            &key,
            &jwt_core::SignHeader::new(),
            br#"{"exp":1}"#,
            &mut out,
        )
        .unwrap()
        .to_owned()
    };
    assert!(lint_codes(&weak_token).contains(&"weak-secret".to_owned()));
    let dup = "eyJhbGciOiJIUzI1NiIsImFsZyI6IkhTMjU2In0.e30.AAAA";
    assert!(lint_codes(dup).contains(&"duplicate-member".to_owned()));
}

fn lint_codes(token: &str) -> Vec<String> {
    let o = jwt(&["lint", "--json", "--now", NOW, token]);
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn asymmetric_keys_from_keygen_sign_and_verify() {
    let dir = std::env::temp_dir().join(format!("jwt-cli-asym-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for alg in ["ES256", "ES384", "EdDSA"] {
        let base = dir.join(alg);
        let base = base.to_str().unwrap();
        let o = jwt(&["keygen", "--alg", alg, "--out", base]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let private_jwk = format!("{base}.jwk");
        let private: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&private_jwk).unwrap()).unwrap();
        assert_eq!(
            stderr(&o),
            format!(
                "wrote {alg} key {}: {base}.jwk, {base}.pub.jwk, {base}.pem, {base}.pub.pem\n",
                private["kid"].as_str().unwrap()
            ),
            "keygen names exactly the files it writes"
        );
        let public: serde_json::Value =
            serde_json::from_slice(&std::fs::read(format!("{base}.pub.jwk")).unwrap()).unwrap();
        assert_eq!(
            private["kid"], public["kid"],
            "kid is the thumbprint of the public part"
        );
        assert!(public.get("d").is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(format!("{base}.pem"))
                    .unwrap()
                    .permissions()
                    .mode()
                    & 0o777,
                0o600
            );
        }
        let o = jwt(&[
            "sign",
            "--jwk",
            &private_jwk,
            "--now",
            NOW,
            "--exp",
            "+1h",
            "{}",
        ]);
        let token = stdout(&o).trim_end().to_owned();
        let header: serde_json::Value = serde_json::from_slice(
            &base64::Engine::decode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                token.split('.').next().unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], alg);
        assert_eq!(header["kid"], public["kid"]);
        let pub_jwk = format!("{base}.pub.jwk");
        let pub_pem = format!("{base}.pub.pem");
        let priv_pem = format!("{base}.pem");
        assert_eq!(
            jwt(&["verify", "--jwk", &pub_jwk, "--now", NOW, &token])
                .status
                .code(),
            Some(0)
        );
        assert_eq!(
            jwt(&[
                "verify",
                "--alg",
                alg,
                "--key-file",
                &pub_pem,
                "--now",
                NOW,
                &token
            ])
            .status
            .code(),
            Some(0)
        );
        assert_eq!(
            jwt(&[
                "verify",
                "--alg",
                alg,
                "--key-file",
                &priv_pem,
                "--now",
                NOW,
                &token
            ])
            .status
            .code(),
            Some(0)
        );
        // A public key cannot sign.
        assert_eq!(
            jwt(&["sign", "--alg", alg, "--key-file", &pub_pem, "{}"])
                .status
                .code(),
            Some(2)
        );
    }
}

#[test]
fn a_private_rsa_jwk_signs() {
    let keys = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/keys");
    let private = keys.join("rsa2048-private.jwk");
    let public = keys.join("rsa2048-spki.pem");
    let o = jwt(&[
        "sign",
        "--alg",
        "RS256",
        "--jwk",
        private.to_str().unwrap(),
        "--now",
        NOW,
        "--exp",
        "+1h",
        r#"{"sub":"a"}"#,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let token = stdout(&o).trim_end().to_owned();
    let o = jwt(&[
        "verify",
        "--alg",
        "RS256",
        "--key-file",
        public.to_str().unwrap(),
        "--now",
        NOW,
        &token,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The JWK says RS256: it signs nothing else.
    let o = jwt(&[
        "sign",
        "--alg",
        "PS256",
        "--jwk",
        private.to_str().unwrap(),
        r#"{"sub":"a"}"#,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: invalid-key: the JWK is for RS256 but --alg says PS256"),
        "{}",
        stderr(&o)
    );
}
