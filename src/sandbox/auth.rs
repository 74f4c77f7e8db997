//! Who may call the sandbox: the SCIM access token for `/scim/v2`, the admin key for
//! `/api/v1`. The live hashes are cached in memory so checking costs no query; a
//! token's use is written when the overlap rules need it, else at most once a minute.

use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use crate::scim::ScimError;

use super::api_error::ApiError;
use super::db::now;
use super::secrets;
use super::token::{LiveTokens, Slot};

/// Outside an overlap, a token's "last used" is written at most this often.
const TOUCH_EVERY_SECONDS: i64 = 60;

#[derive(Default)]
pub struct Auth {
    scim: RwLock<LiveTokens>,
    admin: RwLock<Option<Vec<u8>>>,
    /// When "last used" was last written, per slot (current, previous).
    last_touch: [AtomicI64; 2],
}

/// The credential from an `Authorization: Bearer …` header (scheme case-insensitive).
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
}

/// A valid SCIM request: which token it used, and whether that use must be
/// recorded now (`super::token::record_use`).
pub struct ScimAuth {
    pub slot: Slot,
    pub record: bool,
}

impl Auth {
    pub fn set_scim(&self, tokens: LiveTokens) {
        *self.scim.write().unwrap_or_else(|p| p.into_inner()) = tokens;
    }

    pub fn set_admin(&self, hash: Vec<u8>) {
        *self.admin.write().unwrap_or_else(|p| p.into_inner()) = Some(hash);
    }

    pub fn check_scim(&self, headers: &HeaderMap) -> Result<ScimAuth, ScimError> {
        let unauthorized = |detail: &str| ScimError::new(401, None, detail);
        let Some(presented) = bearer(headers) else {
            return Err(unauthorized(
                "authentication required: send Authorization: Bearer <SCIM access token>",
            ));
        };
        let tokens = self.scim.read().unwrap_or_else(|p| p.into_inner());
        let Some(current) = tokens.current.as_ref() else {
            return Err(unauthorized(
                "the token is not valid: SCIM is not enabled for this organization",
            ));
        };
        let now = now();
        let (slot, live) = if secrets::verify(presented, &current.hash) {
            (Slot::Current, current)
        } else if let Some(previous) = tokens
            .previous
            .as_ref()
            .filter(|p| secrets::verify(presented, &p.hash))
        {
            if previous.until <= now {
                return Err(unauthorized(
                    "the token is not valid: it was replaced, and its overlap has ended",
                ));
            }
            (Slot::Previous, previous)
        } else {
            return Err(unauthorized(
                "the token is not valid (revoked, regenerated or mistyped)",
            ));
        };
        if slot == Slot::Current && live.until <= now {
            return Err(unauthorized(
                "the token has expired; regenerate it and update your IdP",
            ));
        }
        // What the switch rule depends on is written at once; the rest at most
        // once a minute per token.
        let overlap = tokens.previous.is_some();
        let evidence_due = overlap
            && match slot {
                Slot::Previous => tokens.new_alone_since.is_some(),
                Slot::Current => match (tokens.new_alone_since, tokens.settle) {
                    (None, _) => true,
                    (Some(since), Some(settle)) => now.duration_since(since) >= settle,
                    (Some(_), None) => false,
                },
            };
        let secs = now.as_second();
        let touch = &self.last_touch[slot as usize];
        let last = touch.load(Ordering::Relaxed);
        let record = !live.first_used
            || evidence_due
            || (secs - last >= TOUCH_EVERY_SECONDS
                && touch
                    .compare_exchange(last, secs, Ordering::Relaxed, Ordering::Relaxed)
                    .is_ok());
        Ok(ScimAuth { slot, record })
    }

    /// Forgets when "last used" was written, so a new token's first use is recorded.
    pub fn reset_touch(&self) {
        for t in &self.last_touch {
            t.store(0, Ordering::Relaxed);
        }
    }

    pub fn check_admin(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let unauthorized = |m: &str| {
            ApiError::new(axum::http::StatusCode::UNAUTHORIZED, "unauthorized", m)
                .hint("send Authorization: Bearer <admin API key>; the sandbox prints a new key at each start and writes it to its ready file")
        };
        let presented = bearer(headers).ok_or_else(|| unauthorized("authentication required"))?;
        let guard = self.admin.read().unwrap_or_else(|p| p.into_inner());
        match guard.as_ref() {
            Some(hash) if secrets::verify(presented, hash) => Ok(()),
            _ => Err(unauthorized("the admin API key is not valid")),
        }
    }
}
