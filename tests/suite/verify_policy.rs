//! Validation policy: time boundaries, issuer, audience, subject, type, required claims.
use crate::common;

use jwt_core::{Error, Hs256Key, Required, Time, Validation};

fn check(payload: &str, policy: &Validation<'_>, now: u64) -> Result<(), Error> {
    check_with_header(r#"{"alg":"HS256"}"#, payload, policy, now)
}

fn check_with_header(
    header: &str,
    payload: &str,
    policy: &Validation<'_>,
    now: u64,
) -> Result<(), Error> {
    let token = common::hs256(common::SECRET, header, payload);
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    jwt_core::verify(token.as_bytes(), &key, policy, Time::At(now), &mut scratch).map(|_| ())
}

#[test]
fn exp_and_nbf_boundaries_follow_rfc_7519() {
    let p = Validation::new();
    assert_eq!(check(r#"{"exp":100}"#, &p, 99), Ok(()));
    assert_eq!(
        check(r#"{"exp":100}"#, &p, 100),
        Err(Error::Expired),
        "now >= exp is expired"
    );
    let p = Validation::new().leeway(10);
    assert_eq!(check(r#"{"exp":100}"#, &p, 109), Ok(()));
    assert_eq!(check(r#"{"exp":100}"#, &p, 110), Err(Error::Expired));
    assert_eq!(
        check(r#"{"exp":1000,"nbf":110}"#, &p, 100),
        Ok(()),
        "nbf == now + leeway is valid"
    );
    assert_eq!(
        check(r#"{"exp":1000,"nbf":111}"#, &p, 100),
        Err(Error::NotYetValid)
    );
}

#[test]
fn arithmetic_saturates_at_the_edges() {
    let p = Validation::new().leeway(u64::MAX);
    assert_eq!(
        check(r#"{"exp":9223372036854775807}"#, &p, u64::MAX - 1),
        Ok(())
    );
    assert_eq!(
        check(
            r#"{"exp":0,"nbf":9223372036854775807,"iat":9223372036854775807}"#,
            &p,
            u64::MAX - 1
        ),
        Ok(())
    );
    let p = Validation::new().max_age(u64::MAX);
    assert_eq!(
        check(r#"{"exp":9223372036854775807,"iat":0}"#, &p, u64::MAX),
        Err(Error::Expired)
    );
    assert_eq!(
        check(
            r#"{"exp":9223372036854775807,"iat":0}"#,
            &p,
            9_000_000_000_000_000_000
        ),
        Ok(())
    );
}

#[test]
fn fractional_dates_round_toward_the_safe_side() {
    let p = Validation::new();
    assert_eq!(check(r#"{"exp":100.9}"#, &p, 99), Ok(()));
    assert_eq!(
        check(r#"{"exp":100.9}"#, &p, 100),
        Err(Error::Expired),
        "exp rounds down"
    );
    assert_eq!(
        check(r#"{"exp":1000,"nbf":100.1}"#, &p, 100),
        Err(Error::NotYetValid),
        "nbf rounds up"
    );
    assert_eq!(check(r#"{"exp":1000,"nbf":100.1}"#, &p, 101), Ok(()));
    assert_eq!(
        check(r#"{"exp":1000,"iat":100.1}"#, &p, 100),
        Err(Error::IssuedInFuture),
        "iat rounds up"
    );
    assert_eq!(check(r#"{"exp":1e3}"#, &p, 999), Ok(()));
}

#[test]
fn numeric_dates_must_be_non_negative_numbers_in_range() {
    let p = Validation::new();
    for bad in [
        r#"{"exp":"100"}"#,
        r#"{"exp":true}"#,
        r#"{"exp":null}"#,
        r#"{"exp":[100]}"#,
        r#"{"exp":{"t":100}}"#,
        r#"{"exp":-1}"#,
        r#"{"exp":1e400}"#,
        r#"{"exp":9223372036854775808}"#,
        r#"{"exp":1000,"nbf":"1"}"#,
        r#"{"exp":1000,"iat":"1"}"#,
    ] {
        assert_eq!(check(bad, &p, 0), Err(Error::InvalidNumericDate), "{bad}");
    }
}

#[test]
fn iat_in_the_future_and_maximum_age() {
    let p = Validation::new().leeway(5);
    assert_eq!(check(r#"{"exp":1000,"iat":105}"#, &p, 100), Ok(()));
    assert_eq!(
        check(r#"{"exp":1000,"iat":106}"#, &p, 100),
        Err(Error::IssuedInFuture)
    );
    let p = Validation::new().max_age(60);
    assert_eq!(check(r#"{"exp":1000,"iat":100}"#, &p, 160), Ok(()));
    assert_eq!(
        check(r#"{"exp":1000,"iat":100}"#, &p, 161),
        Err(Error::TooOld)
    );
    assert_eq!(
        check(r#"{"exp":1000}"#, &p, 100),
        Err(Error::MissingClaim),
        "a maximum age needs iat"
    );
}

#[test]
fn skipping_time_checks_is_explicit_and_keeps_type_checks() {
    let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, r#"{"exp":1}"#);
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = [0u8; 128];
    let p = Validation::new();
    assert!(
        jwt_core::verify(
            token.as_bytes(),
            &key,
            &p,
            Time::DangerouslySkipTimeChecks,
            &mut scratch
        )
        .is_ok()
    );
    let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, r#"{"exp":"1"}"#);
    let got = jwt_core::verify(
        token.as_bytes(),
        &key,
        &p,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    );
    assert_eq!(got.unwrap_err(), Error::InvalidNumericDate);
    let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, r#"{}"#);
    let got = jwt_core::verify(
        token.as_bytes(),
        &key,
        &p,
        Time::DangerouslySkipTimeChecks,
        &mut scratch,
    );
    assert_eq!(got.unwrap_err(), Error::MissingClaim);
}

#[test]
fn required_claims() {
    assert_eq!(
        check(r#"{}"#, &Validation::new(), 0),
        Err(Error::MissingClaim),
        "exp is required by default"
    );
    assert_eq!(
        check(r#"{}"#, &Validation::new().require(Required::NONE), 0),
        Ok(())
    );
    let all = Required::EXP
        | Required::NBF
        | Required::IAT
        | Required::ISS
        | Required::SUB
        | Required::JTI;
    let p = Validation::new().require(all);
    let full = r#"{"exp":10,"nbf":1,"iat":1,"iss":"i","sub":"s","jti":"j"}"#;
    assert_eq!(check(full, &p, 5), Ok(()));
    for drop in ["exp", "nbf", "iat", "iss", "sub", "jti"] {
        let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(full).unwrap();
        v.remove(drop);
        assert_eq!(
            check(&serde_json::to_string(&v).unwrap(), &p, 5),
            Err(Error::MissingClaim),
            "{drop}"
        );
    }
    let p = Validation::new().require(Required::AUD).audiences(&["a"]);
    assert_eq!(check(r#"{"exp":10}"#, &p, 5), Err(Error::MissingClaim));
}

#[test]
fn required_claims_by_name() {
    let registered = [
        ("iss", Required::ISS),
        ("sub", Required::SUB),
        ("aud", Required::AUD),
        ("exp", Required::EXP),
        ("nbf", Required::NBF),
        ("iat", Required::IAT),
        ("jti", Required::JTI),
    ];
    let mut all = Required::NONE;
    for (name, claim) in registered {
        assert_eq!(Required::from_name(name), Some(claim), "{name}");
        assert_eq!(claim.names().collect::<Vec<_>>(), [name]);
        all = all.and(claim);
    }
    for other in ["EXP", "ex", "expx", "", "typ", "kid"] {
        assert_eq!(Required::from_name(other), None, "{other}");
    }
    let names: Vec<_> = all.names().collect();
    assert_eq!(names, ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);
    assert_eq!(Required::NONE.names().count(), 0);
}

#[test]
fn issuers_are_a_set_compared_by_meaning() {
    let p = Validation::new().issuers(&["https://a.example", "https://b.example"]);
    assert_eq!(
        check(r#"{"exp":9,"iss":"https://b.example"}"#, &p, 0),
        Ok(())
    );
    assert_eq!(
        check(r#"{"exp":9,"iss":"https:\/\/a.example"}"#, &p, 0),
        Ok(()),
        "\\/ is /"
    );
    assert_eq!(
        check(r#"{"exp":9,"iss":"https://a.example/"}"#, &p, 0),
        Err(Error::InvalidIssuer)
    );
    assert_eq!(
        check(r#"{"exp":9,"iss":"https://a.exampl"}"#, &p, 0),
        Err(Error::InvalidIssuer)
    );
    assert_eq!(
        check(r#"{"exp":9,"iss":"HTTPS://A.EXAMPLE"}"#, &p, 0),
        Err(Error::InvalidIssuer)
    );
    assert_eq!(check(r#"{"exp":9}"#, &p, 0), Err(Error::MissingClaim));
    assert_eq!(
        check(r#"{"exp":9,"iss":["https://a.example"]}"#, &p, 0),
        Err(Error::InvalidClaim)
    );
    assert_eq!(
        check(r#"{"exp":9,"iss":7}"#, &Validation::new(), 0),
        Err(Error::InvalidClaim)
    );
}

#[test]
fn audience_is_any_of_and_never_ignored() {
    let p = Validation::new().audiences(&["api", "device-42"]);
    assert_eq!(check(r#"{"exp":9,"aud":"device-42"}"#, &p, 0), Ok(()));
    assert_eq!(check(r#"{"exp":9,"aud":["x","api"]}"#, &p, 0), Ok(()));
    assert_eq!(
        check(r#"{"exp":9,"aud":["x","dev\u0069ce-42"]}"#, &p, 0),
        Ok(())
    );
    assert_eq!(
        check(r#"{"exp":9,"aud":["x","y"]}"#, &p, 0),
        Err(Error::InvalidAudience)
    );
    assert_eq!(
        check(r#"{"exp":9,"aud":"device-4"}"#, &p, 0),
        Err(Error::InvalidAudience)
    );
    assert_eq!(
        check(r#"{"exp":9}"#, &p, 0),
        Err(Error::InvalidAudience),
        "missing aud when one is expected"
    );
    assert_eq!(
        check(r#"{"exp":9,"aud":[]}"#, &p, 0),
        Err(Error::InvalidClaim)
    );
    assert_eq!(
        check(r#"{"exp":9,"aud":["api",1]}"#, &p, 0),
        Err(Error::InvalidClaim)
    );
    assert_eq!(
        check(r#"{"exp":9,"aud":{"a":"api"}}"#, &p, 0),
        Err(Error::InvalidClaim)
    );
    assert_eq!(
        check(r#"{"exp":9,"aud":7}"#, &p, 0),
        Err(Error::InvalidClaim)
    );
    let none = Validation::new();
    assert_eq!(
        check(r#"{"exp":9,"aud":"api"}"#, &none, 0),
        Err(Error::UnexpectedAudience)
    );
    assert_eq!(check(r#"{"exp":9}"#, &none, 0), Ok(()));
}

#[test]
fn subject_and_type() {
    let p = Validation::new().subject("user-1");
    assert_eq!(check(r#"{"exp":9,"sub":"user-1"}"#, &p, 0), Ok(()));
    assert_eq!(
        check(r#"{"exp":9,"sub":"user-2"}"#, &p, 0),
        Err(Error::InvalidSubject)
    );
    assert_eq!(check(r#"{"exp":9}"#, &p, 0), Err(Error::MissingClaim));
    assert_eq!(
        check(r#"{"exp":9,"sub":1}"#, &p, 0),
        Err(Error::InvalidClaim)
    );

    let p = Validation::new().typ("JWT");
    let payload = r#"{"exp":9}"#;
    for ok in ["JWT", "jwt", "application/jwt", "Application/JWT"] {
        let header = format!(r#"{{"alg":"HS256","typ":"{ok}"}}"#);
        assert_eq!(check_with_header(&header, payload, &p, 0), Ok(()), "{ok}");
    }
    for bad in ["at+jwt", "JOSE", "text/jwt", "application/jwt+x"] {
        let header = format!(r#"{{"alg":"HS256","typ":"{bad}"}}"#);
        assert_eq!(
            check_with_header(&header, payload, &p, 0),
            Err(Error::UnexpectedType),
            "{bad}"
        );
    }
    assert_eq!(
        check_with_header(r#"{"alg":"HS256"}"#, payload, &p, 0),
        Err(Error::UnexpectedType)
    );
    let p = Validation::new().typ("application/at+jwt");
    assert_eq!(
        check_with_header(r#"{"alg":"HS256","typ":"at+JWT"}"#, payload, &p, 0),
        Ok(())
    );
}

#[test]
fn jti_is_exposed_for_replay_checks() {
    let token = common::hs256(
        common::SECRET,
        r#"{"alg":"HS256"}"#,
        r#"{"exp":9,"jti":"a\/1"}"#,
    );
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = [0u8; 128];
    let v = jwt_core::verify(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(0),
        &mut scratch,
    )
    .unwrap();
    let jti = v.claims().jti().unwrap();
    assert!(jti == "a/1");
    let mut buf = [0u8; 8];
    assert_eq!(jti.unescape_into(&mut buf).unwrap(), "a/1");
    assert_eq!(jti.raw(), r"a\/1");
}

#[test]
fn a_fractional_iat_rounds_to_the_safe_side_of_each_check() {
    let p = Validation::new().require(Required::NONE).max_age(100);
    // Issued in the future: 100.5 counts as 101.
    assert_eq!(
        check(r#"{"iat":100.5}"#, &p, 100),
        Err(Error::IssuedInFuture)
    );
    assert_eq!(check(r#"{"iat":100.5}"#, &p, 101), Ok(()));
    // Too old: 100.5 counts as 100, so at 201 the token is more than 100 s old.
    assert_eq!(check(r#"{"iat":100.5}"#, &p, 200), Ok(()));
    assert_eq!(check(r#"{"iat":100.5}"#, &p, 201), Err(Error::TooOld));
    assert_eq!(check(r#"{"iat":1005e-1}"#, &p, 201), Err(Error::TooOld));
    assert_eq!(check(r#"{"iat":101}"#, &p, 201), Ok(()));
}

#[test]
fn a_numeric_date_is_in_range_before_it_is_rounded() {
    let p = Validation::new().require(Required::NONE);
    for claim in ["exp", "nbf", "iat"] {
        for date in ["9223372036854775807.5", "9223372036854775807.000001"] {
            assert_eq!(
                check(&format!(r#"{{"{claim}":{date}}}"#), &p, 0),
                Err(Error::InvalidNumericDate),
                "{claim}: {date}"
            );
        }
        assert_ne!(
            check(&format!(r#"{{"{claim}":9223372036854775807}}"#), &p, 0),
            Err(Error::InvalidNumericDate),
            "{claim}: the maximum itself is a date"
        );
    }
}

#[test]
fn a_time_floor_learns_iat_rounded_down() {
    let token = common::hs256(common::SECRET, r#"{"alg":"HS256"}"#, r#"{"iat":1000.9}"#);
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = vec![0u8; jwt_core::scratch_len(token.as_bytes())];
    let policy = Validation::new().require(Required::NONE);
    let verified = jwt_core::verify(
        token.as_bytes(),
        &key,
        &policy,
        Time::At(2000),
        &mut scratch,
    )
    .unwrap();
    let mut floor = jwt_core::TimeFloor::new(0, 10_000);
    floor.raise_from(&verified);
    assert_eq!(floor.floor(), 1000, "only 1000 s is known to have passed");
}
