//! Time without a trusted clock, and the replay guard.

use std::collections::HashMap;

use jwt_core::{
    Error, Hs256Key, JtiStore, ReplayGuard, Required, SignHeader, Time, TimeClaims, TimeFloor,
    Validation,
};
use proptest::prelude::*;

use crate::common;

fn token(claims: &str) -> String {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut out = [0u8; 512];
    jwt_core::sign_json(&key, &SignHeader::new(), claims.as_bytes(), &mut out)
        .unwrap()
        .to_owned()
}

fn check(claims: &str, policy: &Validation<'_>, time: Time) -> Result<(), Error> {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = [0u8; 512];
    jwt_core::verify(token(claims).as_bytes(), &key, policy, time, &mut scratch).map(|_| ())
}

fn within(earliest: u64, latest: u64) -> Time {
    Time::Within { earliest, latest }
}

#[test]
fn an_interval_accepts_only_what_holds_at_every_instant() {
    let p = Validation::new();
    let exp = r#"{"exp":100}"#;
    assert_eq!(check(exp, &p, within(90, 99)), Ok(()));
    assert_eq!(
        check(exp, &p, within(90, 100)),
        Err(Error::FreshnessUnknown),
        "straddles exp"
    );
    assert_eq!(check(exp, &p, within(100, 110)), Err(Error::Expired));
    let nbf = r#"{"exp":1000,"nbf":100}"#;
    assert_eq!(check(nbf, &p, within(100, 200)), Ok(()));
    assert_eq!(
        check(nbf, &p, within(99, 100)),
        Err(Error::FreshnessUnknown),
        "straddles nbf"
    );
    assert_eq!(check(nbf, &p, within(50, 99)), Err(Error::NotYetValid));
    let iat = r#"{"exp":1000,"iat":100}"#;
    assert_eq!(
        check(iat, &p, within(95, 105)),
        Err(Error::FreshnessUnknown),
        "iat may be in the future"
    );
    let p_age = Validation::new().max_age(50);
    assert_eq!(check(iat, &p_age, within(120, 150)), Ok(()));
    assert_eq!(
        check(iat, &p_age, within(120, 151)),
        Err(Error::FreshnessUnknown)
    );
    assert_eq!(check(iat, &p_age, within(151, 160)), Err(Error::TooOld));
    // A rule that fails everywhere wins over one that depends on the instant.
    assert_eq!(
        check(r#"{"exp":100,"nbf":500}"#, &p, within(90, 110)),
        Err(Error::NotYetValid)
    );
    // An empty interval establishes nothing; an exact instant is the one-point interval.
    assert_eq!(check(exp, &p, within(10, 9)), Err(Error::FreshnessUnknown));
    for t in [0, 99, 100, u64::MAX] {
        assert_eq!(check(exp, &p, within(t, t)), check(exp, &p, Time::At(t)));
    }
}

#[test]
fn each_time_claim_has_its_own_leeway() {
    let p = Validation::new().exp_leeway(10).nbf_leeway(0).iat_leeway(5);
    assert_eq!(check(r#"{"exp":100}"#, &p, Time::At(109)), Ok(()));
    assert_eq!(
        check(r#"{"exp":100}"#, &p, Time::At(110)),
        Err(Error::Expired)
    );
    assert_eq!(
        check(r#"{"exp":1000,"nbf":101}"#, &p, Time::At(100)),
        Err(Error::NotYetValid)
    );
    assert_eq!(
        check(r#"{"exp":1000,"iat":105}"#, &p, Time::At(100)),
        Ok(())
    );
    assert_eq!(
        check(r#"{"exp":1000,"iat":106}"#, &p, Time::At(100)),
        Err(Error::IssuedInFuture)
    );
}

#[test]
fn the_floor_only_rises_and_never_past_the_ceiling() {
    let mut clock = TimeFloor::new(1_000, 100);
    assert_eq!(clock.time(), within(1_000, 1_100));
    let key = Hs256Key::new(common::SECRET).unwrap();
    let t = token(r#"{"exp":5000,"iat":1050}"#);
    let mut scratch = [0u8; 512];
    // An iat inside the interval may be in the future: learning from it needs an iat leeway.
    let strict = jwt_core::verify(
        t.as_bytes(),
        &key,
        &Validation::new(),
        clock.time(),
        &mut scratch,
    );
    assert_eq!(strict.unwrap_err(), Error::FreshnessUnknown);
    let v = jwt_core::verify(
        t.as_bytes(),
        &key,
        &Validation::new().iat_leeway(60),
        clock.time(),
        &mut scratch,
    )
    .unwrap();
    clock.raise_from(&v);
    assert_eq!(clock.floor(), 1_050);
    clock.raise_to(900);
    assert_eq!(clock.floor(), 1_050, "never backwards");
    clock.raise_to(u64::MAX);
    assert_eq!(
        clock.floor(),
        1_150,
        "a far-future iat moves the floor only to the ceiling"
    );
    clock.learn(2_000);
    assert_eq!(clock.time(), within(2_000, 2_100));
}

#[test]
fn backdated_time_claims_pass_a_verifier_whose_clock_is_behind() {
    #[derive(serde::Serialize)]
    struct Claims {
        sub: &'static str,
        #[serde(flatten)]
        time: TimeClaims,
    }
    let key = Hs256Key::new(common::SECRET).unwrap();
    let p = Validation::new().require(Required::EXP.and(Required::IAT).and(Required::NBF));
    for (backdate, verdict) in [(0, Err(Error::NotYetValid)), (5, Ok(()))] {
        let claims = Claims {
            sub: "dev",
            time: TimeClaims::new(1_000, 60).backdated(backdate),
        };
        let claims = if backdate == 0 {
            Claims {
                time: TimeClaims {
                    nbf: Some(1_000),
                    ..claims.time
                },
                ..claims
            }
        } else {
            claims
        };
        let mut out = [0u8; 512];
        let t = jwt_core::sign(&key, &SignHeader::new(), &claims, &mut out).unwrap();
        let mut scratch = [0u8; 512];
        // The verifier's clock is 3 s behind the signer's.
        let got = jwt_core::verify(t.as_bytes(), &key, &p, Time::At(997), &mut scratch).map(|_| ());
        assert_eq!(got, verdict, "backdated by {backdate}");
    }
}

fn once<const N: usize>(guard: &mut ReplayGuard<N>, claims: &str, time: Time) -> Result<(), Error> {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let mut scratch = [0u8; 512];
    let t = token(claims);
    jwt_core::verify_once(
        t.as_bytes(),
        &key,
        &Validation::new().require(Required::NONE),
        time,
        guard,
        &mut scratch,
    )
    .map(|_| ())
}

#[test]
fn the_guard_refuses_replays_until_expiry_and_fails_closed_when_full() {
    let mut guard = ReplayGuard::<2>::new(&[1; 32]);
    assert_eq!(
        once(&mut guard, r#"{"jti":"a","exp":100}"#, Time::At(10)),
        Ok(())
    );
    assert_eq!(
        once(&mut guard, r#"{"jti":"a","exp":100}"#, Time::At(11)),
        Err(Error::Replayed)
    );
    // The same jti by meaning, spelled with an escape.
    assert_eq!(
        once(&mut guard, r#"{"jti":"\u0061","exp":100}"#, Time::At(12)),
        Err(Error::Replayed)
    );
    assert_eq!(
        once(&mut guard, r#"{"jti":"b","exp":200}"#, Time::At(13)),
        Ok(())
    );
    // Full of live entries: refused, nothing forgotten.
    assert_eq!(
        once(&mut guard, r#"{"jti":"c","exp":300}"#, Time::At(14)),
        Err(Error::ReplayGuardFull)
    );
    assert_eq!(
        once(&mut guard, r#"{"jti":"a","exp":100}"#, Time::At(15)),
        Err(Error::Replayed)
    );
    // At 100 "a" has expired: its slot is free, and its token is refused as expired, not as
    // replayed, by the verification itself.
    assert_eq!(
        once(&mut guard, r#"{"jti":"c","exp":300}"#, Time::At(100)),
        Ok(())
    );
    assert_eq!(
        once(&mut guard, r#"{"jti":"a","exp":100}"#, Time::At(100)),
        Err(Error::Expired)
    );
    // Eviction by expiry, oldest first: at 200, "b" goes.
    assert_eq!(
        once(&mut guard, r#"{"jti":"d","exp":400}"#, Time::At(200)),
        Ok(())
    );
    assert_eq!(guard.len(), 2);
    // A token reused after its entry expired is refused by exp anyway.
    assert_eq!(
        once(&mut guard, r#"{"jti":"b","exp":200}"#, Time::At(250)),
        Err(Error::Expired)
    );
    // With an uncertain clock, entries are evicted only when certainly expired.
    let mut g = ReplayGuard::<1>::new(&[1; 32]);
    assert_eq!(
        once(&mut g, r#"{"jti":"x","exp":100}"#, within(10, 20)),
        Ok(())
    );
    assert_eq!(
        once(&mut g, r#"{"jti":"y","exp":100}"#, within(50, 60)),
        Err(Error::ReplayGuardFull)
    );
    // Once the interval starts after "x" expired, its entry goes.
    assert_eq!(
        once(&mut g, r#"{"jti":"z","exp":300}"#, within(150, 160)),
        Ok(())
    );
    assert_eq!((g.len(), g.is_empty()), (1, false));
    assert!(ReplayGuard::<1>::new(&[1; 32]).is_empty());
}

/// A store that keeps nothing and says nothing about `jti`-less tokens: the trait's default.
struct Forgetful;

impl JtiStore for Forgetful {
    fn check_and_remember(
        &mut self,
        _: jwt_core::JsonStr<'_>,
        _: u64,
        _: Time,
    ) -> Result<(), Error> {
        Ok(())
    }
}

#[test]
fn a_store_requires_jti_unless_it_says_otherwise() {
    let key = Hs256Key::new(common::SECRET).unwrap();
    let t = token(r#"{"exp":100}"#);
    let mut scratch = [0u8; 512];
    let got = jwt_core::verify_once(
        t.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(10),
        &mut Forgetful,
        &mut scratch,
    );
    assert_eq!(got.map(|_| ()), Err(Error::MissingClaim));
}

#[test]
fn a_jti_is_remembered_for_as_long_as_its_token_is_accepted() {
    // Accepted until exp + the exp leeway, so remembered until then too.
    let key = Hs256Key::new(common::SECRET).unwrap();
    let policy = Validation::new().exp_leeway(60);
    let t = token(r#"{"jti":"late","exp":1000}"#);
    let mut guard = ReplayGuard::<1>::new(&[4; 32]);
    for (now, outcome) in [
        (990, Ok(())),
        (1050, Err(Error::Replayed)),
        (1059, Err(Error::Replayed)),
        (1060, Err(Error::Expired)),
    ] {
        let mut scratch = [0u8; 512];
        let got = jwt_core::verify_once(
            t.as_bytes(),
            &key,
            &policy,
            Time::At(now),
            &mut guard,
            &mut scratch,
        );
        assert_eq!(got.map(|_| ()), outcome, "at {now}");
    }
}

#[test]
fn jti_is_required_unless_configured_and_revocation_wins() {
    let mut guard = ReplayGuard::<4>::new(&[2; 32]);
    assert_eq!(
        once(&mut guard, r#"{"exp":100}"#, Time::At(1)),
        Err(Error::MissingClaim)
    );
    let mut lax = ReplayGuard::<4>::new(&[2; 32]).allow_tokens_without_jti();
    assert_eq!(once(&mut lax, r#"{"exp":100}"#, Time::At(1)), Ok(()));
    guard.revoke("stolen", 500, Time::At(1)).unwrap();
    assert_eq!(
        once(&mut guard, r#"{"jti":"stolen","exp":100}"#, Time::At(2)),
        Err(Error::Revoked)
    );
    assert_eq!(
        once(&mut guard, r#"{"jti":"fine","exp":100}"#, Time::At(2)),
        Ok(())
    );
    guard.revoke("fine", 500, Time::At(3)).unwrap();
    assert_eq!(
        once(&mut guard, r#"{"jti":"fine","exp":100}"#, Time::At(4)),
        Err(Error::Revoked)
    );
    assert!(format!("{guard:?}").starts_with("ReplayGuard"));
}

/// The reference model: a map of jti to the time after which it is forgotten.
#[derive(Default)]
struct Model {
    seen: HashMap<u8, u64>,
}

impl Model {
    fn check(&mut self, jti: u8, until: u64, now: u64, capacity: usize) -> Result<(), Error> {
        self.seen.retain(|_, u| *u > now);
        if self.seen.contains_key(&jti) {
            return Err(Error::Replayed);
        }
        if self.seen.len() == capacity {
            return Err(Error::ReplayGuardFull);
        }
        self.seen.insert(jti, until);
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// For arbitrary sequences of tokens and times, the guard gives the model's verdicts.
    #[test]
    fn the_guard_matches_a_reference_model(steps in proptest::collection::vec((0u8..6, 1u64..40, 0u64..10), 1..60)) {
        let mut guard = ReplayGuard::<3>::new(&[3; 32]);
        let mut model = Model::default();
        let mut now = 0u64;
        for (jti, lifetime, advance) in steps {
            now += advance;
            let until = now + lifetime;
            let text = format!("j{jti}");
            let claims = format!(r#"{{"jti":"{text}"}}"#);
            let jti_str = jwt_core::check_claims_json(claims.as_bytes(), &jwt_core::Limits::new()).unwrap().jti().unwrap();
            let got = guard.check_and_remember(jti_str, until, Time::At(now));
            prop_assert_eq!(got, model.check(jti, until, now, 3));
        }
    }
}
