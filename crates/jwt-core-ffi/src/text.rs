//! The names of statuses: a stable kebab-case code and a message, both static and
//! NUL-terminated, for any integer C passes (a status it stored, logged or received).

use core::ffi::c_char;

use crate::status::{TEXTS, jwt_status};

/// The stable kebab-case code of `status` (`"expired"`, `"null-pointer"`, …): the same text as
/// the Rust `Error::code`, safe to log and to match on. `"unknown-error"` for a value this
/// library does not define. Never NULL; the string is static.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_error_code(status: i32) -> *const c_char {
    entry(status).1.as_ptr()
}

/// A short English message for `status` (`"token has expired"`): static, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_error_message(status: i32) -> *const c_char {
    entry(status).2.as_ptr()
}

fn entry(
    status: i32,
) -> &'static (
    jwt_status,
    &'static core::ffi::CStr,
    &'static core::ffi::CStr,
) {
    let unknown = jwt_status::JWT_ERR_UNKNOWN_ERROR;
    // `as i32` reads a fieldless `repr(C)` enum's discriminant, which is what C holds.
    #[allow(clippy::as_conversions, reason = "a repr(C) enum's discriminant")]
    let found = TEXTS.iter().find(|(s, _, _)| *s as i32 == status);
    found
        .or_else(|| TEXTS.iter().find(|(s, _, _)| *s == unknown))
        .unwrap_or(&(
            jwt_status::JWT_ERR_UNKNOWN_ERROR,
            c"unknown-error",
            c"unknown error",
        ))
}

#[cfg(test)]
mod tests {
    use core::ffi::CStr;

    use super::*;

    #[allow(
        clippy::as_conversions,
        reason = "a repr(C) enum's discriminant, as C holds it"
    )]
    const fn value(status: jwt_status) -> i32 {
        status as i32
    }

    fn code(status: i32) -> &'static str {
        // SAFETY: `jwt_error_code` returns a static NUL-terminated string.
        unsafe { CStr::from_ptr(jwt_error_code(status)) }
            .to_str()
            .unwrap_or_default()
    }

    #[test]
    fn codes_are_the_core_codes_and_unknown_values_have_one_too() {
        assert_eq!(code(0), "ok");
        assert_eq!(
            code(value(jwt_status::JWT_ERR_EXPIRED)),
            jwt_core::Error::Expired.code()
        );
        assert_eq!(
            code(value(jwt_status::JWT_ERR_NULL_POINTER)),
            "null-pointer"
        );
        assert_eq!(code(-1), "unknown-error");
        assert_eq!(code(99), "unknown-error");
    }
}
