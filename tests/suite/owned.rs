//! The `std` one-liners: owned claims and header out, exact errors, the clock read by the caller.

use jwt_core::{Error, Hs256Key, SignHeader, Time, Validation};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Claims {
    sub: String,
    exp: u64,
}

fn key(byte: u8) -> Hs256Key {
    Hs256Key::new(&[byte; 32]).unwrap()
}

#[test]
fn owned_round_trip_with_exact_errors() {
    let claims = Claims {
        sub: "a\"é".into(),
        exp: 100,
    };
    let header = SignHeader::new().kid("k\u{e9}");
    let token = jwt_core::sign_to_string(&key(1), &header, &claims).unwrap();
    assert_eq!(
        token.len(),
        jwt_core::signed_len(&key(1), &header, &claims).unwrap()
    );
    let (h, back) =
        jwt_core::verify_owned::<Claims, _>(&token, &key(1), &Validation::new(), Time::At(50))
            .unwrap();
    assert_eq!(back, claims);
    assert_eq!(
        (h.alg, h.typ.as_deref(), h.kid.as_deref(), h.cty),
        ("HS256", Some("JWT"), Some("k\u{e9}"), None)
    );
    let verdict = |key: &Hs256Key, time| {
        jwt_core::verify_owned::<Claims, _>(&token, key, &Validation::new(), time).map(|(_, c)| c)
    };
    assert_eq!(verdict(&key(1), Time::At(100)), Err(Error::Expired));
    assert_eq!(verdict(&key(2), Time::At(50)), Err(Error::InvalidSignature));
    #[derive(Deserialize, Debug)]
    #[expect(dead_code, reason = "only the shape matters")]
    struct Other {
        missing: u8,
    }
    assert_eq!(
        jwt_core::verify_owned::<Other, _>(&token, &key(1), &Validation::new(), Time::At(50))
            .map(|_| ())
            .unwrap_err(),
        Error::ClaimsMismatch
    );
    // The clock is read only where the caller says so: this token expired in 1970.
    assert_eq!(verdict(&key(1), Time::now()), Err(Error::Expired));
}
