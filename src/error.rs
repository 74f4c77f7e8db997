//! The one place where errors become exit codes and `hint:` lines. Commands return
//! `anyhow::Error`; a [`UserError`] anywhere in its chain sets the exit code and
//! carries hints, everything else is a general failure (exit 1).

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// scimctl's exit codes; `scimctl help exit-codes` and the man page list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
    Cancelled = 3,
    Auth = 4,
    CredentialStore = 5,
    /// `token status --warn-within`: the token works but expires within the window.
    TokenExpiringSoon = 6,
    /// `token status`: the token is expired, revoked, missing or refused.
    TokenInvalid = 7,
    /// A listing printed what it got, but knows the server has more.
    Incomplete = 8,
    /// `--push okta`: Okta has no API for the app; a person must paste the token.
    PushManual = 9,
    /// `--wait-for-use`: the IdP was not seen using the new token in time.
    NotUsedYet = 10,
    /// Stopped by Ctrl-C (128 + SIGINT, as a shell reports it).
    Interrupted = 130,
}

impl Exit {
    /// Every exit code with its meaning, for `scimctl help exit-codes` and the man page.
    pub const ALL: [(Exit, &'static str); 12] = [
        (
            Exit::Success,
            "success (also an empty list, a rotation that was not due, and a closed stdout pipe)",
        ),
        (
            Exit::Failure,
            "failure: the service refused or could not be reached, a check failed, or an I/O error",
        ),
        (
            Exit::Usage,
            "usage or configuration error: bad flags, a malformed config file, a prompt needed but no terminal",
        ),
        (
            Exit::Cancelled,
            "cancelled: a confirmation was declined or the typed word did not match; nothing changed",
        ),
        (
            Exit::Auth,
            "authentication: no admin key or token, or the service answered 401/403",
        ),
        (
            Exit::CredentialStore,
            "credential store unavailable: the keyring is missing, locked or refused (a token already issued is printed)",
        ),
        (
            Exit::TokenExpiringSoon,
            "token status: the token works but expires within --warn-within",
        ),
        (
            Exit::TokenInvalid,
            "token status: the token is expired, revoked, missing or refused",
        ),
        (
            Exit::Incomplete,
            "users/groups list: what was listed is printed, but the server has more (its paging stopped early or ignores startIndex)",
        ),
        (
            Exit::PushManual,
            "token rotate/regenerate --push okta: Okta has no API for this app; the paste step is printed and the previous token stays valid (its overlap)",
        ),
        (
            Exit::NotUsedYet,
            "token rotate/regenerate --wait-for-use: the IdP was not seen using the new token in time; the previous token stays valid until its overlap ends",
        ),
        (
            Exit::Interrupted,
            "interrupted by Ctrl-C (simulate --load cleans up first; at a prompt nothing changed)",
        ),
    ];
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

/// An error the user can act on: what failed and why, the exit code, and hints.
#[derive(Debug)]
pub struct UserError {
    pub exit: Exit,
    pub message: String,
    pub hints: Vec<String>,
    /// The service's stable error code, when the service refused (`sso_not_strict`, …).
    pub code: Option<String>,
    /// The HTTP status of the refusal this error reports, for callers that
    /// act on it (a listing that falls back when a filter is refused).
    pub http_status: Option<u16>,
}

impl UserError {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        UserError {
            exit,
            message: message.into(),
            hints: Vec::new(),
            code: None,
            http_status: None,
        }
    }
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(Exit::Failure, message)
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    pub fn http_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// Prints `error: …`, the causes, and the hints to stderr; returns the exit code.
/// Every line is redacted and escaped: errors quote what servers said.
pub fn report(err: &anyhow::Error) -> ExitCode {
    use crate::term::for_stderr;
    let user = err.chain().find_map(|e| e.downcast_ref::<UserError>());
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {}", for_stderr(&err.to_string()));
    for cause in err.chain().skip(1) {
        let _ = writeln!(stderr, "  caused by: {}", for_stderr(&cause.to_string()));
    }
    if let Some(u) = user {
        for h in &u.hints {
            let _ = writeln!(stderr, "hint: {}", for_stderr(h));
        }
    }
    user.map(|u| u.exit).unwrap_or(Exit::Failure).into()
}

/// A write to stdout failed because the reader went away (`scimctl … | head`):
/// that ends the command quietly and successfully, as Unix tools do.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
