//! A secret string (SCIM token, admin API key) that never prints itself: its
//! `Debug` and `Display` are redacted, so it cannot leak through logs, errors or
//! `{:?}` by accident. Reading it takes an explicit `expose()`. Every secret the
//! process holds is also remembered, so that [`redact`] can mask it (raw,
//! JSON-escaped or URL-encoded) in any text that reaches the user or a file.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Mutex, PoisonError};

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        let value = value.into();
        remember(&value);
        Secret(value)
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

/// What stands in for a secret in redacted text.
pub const MASK: &str = "<redacted>";

/// Shorter strings are not remembered: masking them would garble ordinary text
/// (and no real token or key is that short).
const MIN_REMEMBERED: usize = 8;
/// The process holds a handful of secrets; the cap keeps a bug from growing it.
const MAX_REMEMBERED: usize = 2048;

/// How our service's SCIM tokens and admin keys begin (so that secret scanners,
/// and [`redact`], can find them).
pub const SCIM_TOKEN_PREFIX: &str = "scimtok_";
pub const ADMIN_KEY_PREFIX: &str = "scimadm_";
/// Any run of these is masked even when it is not a secret this process knows,
/// or only a part of one.
const KNOWN_PREFIXES: [&str; 2] = [SCIM_TOKEN_PREFIX, ADMIN_KEY_PREFIX];

/// Every encoding of every secret remembered, longest first (so that a form that
/// contains another is masked whole).
static REMEMBERED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Every form in which a secret may come back: raw, JSON-escaped (also with every
/// character as `\uXXXX`), and percent-encoded (upper and lower case hex).
fn encodings(raw: &str) -> Vec<String> {
    let mut forms = vec![raw.to_owned()];
    if let Ok(json) = serde_json::to_string(raw) {
        forms.push(json[1..json.len() - 1].to_owned());
        forms.push(json[1..json.len() - 1].replace('/', "\\/"));
    }
    forms.push(
        raw.chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect(),
    );
    forms.push(
        raw.chars()
            .map(|c| format!("\\u{:04X}", c as u32))
            .collect(),
    );
    let pct: String = url::form_urlencoded::byte_serialize(raw.as_bytes()).collect();
    forms.push(pct.replace('+', "%20"));
    forms.push(pct.clone());
    forms.push(lowercase_hex(&pct));
    forms
}

/// `%2F` → `%2f`, leaving everything else as it is.
fn lowercase_hex(pct: &str) -> String {
    let mut out = String::with_capacity(pct.len());
    let mut rest = pct;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let esc = rest.get(i..i + 3).unwrap_or(&rest[i..]);
        out.push_str(&esc.to_ascii_lowercase());
        rest = &rest[i + esc.len()..];
    }
    out.push_str(rest);
    out
}

fn remember(raw: &str) {
    if raw.len() < MIN_REMEMBERED {
        return;
    }
    let mut known = REMEMBERED.lock().unwrap_or_else(PoisonError::into_inner);
    if known.len() >= MAX_REMEMBERED || known.iter().any(|k| k == raw) {
        return;
    }
    known.extend(encodings(raw));
    known.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    known.dedup();
}

/// `text` with every secret this process holds masked, in every encoding, and
/// any run of our services' token prefixes (a token this process never held, or
/// a part of one) masked too.
pub fn redact(text: &str) -> Cow<'_, str> {
    let known = REMEMBERED.lock().unwrap_or_else(PoisonError::into_inner);
    let mut out = Cow::Borrowed(text);
    for form in known.iter() {
        if out.contains(form.as_str()) {
            out = Cow::Owned(out.replace(form.as_str(), MASK));
        }
    }
    drop(known);
    for prefix in KNOWN_PREFIXES {
        if out.contains(prefix) {
            out = Cow::Owned(mask_prefixed(&out, prefix));
        }
    }
    if out.contains("://") && out.contains('@') {
        out = Cow::Owned(mask_userinfo(&out));
    }
    out
}

/// Masks the `user:password` of every URL in `text`.
fn mask_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        out.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let authority_end = rest
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            out.push_str(MASK);
            rest = &rest[at..];
        }
    }
    out.push_str(rest);
    out
}

/// Masks `prefix` and the token characters after it.
fn mask_prefixed(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        out.push_str(&rest[..i]);
        out.push_str(MASK);
        let after = &rest[i + prefix.len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A URL for a message: any `user:password@` in it is dropped.
pub fn without_userinfo(url: &str) -> Cow<'_, str> {
    let Some(scheme_end) = url.find("://") else {
        return Cow::Borrowed(url);
    };
    let authority_start = scheme_end + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority_start + i);
    match url[authority_start..authority_end].rfind('@') {
        Some(at) => Cow::Owned(format!(
            "{}{}",
            &url[..authority_start],
            &url[authority_start + at + 1..]
        )),
        None => Cow::Borrowed(url),
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

    #[test]
    fn redacts_every_encoding_and_partial_tokens() {
        let s = Secret::new("k3y/with+odd\"chars&more");
        let json = serde_json::to_string(s.expose()).unwrap();
        let pct: String = url::form_urlencoded::byte_serialize(s.expose().as_bytes()).collect();
        let escaped: String = s
            .expose()
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        for text in [
            format!("a {} b", s.expose()),
            format!("{{\"echo\":{json}}}"),
            format!("?t={pct}"),
            format!("?t={}", lowercase_hex(&pct)),
            format!("\"{escaped}\""),
        ] {
            let r = redact(&text);
            assert!(r.contains(MASK), "{text} → {r}");
            assert!(
                !r.contains("odd") && !r.contains("\\u006f\\u0064"),
                "{text} → {r}"
            );
        }
        assert_eq!(redact("nothing here"), "nothing here");
        // A token this process never held, and a cut-off one.
        let r = redact("it begins: {\"token\":\"scimtok_0123456789abcdef0123");
        assert!(!r.contains("0123456789"), "{r}");
        assert_eq!(
            redact("cannot reach https://bob:hunter2@host/scim (x@y)"),
            "cannot reach https://<redacted>@host/scim (x@y)"
        );
        assert_eq!(
            without_userinfo("https://bob:pw@host:8443/scim?x=@"),
            "https://host:8443/scim?x=@"
        );
        assert_eq!(without_userinfo("https://host/a@b"), "https://host/a@b");
    }
}
