//! Questions on the terminal. An answer is a typed line and Enter, never a
//! single keypress (typing `yes⏎` must not answer on `y` and leave `es` for the
//! shell); Ctrl-D cancels; each question names what it acts on. Asked on
//! stderr, read from stdin; only where `Context::can_prompt` allows.

use std::io::{BufRead, Write};

use crate::error::{Exit, UserError};

/// A typed line without its line ending, or `None` at end of input (Ctrl-D),
/// also after some typing: only Enter answers.
pub fn ask(question: &str) -> Result<Option<String>, UserError> {
    {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{question}");
        let _ = err.flush();
    }
    let mut line = String::new();
    let n = std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        UserError::new(
            Exit::Cancelled,
            format!("cancelled: cannot read the answer ({e}); nothing changed"),
        )
    })?;
    // `y` then Ctrl-D reaches end of input with "y" read and no Enter: that
    // is no answer, or the typed letter would act on its own.
    if n == 0 || !line.ends_with('\n') {
        eprintln!();
        return Ok(None);
    }
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
}

/// Yes or no, no by default: `y` or `yes` (any case) and Enter say yes; Ctrl-D
/// cancels.
pub fn confirm(question: &str) -> Result<bool, UserError> {
    match ask(&format!("{question} [y/N] "))? {
        None => Err(UserError::new(
            Exit::Cancelled,
            "cancelled (end of input); nothing changed",
        )),
        Some(a) => Ok(matches!(
            a.trim().to_ascii_lowercase().as_str(),
            "y" | "yes"
        )),
    }
}
