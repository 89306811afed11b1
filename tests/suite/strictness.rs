//! Structure, base64url, header and key rules, each with its exact error; the order of
//! verification; buffers; the error type itself.
use crate::common;

use jwt_core::{
    Error, ErrorClass, Hs256Key, Hs384Key, Hs512Key, Limits, Time, UnverifiedHeader, Validation,
    VerifyingKey,
};

fn key() -> Hs256Key {
    Hs256Key::new(common::SECRET).unwrap()
}

fn verify(token: &str) -> Result<(), Error> {
    let mut scratch = vec![0u8; 4096];
    jwt_core::verify(
        token.as_bytes(),
        &key(),
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .map(|_| ())
}

fn with_header(header: &str) -> Result<(), Error> {
    verify(&common::hs256(common::SECRET, header, r#"{"exp":9}"#))
}

#[test]
fn structure() {
    let good = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, r#"{"exp":9}"#);
    assert_eq!(verify(&good), Ok(()));
    let (h, rest) = good.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    for (token, err) in [
        (format!("{h}.{p}"), Error::MalformedToken),
        (format!("{h}.{p}.{s}."), Error::MalformedToken),
        (format!("{h}.{p}.{s}.{s}.{s}"), Error::MalformedToken),
        (String::new(), Error::MalformedToken),
        (format!(".{p}.{s}"), Error::EmptySegment),
        (format!("{h}..{s}"), Error::EmptySegment),
        (format!("{h}.{p}."), Error::EmptySegment),
        (format!(" {good}"), Error::InvalidBase64),
        (format!("{good}\n"), Error::InvalidBase64),
        (format!("{h}.{p}.{s}="), Error::InvalidBase64),
        (format!("{h}=.{p}.{s}"), Error::InvalidBase64),
        (
            format!("{h}.{p}.{}", s.replace('-', "+").replace('_', "/")),
            Error::InvalidBase64,
        ),
        (format!("{h}.{p}.A{s}"), Error::InvalidSignature), // canonical, but 33 bytes: not a full tag
    ] {
        assert_eq!(verify(&token), Err(err), "{token:?}");
    }
    let policy = Validation::new().limits(Limits::new().max_token_len(good.len() - 1));
    let mut scratch = [0u8; 256];
    assert_eq!(
        jwt_core::verify(good.as_bytes(), &key(), &policy, Time::At(0), &mut scratch).unwrap_err(),
        Error::TokenTooLarge
    );
    let policy = Validation::new().limits(Limits::new().max_header_len(h.len() - 1));
    assert_eq!(
        jwt_core::verify(good.as_bytes(), &key(), &policy, Time::At(0), &mut scratch).unwrap_err(),
        Error::HeaderTooLarge
    );
    // Each limit is the longest accepted: exactly at it passes.
    let at_limits = Validation::new().limits(
        Limits::new()
            .max_token_len(good.len())
            .max_header_len(h.len()),
    );
    let verified = jwt_core::verify(
        good.as_bytes(),
        &key(),
        &at_limits,
        Time::At(0),
        &mut scratch,
    );
    assert_eq!(verified.map(|_| ()), Ok(()));
}

#[test]
fn nesting_limits_are_honoured_below_the_cap_and_capped_above_it() {
    // `depth` levels: the claims object itself, then arrays inside it.
    let nested = |depth: usize| {
        format!(
            r#"{{"exp":9e9,"a":{}0{}}}"#,
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    };
    let run = |claims: &str, limits: Limits| {
        let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, claims);
        let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
        let policy = Validation::new().limits(limits);
        jwt_core::verify(token.as_bytes(), &key(), &policy, Time::At(0), &mut scratch).map(|_| ())
    };
    for depth in [1, 2, 5] {
        let limits = Limits::new().max_depth(depth);
        assert_eq!(run(&nested(depth), limits), Ok(()), "{depth}");
        assert_eq!(
            run(&nested(depth + 1), limits),
            Err(Error::NestingTooDeep),
            "{depth}"
        );
    }
    // Above MAX_DEPTH a policy gets MAX_DEPTH; so does the token length above MAX_TOKEN_LEN.
    let capped = Limits::new().max_depth(jwt_core::MAX_DEPTH + 8);
    assert_eq!(capped, Limits::new().max_depth(jwt_core::MAX_DEPTH));
    assert_eq!(run(&nested(jwt_core::MAX_DEPTH), capped), Ok(()));
    assert_eq!(
        run(&nested(jwt_core::MAX_DEPTH + 1), capped),
        Err(Error::NestingTooDeep)
    );
    assert_eq!(
        Limits::new().max_token_len(jwt_core::MAX_TOKEN_LEN + 1),
        Limits::new().max_token_len(jwt_core::MAX_TOKEN_LEN)
    );
    assert_ne!(
        Limits::new().max_token_len(jwt_core::MAX_TOKEN_LEN - 1),
        Limits::new().max_token_len(jwt_core::MAX_TOKEN_LEN)
    );
}

#[test]
fn json_texts_are_at_most_64_kib() {
    // The pre-scan indexes a text with 16-bit offsets: 65,535 bytes is the longest it reads.
    let padded = |len: usize| {
        let head = r#"{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY","pad":""#;
        format!("{head}{}\"}}", "x".repeat(len - head.len() - 2))
    };
    assert_eq!(padded(65_535).len(), 65_535);
    assert!(Hs256Key::from_jwk(padded(65_535).as_bytes()).is_ok());
    assert_eq!(
        Hs256Key::from_jwk(padded(65_536).as_bytes()).unwrap_err(),
        Error::TokenTooLarge
    );
}

#[test]
fn non_canonical_trailing_bits_are_refused_in_every_segment() {
    // "e30" is "{}"; "e31" decodes to the same byte with a non-zero unused bit.
    let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, "{}");
    let (h, rest) = token.split_once('.').unwrap();
    let (_, s) = rest.split_once('.').unwrap();
    assert_eq!(verify(&format!("{h}.e31.{s}")), Err(Error::InvalidBase64));
    // A 32-byte tag has 43 characters; the last carries 2 unused bits, which "B" sets.
    let noncanonical = format!("{h}.e30.{}B", &s[..42]);
    assert_eq!(
        verify(&noncanonical),
        Err(Error::InvalidBase64),
        "unused bits set"
    );
}

#[test]
fn the_signature_is_checked_before_the_payload_is_decoded_or_parsed() {
    // A payload that is not JSON, with a wrong MAC: the signature error is reported.
    let token = common::hs256(
        b"another secret that is 32 bytes!",
        r#"{"alg":"HS256"}"#,
        "<not json>",
    );
    assert_eq!(verify(&token), Err(Error::InvalidSignature));
    // A payload whose middle is not even base64url, with a wrong MAC: still the signature.
    let (h, rest) = token.split_once('.').unwrap();
    let (_, s) = rest.split_once('.').unwrap();
    assert_eq!(
        verify(&format!("{h}.ab!cdA.{s}")),
        Err(Error::InvalidSignature)
    );
    // With the right MAC over those exact bytes, the payload's own errors appear.
    assert_eq!(
        verify(&common::hs256(
            common::SECRET,
            r#"{"alg":"HS256"}"#,
            "<not json>"
        )),
        Err(Error::InvalidJson)
    );
}

#[test]
fn header_rules() {
    for (header, err) in [
        (r#"{"typ":"JWT"}"#, Error::MissingAlgorithm),
        (r#"{"alg":null}"#, Error::InvalidHeader),
        (r#"{"alg":["HS256"]}"#, Error::InvalidHeader),
        (r#"{"alg":"none"}"#, Error::AlgorithmNone),
        (r#"{"alg":"NoNe"}"#, Error::AlgorithmNone),
        (r#"{"alg":"\u006eone"}"#, Error::AlgorithmNone),
        (r#"{"alg":"hs256"}"#, Error::AlgorithmMismatch),
        (r#"{"alg":"HS384"}"#, Error::AlgorithmMismatch),
        (r#"{"alg":"HS256 "}"#, Error::AlgorithmMismatch),
        (r#"{"alg":"HS256\u0000"}"#, Error::AlgorithmMismatch),
        (r#"{"alg":"RS256"}"#, Error::AlgorithmMismatch),
        (r#"{"alg":"HS256","alg":"HS256"}"#, Error::DuplicateMember),
        (
            r#"{"alg":"HS256","\u0061lg":"none"}"#,
            Error::DuplicateMember,
        ),
        (
            r#"{"alg":"HS256","x":{"a":1,"a":1}}"#,
            Error::DuplicateMember,
        ),
        (r#"{"alg":"HS256","kid":7}"#, Error::InvalidHeader),
        (r#"{"alg":"HS256","typ":null}"#, Error::InvalidHeader),
        (r#"{"alg":"HS256","cty":{}}"#, Error::InvalidHeader),
        (
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            Error::UnsupportedCritical,
        ),
        (r#"{"alg":"HS256","crit":[]}"#, Error::InvalidHeader),
        (r#"{"alg":"HS256","crit":"exp"}"#, Error::InvalidHeader),
        (r#"{"alg":"HS256","crit":["alg"]}"#, Error::InvalidHeader),
        (r#"["alg","HS256"]"#, Error::NotAnObject),
        (r#"{"alg":"HS256"}x"#, Error::InvalidJson),
        ("\u{feff}{\"alg\":\"HS256\"}", Error::InvalidJson),
        (
            r#"{"alg":"HS256","x":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}"#,
            Error::NestingTooDeep,
        ),
    ] {
        assert_eq!(with_header(header), Err(err), "{header}");
    }
    // Accepted: escapes by meaning, unknown members ignored, whitespace, key-bearing members
    // never used as keys.
    for header in [
        r#"{"\u0061lg":"HS256"}"#,
        r#"{"alg":"HS\u0032\u0035\u0036"}"#,
        r#"{"alg":"HS256","x-extra":{"a":[1,2,3]}}"#,
        "{ \"alg\" : \"HS256\" ,\r\n \"typ\" : \"JWT\" }",
        r#"{"alg":"HS256","jwk":{"kty":"oct","k":"AAAA"},"jku":"https://x","x5u":"https://x","x5c":["MII"]}"#,
    ] {
        assert_eq!(with_header(header), Ok(()), "{header}");
    }
}

#[test]
fn claims_json_rules() {
    let claims = |payload: &str| {
        verify(&common::hs256(
            common::SECRET,
            r#"{"alg":"HS256"}"#,
            payload,
        ))
    };
    assert_eq!(claims(r#"{"exp":9,"exp":10}"#), Err(Error::DuplicateMember));
    assert_eq!(
        claims(r#"{"exp":9,"x":[{"y":1,"y":2}]}"#),
        Err(Error::DuplicateMember)
    );
    assert_eq!(claims(r#"[{"exp":9}]"#), Err(Error::NotAnObject));
    assert_eq!(claims(r#"{"exp":9} {}"#), Err(Error::InvalidJson));
    assert_eq!(
        claims("{\"exp\":9,\"s\":\"\u{1}\"}"),
        Err(Error::InvalidJson)
    );
    let token = common::hs256(
        common::SECRET,
        r#"{"alg":"HS256"}"#,
        "{\"exp\":9,\"s\":\"\u{ff}\"}",
    );
    assert_eq!(verify(&token), Ok(()), "non-ASCII UTF-8 is fine");
    let invalid_utf8 = {
        use hmac::{KeyInit, Mac};
        let si = format!(
            "{}.{}",
            common::b64(br#"{"alg":"HS256"}"#),
            common::b64(b"{\"exp\":9,\"s\":\"\xff\"}")
        );
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(common::SECRET).unwrap();
        mac.update(si.as_bytes());
        format!("{si}.{}", common::b64(&mac.finalize().into_bytes()))
    };
    assert_eq!(verify(&invalid_utf8), Err(Error::InvalidJson));
    let many: String = (0..=jwt_core::MAX_OPEN_MEMBERS)
        .map(|i| format!(",\"m{i}\":0"))
        .collect();
    assert_eq!(
        claims(&format!("{{\"exp\":9{many}}}")),
        Err(Error::TooManyMembers)
    );
    let fits: String = (0..jwt_core::MAX_OPEN_MEMBERS - 1)
        .map(|i| format!(",\"m{i}\":0"))
        .collect();
    assert_eq!(claims(&format!("{{\"exp\":9{fits}}}")), Ok(()));
}

#[test]
fn scratch_buffers_are_checked_never_indexed_blindly() {
    let token = common::hs256(
        common::SECRET,
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"exp":9,"sub":"s"}"#,
    );
    let need = jwt_core::scratch_len(token.as_bytes());
    assert!(need <= jwt_core::scratch_len_for(token.len()));
    // The static bound: six bytes per started four of token (3/4 decoded, half of it
    // possibly twice over), 1.5 times the token and a little.
    for (len, bound) in [(0, 6), (3, 6), (4, 12), (239, 360), (8192, 12_294)] {
        assert_eq!(jwt_core::scratch_len_for(len), bound, "{len}");
    }
    let mut exact = vec![0u8; need];
    assert!(
        jwt_core::verify(
            token.as_bytes(),
            &key(),
            &Validation::new(),
            Time::At(0),
            &mut exact
        )
        .is_ok()
    );
    // Without room for unescaping, the decoded header and payload (and the tag) are enough.
    let minimum = 27 + 32;
    for len in 0..minimum {
        let mut small = vec![0u8; len];
        let got = jwt_core::verify(
            token.as_bytes(),
            &key(),
            &Validation::new(),
            Time::At(0),
            &mut small,
        );
        assert_eq!(got.unwrap_err(), Error::BufferTooSmall, "{len}");
    }
    let mut small = vec![0u8; minimum];
    assert!(
        jwt_core::verify(
            token.as_bytes(),
            &key(),
            &Validation::new(),
            Time::At(0),
            &mut small
        )
        .is_ok()
    );
}

#[test]
fn unverified_header_is_for_choosing_a_key_only() {
    let token = common::hs256(
        common::SECRET,
        r#"{"alg":"HS384","kid":"k\/1","typ":"JWT","cty":"text"}"#,
        r#"{"exp":9}"#,
    );
    let mut buf = [0u8; 64];
    let header =
        UnverifiedHeader::dangerous_peek(token.as_bytes(), &Limits::new(), &mut buf).unwrap();
    assert!(header.kid().unwrap() == "k/1");
    assert!(header.alg() == "HS384");
    assert!(header.typ().unwrap() == "JWT");
    assert!(header.cty().unwrap() == "text");
    let mut tiny = [0u8; 4];
    assert_eq!(
        UnverifiedHeader::dangerous_peek(token.as_bytes(), &Limits::new(), &mut tiny).unwrap_err(),
        Error::BufferTooSmall
    );
    let dup = common::hs256(
        common::SECRET,
        r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
        "{}",
    );
    assert_eq!(
        UnverifiedHeader::dangerous_peek(dup.as_bytes(), &Limits::new(), &mut buf).unwrap_err(),
        Error::DuplicateMember
    );
}

#[test]
fn keys() {
    assert_eq!(Hs256Key::new(&[0; 31]).unwrap_err(), Error::WeakKey);
    assert_eq!(Hs384Key::new(&[0; 47]).unwrap_err(), Error::WeakKey);
    assert_eq!(Hs512Key::new(&[0; 63]).unwrap_err(), Error::WeakKey);
    assert!(Hs512Key::new(&[0; 200]).is_ok(), "long keys are fine");
    assert!(Hs256Key::new_insecure_short_secret(b"secret").is_ok());
    assert_eq!(
        Hs256Key::new_insecure_short_secret(b"").unwrap_err(),
        Error::InvalidKey
    );

    let k = common::b64(common::SECRET);
    let jwk = |extra: &str| format!(r#"{{"kty":"oct","k":"{k}"{extra}}}"#);
    assert!(Hs256Key::from_jwk(jwk("").as_bytes()).is_ok());
    assert!(
        Hs256Key::from_jwk(
            jwk(r#","alg":"HS256","use":"sig","key_ops":["verify","sign"],"kid":"x""#).as_bytes()
        )
        .is_ok()
    );
    for (extra, err) in [
        (r#","alg":"HS512""#, Error::InvalidKey),
        (r#","use":"enc""#, Error::InvalidKey),
        (r#","key_ops":["encrypt"]"#, Error::InvalidKey),
        (r#","key_ops":"sign""#, Error::InvalidKey),
        (r#","k":"x""#, Error::DuplicateMember),
    ] {
        assert_eq!(
            Hs256Key::from_jwk(jwk(extra).as_bytes()).unwrap_err(),
            err,
            "{extra}"
        );
    }
    assert_eq!(
        Hs256Key::from_jwk(br#"{"kty":"RSA","k":"AAAA"}"#).unwrap_err(),
        Error::InvalidKey
    );
    assert_eq!(
        Hs256Key::from_jwk(br#"{"kty":"oct"}"#).unwrap_err(),
        Error::InvalidKey
    );
    assert_eq!(
        Hs256Key::from_jwk(br#"{"kty":"oct","k":"AAAA"}"#).unwrap_err(),
        Error::WeakKey
    );
    assert_eq!(
        Hs256Key::from_jwk(br#"{"kty":"oct","k":"AA=="}"#).unwrap_err(),
        Error::InvalidKey
    );

    let key = Hs256Key::new(b"super secret key material 32 by!").unwrap();
    let shown = format!("{key:?} {:#?}", key.clone());
    assert_eq!(shown, "Hs256Key { .. } Hs256Key { .. }");
    assert_eq!(<Hs256Key as VerifyingKey>::ALG, "HS256");
}

#[test]
fn the_error_type() {
    use std::collections::HashSet;
    let all = Error::ALL;
    let codes: HashSet<_> = all.iter().map(|e| e.code()).collect();
    assert_eq!(codes.len(), all.len(), "codes are distinct");
    for &e in all {
        assert!(
            e.code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            e.code()
        );
        let shown = e.to_string();
        assert_eq!(shown, e.message());
        assert_eq!(shown, shown.to_lowercase());
        let _: &dyn std::error::Error = &e;
    }
    assert_eq!(size_of::<Error>(), 1);
    assert_eq!(Error::Expired.code(), "expired");
    assert_eq!(Error::InvalidSignature.code(), "invalid-signature");
    assert_eq!(Error::MalformedToken.code(), "malformed-token");
    assert_eq!(Error::DuplicateMember.code(), "duplicate-member");
    assert_eq!(Error::Expired.class(), ErrorClass::Claims);
}

/// Codes are promised never to change: every variant's code and class, in order, is pinned in
/// a golden file. A new variant adds a line; no line may change.
#[test]
fn error_codes_match_the_golden_file() {
    let golden = include_str!("../vectors/error-codes.txt");
    let expected: Vec<&str> = golden
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let actual: Vec<String> = Error::ALL
        .iter()
        .map(|e| format!("{} {}", e.code(), e.class().name()))
        .collect();
    assert_eq!(actual, expected, "tests/vectors/error-codes.txt");
}

/// The README's table of error codes is the error table itself: every code, its class and its
/// meaning, in order. `JWT_CORE_BLESS=1` rewrites the table after a new variant.
#[test]
fn the_readme_lists_every_error_code() {
    const START: &str = "<!-- error codes: generated from Error::ALL -->\n";
    const END: &str = "<!-- end of error codes -->";
    let mut table = String::from("| code | class | meaning |\n|---|---|---|\n");
    for e in Error::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code(),
            e.class().name(),
            e.message()
        ));
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(START)
        .expect("the README has the error-code markers")
        + START.len();
    let end = readme.find(END).unwrap();
    if std::env::var_os("JWT_CORE_BLESS").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "run with JWT_CORE_BLESS=1 to regenerate"
    );
}

/// An unsecured JWS (`alg` "none", empty signature) is refused as `algorithm-none` by every
/// entry point, whatever the case of "none": the header is read, as for every token, before
/// a missing signature is refused. A readable header for the key's algorithm without a
/// signature is an empty segment.
#[test]
fn an_unsecured_token_is_named_for_what_it_is() {
    let b64 = |json: &str| common::b64(json.as_bytes());
    let claims = b64(r#"{"exp":9}"#);
    for header in [
        r#"{"alg":"none"}"#,
        r#"{"alg":"NoNe","typ":"JWT"}"#,
        r#"{"alg":"n\u006fne"}"#,
    ] {
        let token = format!("{}.{claims}.", b64(header));
        assert_eq!(verify(&token), Err(Error::AlgorithmNone), "{header}");
        let mut buf = [0u8; 64];
        assert_eq!(
            UnverifiedHeader::dangerous_peek(token.as_bytes(), &Limits::new(), &mut buf)
                .unwrap_err(),
            Error::AlgorithmNone,
            "{header}"
        );
    }
    for (header, error) in [
        (r#"{"alg":"HS256"}"#, Error::EmptySegment),
        (r#"{"alg":"HS256","typ":"JWT"}"#, Error::EmptySegment),
        (r#"{"alg":"none","alg":"none"}"#, Error::DuplicateMember),
        ("[1]", Error::NotAnObject),
        (r#"{"alg":"ES256"}"#, Error::AlgorithmMismatch),
    ] {
        let token = format!("{}.{claims}.", b64(header));
        assert_eq!(verify(&token), Err(error), "{header}");
    }
}
