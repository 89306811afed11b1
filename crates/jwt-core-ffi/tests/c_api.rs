//! The C suite (`tests/c/`), compiled with the system C compiler as C99 under `AddressSanitizer`
//! and `UndefinedBehaviorSanitizer` and linked with this crate's static library, run on its
//! hand-written tests and on a token file written here: every attack vector of a built
//! algorithm and tokens minted by the Rust API, each with the outcome the Rust API gives it, so
//! that C gets exactly what Rust gets. `JWT_FFI_EXTRA_TOKENS` names more token files (the
//! PyJWT-minted ones `.ci/run` writes with `tests/c/pyjwt_tokens.py`); `JWT_FFI_STATICLIB`
//! names a static library to link instead of the one built here (`.ci/run` passes one built
//! with `-Zsanitizer=address`, so that the address sanitizer sees the Rust side's writes too).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test: a failure is a panic"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_core::{
    Ed25519SigningKey, Ed25519VerifyingKey, Es256SigningKey, Es256VerifyingKey, Hs256Key, Hs384Key,
    Hs512Key, Required, SignHeader, SigningKey, Time, Validation, VerifyingKey,
};

const NOW: u64 = 1_700_000_000;
const LEEWAY: u64 = 60;
const ISSUER: &str = "https://issuer.example";
const AUDIENCE: &str = "device-42";

#[test]
fn the_c_suite_passes_under_sanitizers() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-suite");
    std::fs::create_dir_all(&out).unwrap();
    let tokens = out.join("rust-tokens.txt");
    std::fs::write(&tokens, token_file(manifest)).unwrap();
    let mut files = vec![tokens.display().to_string()];
    if let Some(extra) = std::env::var_os("JWT_FFI_EXTRA_TOKENS") {
        files.extend(std::env::split_paths(&extra).map(|p| p.display().to_string()));
    }
    let run = Command::new("make")
        .arg("-C")
        .arg(manifest.join("tests/c"))
        .arg("check")
        .arg(format!("LIB={}", static_library().display()))
        .arg(format!("OUT={}", out.display()))
        .arg(format!("VECTORS={}", files.join(" ")))
        .output()
        .expect("make and a C compiler (cc) run the C suite");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "the C suite failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(", 0 failed"), "{stdout}");
}

#[test]
fn the_readme_shows_the_c_examples_the_suite_runs() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(manifest.join("../../README.md")).unwrap();
    for example in ["verify.c", "sign_psa.c"] {
        let code = std::fs::read_to_string(manifest.join("examples/c").join(example)).unwrap();
        assert!(
            readme.contains(&format!("```c\n{code}```")),
            "README.md's \"Use from C\" does not show examples/c/{example} as it is"
        );
    }
}

/// This crate's static library for the host, built by cargo as a C image would link it.
fn static_library() -> PathBuf {
    if let Some(given) = std::env::var_os("JWT_FFI_STATICLIB") {
        return PathBuf::from(given);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let build = Command::new(cargo)
        .args([
            "build",
            "--locked",
            "-p",
            "jwt-core-ffi",
            "--message-format=json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    String::from_utf8_lossy(&build.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "jwt_core_ffi")
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| f.extension().is_some_and(|e| e == "a"))
        .expect("cargo reports the static library")
}

/// The token file: the policy line, then every attack vector of an algorithm the library was
/// built with, then tokens minted here, each with the Rust API's outcome.
fn token_file(manifest: &Path) -> String {
    let vectors = manifest.join("../../tests/vectors/jwt-attack-vectors.json");
    let file: serde_json::Value = serde_json::from_slice(&std::fs::read(vectors).unwrap()).unwrap();
    assert_eq!(file["policy"]["now"], NOW);
    assert_eq!(file["policy"]["leeway_seconds"], LEEWAY);
    let jwk = |name: &str| serde_json::to_string(&file["keys"][name]["jwk"]).unwrap();
    let oct_jwk = jwk("rfc7515-A.1-oct");
    let ec_jwk = jwk("rfc7515-A.3-ec-public");
    let okp_jwk = jwk("rfc8037-A.1-okp-public");
    let hs = Hs256Key::from_jwk(oct_jwk.as_bytes()).unwrap();
    let es = Es256VerifyingKey::from_jwk(ec_jwk.as_bytes()).unwrap();
    let ed = Ed25519VerifyingKey::from_jwk(okp_jwk.as_bytes()).unwrap();
    let k = file["keys"]["rfc7515-A.1-oct"]["jwk"]["k"]
        .as_str()
        .unwrap();
    let oct_hex = hex(&URL_SAFE_NO_PAD.decode(k).unwrap());

    let mut out = format!("P {NOW} {LEEWAY} {ISSUER} {AUDIENCE}\n");
    let mut count = 0;
    for v in file["vectors"].as_array().unwrap() {
        let (id, token) = (v["id"].as_str().unwrap(), v["token"].as_str().unwrap());
        let line = match v["verifier"]["alg"].as_str().unwrap() {
            "HS256" => line(id, "hs256", &oct_hex, token, &hs),
            "ES256" => line(id, "es256-jwk", &ec_jwk, token, &es),
            "EdDSA" => line(id, "ed25519-jwk", &okp_jwk, token, &ed),
            _ => continue,
        };
        out.push_str(&line);
        count += 1;
    }
    assert_eq!(count, 139, "HS256, ES256 and EdDSA attack vectors");

    // Minted by the Rust API: every algorithm of the C API, escapes and non-ASCII in `sub`.
    let secret: Vec<u8> = (0..64).map(|i| i * 3 + 1).collect();
    let subject = "d\u{e9}vice-\u{1F600}-\\\"7\"";
    let p256_signer = Es256SigningKey::from_bytes(&[7; 32]).unwrap();
    let ed25519_signer = Ed25519SigningKey::from_bytes(&[9; 32]).unwrap();
    let (x, y) = p256_signer.verifying_key().coordinates();
    let p256_public_jwk = format!(
        r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(x),
        URL_SAFE_NO_PAD.encode(y)
    );
    let ed25519_public_jwk = format!(
        r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(ed25519_signer.verifying_key().to_bytes())
    );
    let minted = [
        (
            "rust-hs256",
            "hs256",
            hex(&secret[..32]),
            mint(&Hs256Key::new(&secret[..32]).unwrap(), subject),
        ),
        (
            "rust-hs384",
            "hs384",
            hex(&secret[..48]),
            mint(&Hs384Key::new(&secret[..48]).unwrap(), subject),
        ),
        (
            "rust-hs512",
            "hs512",
            hex(&secret),
            mint(&Hs512Key::new(&secret).unwrap(), subject),
        ),
        (
            "rust-es256",
            "es256-jwk",
            p256_public_jwk,
            mint(&p256_signer, subject),
        ),
        (
            "rust-eddsa",
            "ed25519-jwk",
            ed25519_public_jwk,
            mint(&ed25519_signer, subject),
        ),
    ];
    for (id, kind, key, token) in minted {
        writeln!(
            out,
            "V {id} {kind} {key} {} ok {subject}",
            hex(token.as_bytes())
        )
        .unwrap();
    }
    out
}

/// One token line with the outcome the Rust API gives it under the vector file's policy.
fn line<K: VerifyingKey>(id: &str, kind: &str, key_text: &str, token: &str, key: &K) -> String {
    let issuers = [ISSUER];
    let audiences = [AUDIENCE];
    let policy = Validation::new()
        .leeway(LEEWAY)
        .issuers(&issuers)
        .audiences(&audiences)
        .require(Required::EXP);
    let mut scratch = vec![0; jwt_core::scratch_len_for(token.len())];
    let outcome =
        match jwt_core::verify(token.as_bytes(), key, &policy, Time::At(NOW), &mut scratch) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        };
    format!(
        "V {id} {kind} {key_text} {} {outcome}\n",
        hex(token.as_bytes())
    )
}

fn mint<K: SigningKey>(key: &K, subject: &str) -> String {
    let claims = serde_json::json!({
        "iss": ISSUER, "sub": subject, "aud": [AUDIENCE, "other"], "exp": NOW + 600,
        "nbf": NOW - 600, "iat": NOW - 600, "jti": "rust-minted",
    });
    jwt_core::sign_to_string(key, &SignHeader::new().kid("k1"), &claims).unwrap()
}

/// Bytes in hex, `-` for none (the token file splits on spaces).
fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".to_owned();
    }
    bytes.iter().fold(String::new(), |mut s, b| {
        write!(s, "{b:02x}").unwrap();
        s
    })
}
