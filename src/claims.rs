//! The registered claims (RFC 7519 §4.1), read from the pre-scanned claims set.

use crate::error::Error;
use crate::json::JsonStr;
use crate::json::{
    EscapedNames, Kind, Known, MemberReader, MemberValue, Value, for_each_array_string, lookup,
    scan_object,
};
use crate::numeric_date::{self, Date};

/// The registered claims of a token, type-checked.
///
/// Strings are [`JsonStr`]s: compared by meaning, readable without allocating. Times are
/// seconds since the epoch, already rounded toward the safe side.
#[derive(Clone, Copy, Debug, Default)]
pub struct RegisteredClaims<'a> {
    iss: Option<JsonStr<'a>>,
    sub: Option<JsonStr<'a>>,
    aud: Option<Audience<'a>>,
    exp: Option<u64>,
    nbf: Option<u64>,
    iat: Option<Date>,
    jti: Option<JsonStr<'a>>,
}

impl<'a> RegisteredClaims<'a> {
    /// `iss`, the issuer (RFC 7519 §4.1.1).
    #[must_use]
    pub const fn iss(&self) -> Option<JsonStr<'a>> {
        self.iss
    }
    /// `sub`, the subject (RFC 7519 §4.1.2).
    #[must_use]
    pub const fn sub(&self) -> Option<JsonStr<'a>> {
        self.sub
    }
    /// `aud`, the audience: one string or a non-empty array of strings (RFC 7519 §4.1.3).
    #[must_use]
    pub const fn aud(&self) -> Option<Audience<'a>> {
        self.aud
    }
    /// `exp`, the expiration time, rounded down (RFC 7519 §4.1.4).
    #[must_use]
    pub const fn exp(&self) -> Option<u64> {
        self.exp
    }
    /// `nbf`, the not-before time, rounded up (RFC 7519 §4.1.5).
    #[must_use]
    pub const fn nbf(&self) -> Option<u64> {
        self.nbf
    }
    /// `iat`, the issued-at time (RFC 7519 §4.1.6), rounded up: for "issued in the future",
    /// where the safe side is later.
    #[must_use]
    pub const fn iat(&self) -> Option<u64> {
        match self.iat {
            Some(date) => Some(date.up()),
            None => None,
        }
    }
    /// `iat` rounded down: for measuring a token's age (`max_age`) and for raising a
    /// [`TimeFloor`](crate::TimeFloor), where the safe side is earlier. A token issued at
    /// `100.5` is more than 100 seconds old at `200.6`.
    #[must_use]
    pub const fn iat_rounded_down(&self) -> Option<u64> {
        match self.iat {
            Some(date) => Some(date.down()),
            None => None,
        }
    }
    /// `jti`, the token's unique identifier (RFC 7519 §4.1.7), for replay checks.
    #[must_use]
    pub const fn jti(&self) -> Option<JsonStr<'a>> {
        self.jti
    }
}

/// The `aud` claim: a single string or an array of strings.
#[derive(Clone, Copy, Debug)]
pub struct Audience<'a> {
    value: Value<'a>,
}

impl<'a> Audience<'a> {
    /// Whether any audience equals `name`, by meaning.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        let mut found = false;
        self.for_each(|a| found |= a == name);
        found
    }

    /// Calls `f` with each audience, in order.
    pub fn for_each(&self, mut f: impl FnMut(JsonStr<'a>)) {
        if let Some(single) = self.value.as_json_str() {
            f(single);
        } else {
            // Validated when the claims were read, so this cannot fail.
            let _ = for_each_array_string(self.value.raw, Error::InvalidClaim, |a| {
                f(a);
                Ok(())
            });
        }
    }
}

/// Checks claims JSON as verification would — one JSON object, no duplicate members, nesting
/// within `limits`, registered claims of the right types — and returns the registered claims.
///
/// Nothing is authenticated here: use it on JSON you are about to sign, or to lint your own
/// data, never to read a token.
///
/// ```
/// use jwt_core::{Error, Limits};
/// let claims = jwt_core::check_claims_json(br#"{"sub":"a","exp":1.5}"#, &Limits::new())?;
/// assert_eq!(claims.exp(), Some(1));
/// assert_eq!(jwt_core::check_claims_json(br#"{"exp":"1"}"#, &Limits::new()).unwrap_err(), Error::InvalidNumericDate);
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// The JSON or claims error verification would report.
pub fn check_claims_json<'a>(
    json: &'a [u8],
    limits: &crate::limits::Limits,
) -> Result<RegisteredClaims<'a>, Error> {
    parse(json, limits.depth)
}

/// Pre-scans the claims JSON and type-checks the registered claims.
pub(crate) fn parse(json: &[u8], max_depth: usize) -> Result<RegisteredClaims<'_>, Error> {
    let mut c = RegisteredClaims::default();
    scan_object(json, max_depth, |name, value| match Registered::of(name) {
        Some(claim) => read_registered(&mut c, claim, MemberValue::Text(value)),
        None => Ok(()),
    })?;
    Ok(c)
}

/// The registered claims as the one-pass reader and the checking serializer meet them: each
/// name recognised once, and its value read by [`read_registered`].
impl<'a> MemberReader<'a> for RegisteredClaims<'a> {
    // Inlined into the reader, which calls these once per member.
    #[inline]
    fn recognise(&self, name: JsonStr<'_>) -> Option<Known> {
        Registered::of(name).map(Registered::known)
    }

    #[inline]
    fn read(&mut self, known: Known, value: MemberValue<'a>) -> Result<(), Error> {
        match Registered::of_known(known) {
            Some(claim) => read_registered(self, claim, value),
            None => Ok(()),
        }
    }
}

/// The registered claims' types checked, nothing kept: a claims set being signed.
#[derive(Debug)]
pub(crate) struct CheckTypes;

impl MemberReader<'_> for CheckTypes {
    // Inlined into the serializer's hooks, which call these once per member.
    #[inline]
    fn recognise(&self, name: JsonStr<'_>) -> Option<Known> {
        Registered::of(name).map(Registered::known)
    }

    #[inline]
    fn read(&mut self, known: Known, value: MemberValue<'_>) -> Result<(), Error> {
        RegisteredClaims::default().read(known, value)
    }
}

/// Type-checks the value of the registered claim `claim` and keeps it in `c`: the one home of
/// the registered claims' types, for reading and for signing.
fn read_registered<'a>(
    c: &mut RegisteredClaims<'a>,
    claim: Registered,
    value: MemberValue<'a>,
) -> Result<(), Error> {
    match claim {
        Registered::Exp => c.exp = Some(date(value)?.down()),
        Registered::Nbf => c.nbf = Some(date(value)?.up()),
        Registered::Iat => c.iat = Some(date(value)?),
        Registered::Iss => c.iss = Some(value.as_json_str().ok_or(Error::InvalidClaim)?),
        Registered::Sub => c.sub = Some(value.as_json_str().ok_or(Error::InvalidClaim)?),
        Registered::Jti => c.jti = Some(value.as_json_str().ok_or(Error::InvalidClaim)?),
        Registered::Aud => {
            let MemberValue::Text(value) = value else {
                return Err(Error::InvalidClaim);
            };
            let ok = match value.kind {
                Kind::String => true,
                Kind::Array => {
                    for_each_array_string(value.raw, Error::InvalidClaim, |_| Ok(()))? > 0
                }
                _ => false,
            };
            if !ok {
                return Err(Error::InvalidClaim);
            }
            c.aud = Some(Audience { value });
        }
    }
    Ok(())
}

/// The registered claim names this module reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Registered {
    Exp,
    Nbf,
    Iat,
    Iss,
    Sub,
    Jti,
    Aud,
}

impl Registered {
    const ALL: [(&'static str, Self); 7] = [
        ("exp", Self::Exp),
        ("nbf", Self::Nbf),
        ("iat", Self::Iat),
        ("iss", Self::Iss),
        ("sub", Self::Sub),
        ("jti", Self::Jti),
        ("aud", Self::Aud),
    ];

    /// Its number as a member the claims reader recognises: its place in [`Self::ALL`].
    fn known(self) -> Known {
        let index = match self {
            Self::Exp => 0,
            Self::Nbf => 1,
            Self::Iat => 2,
            Self::Iss => 3,
            Self::Sub => 4,
            Self::Jti => 5,
            Self::Aud => 6,
        };
        Known::new(index)
    }

    /// The claim numbered `known` by [`Self::known`].
    fn of_known(known: Known) -> Option<Self> {
        Self::ALL
            .get(usize::from(known.index()))
            .map(|&(_, claim)| claim)
    }

    /// Which registered claim a member name is, by meaning: `"\u0065xp"` is `exp`.
    ///
    /// Names written without escapes (nearly all) are matched as bytes by a compiled `match`,
    /// a quarter of a typical verify's member-name cost cheaper than the table walk of
    /// [`lookup`], which reads the rest; a unit test proves the two agree.
    fn of(name: JsonStr<'_>) -> Option<Self> {
        let found = match name.raw().as_bytes() {
            b"exp" => Self::Exp,
            b"nbf" => Self::Nbf,
            b"iat" => Self::Iat,
            b"iss" => Self::Iss,
            b"sub" => Self::Sub,
            b"jti" => Self::Jti,
            b"aud" => Self::Aud,
            _ => return Self::other(name),
        };
        Some(found)
    }

    /// [`Self::of`] for every other name: only one written with escapes can still be a
    /// registered claim. A call of its own, so the hot match needs no registers saved.
    #[inline(never)]
    fn other(name: JsonStr<'_>) -> Option<Self> {
        if !name.raw().as_bytes().contains(&b'\\') {
            return None;
        }
        lookup(name, &Self::ALL, EscapedNames::ByMeaning)
            .ok()
            .flatten()
    }
}

fn date(value: MemberValue<'_>) -> Result<Date, Error> {
    match value {
        MemberValue::Text(value) if value.kind == Kind::Number => numeric_date::parse(value.raw),
        MemberValue::Text(_) => Err(Error::InvalidNumericDate),
        MemberValue::Integer(n) => numeric_date::of_integer(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_match_agrees_with_the_table() {
        let names = [
            "exp",
            "nbf",
            "iat",
            "iss",
            "sub",
            "jti",
            "aud",
            "ex",
            "expp",
            "EXP",
            "",
            "a",
            "nbff",
            "\\u0065xp",
            "au\\u0064",
            "\\u0061ud2",
            "x",
        ];
        for raw in names {
            let name = JsonStr::from_validated(raw);
            let table = lookup(name, &Registered::ALL, EscapedNames::ByMeaning).unwrap();
            assert_eq!(Registered::of(name), table, "{raw}");
        }
    }

    #[test]
    fn each_claim_keeps_its_number() {
        for (_, claim) in Registered::ALL {
            assert_eq!(Registered::of_known(claim.known()), Some(claim));
        }
    }

    #[test]
    fn registered_names_are_recognised_by_meaning() {
        let c = parse(
            br#"{"\u0065xp":5,"n\u0062f":4,"ia\u0074":3,"\u0069ss":"i"}"#,
            8,
        )
        .unwrap();
        assert_eq!((c.exp(), c.nbf(), c.iat()), (Some(5), Some(4), Some(3)));
        assert!(c.iss().is_some_and(|i| i == "i"));
        assert_eq!(
            parse(br#"{"e\u0078p":"soon"}"#, 8).unwrap_err(),
            Error::InvalidNumericDate
        );
        assert_eq!(
            parse(br#"{"exp":1,"\u0065xp":2}"#, 8).unwrap_err(),
            Error::DuplicateMember
        );
        // Near misses are private claims.
        let c = parse(br#"{"expx":"a","ex":"b","EXP":"c","\u0065xpp":"d"}"#, 8).unwrap();
        assert_eq!(c.exp(), None);
    }
}
