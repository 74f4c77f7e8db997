//! Who may call the sandbox: the SCIM access token for `/scim/v2`, the admin key for
//! `/api/v1`. The live hashes are cached in memory so checking costs no query; the
//! token's "last used" time is written at most once a minute.

use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use crate::scim::ScimError;

use super::api_error::ApiError;
use super::db::now;
use super::org::TokenRecord;
use super::secrets;

const TOUCH_EVERY_SECONDS: i64 = 60;

#[derive(Default)]
pub struct Auth {
    scim: RwLock<Option<TokenRecord>>,
    admin: RwLock<Option<Vec<u8>>>,
    last_touch: AtomicI64,
}

/// The credential from an `Authorization: Bearer …` header (scheme case-insensitive).
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
}

pub enum ScimAuth {
    Ok,
    /// Valid, and "last used" is due to be written.
    OkTouch,
}

impl Auth {
    pub fn set_scim(&self, token: Option<TokenRecord>) {
        *self.scim.write().unwrap_or_else(|p| p.into_inner()) = token;
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
        let guard = self.scim.read().unwrap_or_else(|p| p.into_inner());
        let Some(live) = guard.as_ref() else {
            return Err(unauthorized(
                "the token is not valid: SCIM is not enabled for this organization",
            ));
        };
        if !secrets::verify(presented, &live.hash) {
            return Err(unauthorized(
                "the token is not valid (revoked, regenerated or mistyped)",
            ));
        }
        let now = now();
        if live.expires <= now {
            return Err(unauthorized(
                "the token has expired; regenerate it and update your IdP",
            ));
        }
        let secs = now.as_second();
        let last = self.last_touch.load(Ordering::Relaxed);
        if secs - last >= TOUCH_EVERY_SECONDS
            && self
                .last_touch
                .compare_exchange(last, secs, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            return Ok(ScimAuth::OkTouch);
        }
        Ok(ScimAuth::Ok)
    }

    /// Forgets when "last used" was written, so a new token's first use is recorded.
    pub fn reset_touch(&self) {
        self.last_touch.store(0, Ordering::Relaxed);
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
