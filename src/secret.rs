//! A secret string (SCIM token, admin API key) that never prints itself: its
//! `Debug` and `Display` are redacted, so it cannot leak through logs, errors or
//! `{:?}` by accident. Reading it takes an explicit `expose()`.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it (a header, a store, the
    /// one time the user asked to see it).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Reads a secret from stdin (one line, surrounding whitespace trimmed).
pub fn read_stdin_secret(what: &str) -> anyhow::Result<Secret> {
    use crate::error::UserError;
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| UserError::usage(format!("cannot read the {what} from stdin: {e}")))?;
    let value = line.trim();
    if value.is_empty() {
        return Err(UserError::usage(format!("stdin held no {what}"))
            .hint(format!(
                "pipe the {what} in, e.g. `printenv SECRET_VAR | scimctl …`"
            ))
            .into());
    }
    Ok(Secret::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_formats_its_value() {
        let s = Secret::new("scimtok_abcdef0123456789");
        assert!(!format!("{s:?} {s} {s:#?}").contains("abcdef"));
        assert_eq!(s.expose(), "scimtok_abcdef0123456789");
    }
}
