//! Hints for the usual mistakes, added to a refusal's explanation. A hint never changes the
//! verdict: the token is refused either way.

use jwt_core::Error;

use crate::keys::Material;

/// The explanation of a refusal, with a hint when the input looks like a usual mistake.
pub fn with_hint(
    message: String,
    error: Error,
    token: &[u8],
    material: Option<&Material>,
) -> String {
    match hint(error, token, material) {
        Some(hint) => format!("{message} (hint: {hint})"),
        None => message,
    }
}

fn hint(error: Error, token: &[u8], material: Option<&Material>) -> Option<&'static str> {
    let bearer = token
        .get(..7)
        .is_some_and(|start| start.eq_ignore_ascii_case(b"bearer "));
    if bearer {
        return Some(
            "the token starts with \"Bearer \": pass the token alone, without the Authorization scheme",
        );
    }
    let newline_in_key =
        matches!(material, Some(Material::KeyFile(bytes)) if bytes.ends_with(b"\n"));
    if error == Error::InvalidSignature && newline_in_key {
        return Some(
            "the key file ends with a newline, and every byte of it is the secret; if the secret \
             has none, write the file with printf '%s'",
        );
    }
    None
}
