//! Text from a server on its way to a terminal: control characters (C0 but for
//! the ones a format allows, DEL, C1) and bidirectional overrides are shown as
//! visible escapes, so that a userName cannot clear the screen, set the window
//! title, plant a hyperlink or forge table cells. JSON output never goes through
//! here: it stays byte-exact.

use std::borrow::Cow;

/// Which layout characters a place may keep as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// A table cell or a field: nothing; a tab or newline would forge a cell.
    Nothing,
    /// A message on stderr: newlines (our own multi-line texts).
    Newlines,
}

/// Bidi embeddings, overrides and isolates, and the marks that reorder text.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn needs_escape(c: char, keep: Keep) -> bool {
    match c {
        '\n' => keep == Keep::Nothing,
        c if c.is_control() => true, // C0, DEL and C1
        c => is_bidi_control(c),
    }
}

/// `s` with every character a terminal would act on written as an escape
/// (`\x1b`, `\r`, `\u{202e}`), so that it is seen instead of obeyed.
pub fn escape(s: &str, keep: Keep) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c, keep)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c, keep) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A message for stderr: secrets masked, then control characters escaped.
pub fn for_stderr(s: &str) -> String {
    escape(&crate::secret::redact(s), Keep::Newlines).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_obey() {
        let hostile =
            "a\x1b[2J\x1b]0;title\x07\x1b]8;;https://x\x1b\\b\rc\x08\u{9b}31m\u{202e}d\te\nf\u{7f}";
        let cell = escape(hostile, Keep::Nothing);
        assert!(
            !cell.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "{cell}"
        );
        assert_eq!(
            cell,
            "a\\x1b[2J\\x1b]0;title\\x07\\x1b]8;;https://x\\x1b\\b\\rc\\x08\\x9b31m\\u{202e}d\\te\\nf\\x7f"
        );
        let msg = escape(hostile, Keep::Newlines);
        assert!(msg.contains("e\nf") && !msg.contains('\x1b'), "{msg}");
        assert!(matches!(
            escape("Ada Lovelace ✓", Keep::Nothing),
            Cow::Borrowed(_)
        ));
    }
}
