//! The scopes a token grants: a `scope` string of space-separated names (RFC 8693 §4.2,
//! RFC 9068 §2.2.3) or an `scp` array of names.

use serde::Deserialize;

/// The granted scopes, read from the verified claims by the library's deserializer.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Scopes {
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    scp: Option<Vec<String>>,
}

impl Scopes {
    /// Whether `wanted` is granted by either claim.
    pub(crate) fn contains(&self, wanted: &str) -> bool {
        self.scope
            .as_deref()
            .is_some_and(|s| s.split(' ').any(|s| s == wanted))
            || self
                .scp
                .as_ref()
                .is_some_and(|list| list.iter().any(|s| s == wanted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_claim_grants_and_names_match_exactly() {
        let both = Scopes {
            scope: Some("read write".into()),
            scp: Some(vec!["admin".into()]),
        };
        assert!(both.contains("read") && both.contains("write") && both.contains("admin"));
        assert!(!both.contains("rea") && !both.contains("read write") && !both.contains(""));
        assert!(!Scopes::default().contains("read"));
    }
}
