//! The SCIM access token's life in the sandbox: issuing, the overlap after a
//! rotation (two valid tokens for a while), recording each token's use, and
//! ending the overlap — when it runs out, when an admin revokes the previous
//! token, or when the IdP has switched (docs/admin-api.md, "Rotating without an
//! outage").
//!
//! The switch rule is what keeps a rotation from breaking provisioning: a
//! validation call (Entra's `validateCredentials`, Okta's Test API Credentials)
//! spends the new token while the IdP still holds the old one, so one use of the
//! new token proves nothing. The previous token is revoked for a switch only
//! when the new token has been used over at least `settle_seconds` and the
//! previous one not once in that time.

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, params};

use crate::admin::model::{
    DEFAULT_SETTLE_SECONDS, IssuedToken, MAX_OVERLAP_SECONDS, OverlapEnd, PreviousToken,
    RegenerateRequest, TokenInfo, fingerprint_of_hash,
};
use crate::secret::Secret;

use super::api_error::ApiError;
use super::db::now;
use super::org::stored_time;
use super::secrets;

/// How long an access token lives (product rule: one year).
pub const TOKEN_LIFETIME_DAYS: i64 = 365;

/// The tokens the SCIM API accepts, for the request path.
#[derive(Debug, Clone, Default)]
pub struct LiveTokens {
    pub current: Option<Live>,
    /// The replaced token, while its overlap lasts.
    pub previous: Option<Live>,
    /// While an overlap lasts: how long the new token must be used alone.
    pub settle: Option<SignedDuration>,
    /// While an overlap lasts: see `PreviousToken::new_token_alone_since`.
    pub new_alone_since: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct Live {
    pub hash: Vec<u8>,
    /// When the service stops accepting it (expiry, or the overlap's end).
    pub until: Timestamp,
    pub first_used: bool,
}

/// Which of the two tokens a request presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Current,
    Previous,
}

/// The org row's token columns.
struct Row {
    hash: Option<Vec<u8>>,
    created: Option<String>,
    expires: Option<String>,
    first_used: Option<String>,
    last_used: Option<String>,
    prev_hash: Option<Vec<u8>>,
    prev_created: Option<String>,
    prev_expires: Option<String>,
    prev_valid_until: Option<String>,
    prev_first_used: Option<String>,
    prev_last_used: Option<String>,
    prev_ended: Option<String>,
    prev_end_reason: Option<String>,
    settle_seconds: Option<i64>,
    new_alone_since: Option<String>,
}

fn row(conn: &Connection) -> Result<Option<Row>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT token_hash, token_created, token_expires, token_first_used, token_last_used,
                    prev_hash, prev_created, prev_expires, prev_valid_until, prev_first_used,
                    prev_last_used, prev_ended, prev_end_reason, settle_seconds, new_alone_since
             FROM org WHERE scim_enabled = 1",
            [],
            |r| {
                Ok(Row {
                    hash: r.get(0)?,
                    created: r.get(1)?,
                    expires: r.get(2)?,
                    first_used: r.get(3)?,
                    last_used: r.get(4)?,
                    prev_hash: r.get(5)?,
                    prev_created: r.get(6)?,
                    prev_expires: r.get(7)?,
                    prev_valid_until: r.get(8)?,
                    prev_first_used: r.get(9)?,
                    prev_last_used: r.get(10)?,
                    prev_ended: r.get(11)?,
                    prev_end_reason: r.get(12)?,
                    settle_seconds: r.get(13)?,
                    new_alone_since: r.get(14)?,
                })
            },
        )
        .optional()?)
}

fn time(text: &Option<String>) -> Result<Option<Timestamp>, ApiError> {
    text.as_deref().map(stored_time).transpose()
}

impl Row {
    /// The previous token's state at `at`: its end (time and reason) if it has ended.
    fn previous_end(&self, at: Timestamp) -> Result<Option<(Timestamp, OverlapEnd)>, ApiError> {
        if let Some(ended) = time(&self.prev_ended)? {
            let reason = match self.prev_end_reason.as_deref() {
                Some("idp_switched") => OverlapEnd::IdpSwitched,
                Some("revoked") => OverlapEnd::Revoked,
                _ => OverlapEnd::OverlapOver,
            };
            return Ok(Some((ended, reason)));
        }
        let (Some(until), Some(expires)) =
            (time(&self.prev_valid_until)?, time(&self.prev_expires)?)
        else {
            return Ok(None);
        };
        Ok(if expires <= until && expires <= at {
            Some((expires, OverlapEnd::Expired))
        } else if until <= at {
            Some((until, OverlapEnd::OverlapOver))
        } else {
            None
        })
    }

    fn overlap_active(&self, at: Timestamp) -> Result<bool, ApiError> {
        Ok(self.prev_hash.is_some() && self.previous_end(at)?.is_none())
    }
}

/// The tokens the SCIM API accepts now.
pub fn live_tokens(conn: &Connection) -> Result<LiveTokens, ApiError> {
    let Some(r) = row(conn)? else {
        return Ok(LiveTokens::default());
    };
    let at = now();
    let current = match (&r.hash, time(&r.expires)?) {
        (Some(hash), Some(until)) => Some(Live {
            hash: hash.clone(),
            until,
            first_used: r.first_used.is_some(),
        }),
        _ => None,
    };
    if !r.overlap_active(at)? {
        return Ok(LiveTokens {
            current,
            ..LiveTokens::default()
        });
    }
    let until = time(&r.prev_valid_until)?
        .into_iter()
        .chain(time(&r.prev_expires)?)
        .min()
        .unwrap_or(at);
    Ok(LiveTokens {
        current,
        previous: r.prev_hash.clone().map(|hash| Live {
            hash,
            until,
            first_used: r.prev_first_used.is_some(),
        }),
        settle: Some(SignedDuration::from_secs(
            r.settle_seconds.unwrap_or(DEFAULT_SETTLE_SECONDS as i64),
        )),
        new_alone_since: time(&r.new_alone_since)?,
    })
}

/// The current token, as `GET /scim` shows it.
pub fn current_info(
    conn: &Connection,
) -> Result<(Option<TokenInfo>, Option<PreviousToken>), ApiError> {
    let Some(r) = row(conn)? else {
        return Ok((None, None));
    };
    let at = now();
    let current = match (&r.hash, time(&r.created)?, time(&r.expires)?) {
        (Some(hash), Some(created_at), Some(expires_at)) => Some(TokenInfo {
            created_at,
            expires_at,
            first_used_at: time(&r.first_used)?,
            last_used_at: time(&r.last_used)?,
            expired: expires_at <= at,
            fingerprint: fingerprint_of_hash(hash),
        }),
        _ => None,
    };
    let previous = match (
        &r.prev_hash,
        time(&r.prev_created)?,
        time(&r.prev_expires)?,
        time(&r.prev_valid_until)?,
    ) {
        (Some(hash), Some(created_at), Some(expires_at), Some(valid_until)) => {
            let end = r.previous_end(at)?;
            Some(PreviousToken {
                created_at,
                expires_at,
                valid_until,
                first_used_at: time(&r.prev_first_used)?,
                last_used_at: time(&r.prev_last_used)?,
                fingerprint: fingerprint_of_hash(hash),
                valid: end.is_none(),
                ended_at: end.map(|(t, _)| t),
                end_reason: end.map(|(_, why)| why),
                settle_seconds: r
                    .settle_seconds
                    .unwrap_or(DEFAULT_SETTLE_SECONDS as i64)
                    .unsigned_abs(),
                new_token_alone_since: time(&r.new_alone_since)?,
            })
        }
        _ => None,
    };
    Ok((current, previous))
}

/// Mints a token and makes it the current one, forgetting any previous token.
pub fn issue(tx: &Connection, scim_base_url: &str) -> Result<IssuedToken, ApiError> {
    tx.execute(
        "UPDATE org SET prev_hash = NULL, prev_created = NULL, prev_expires = NULL, prev_valid_until = NULL,
         prev_first_used = NULL, prev_last_used = NULL, prev_ended = NULL, prev_end_reason = NULL,
         settle_seconds = NULL, new_alone_since = NULL",
        [],
    )?;
    replace_current(tx, scim_base_url)
}

fn replace_current(tx: &Connection, scim_base_url: &str) -> Result<IssuedToken, ApiError> {
    let token = secrets::mint(secrets::SCIM_TOKEN_PREFIX);
    let created = now();
    let expires = created
        .checked_add(SignedDuration::from_hours(24 * TOKEN_LIFETIME_DAYS))
        .map_err(|_| ApiError::internal("cannot compute the token's expiry"))?;
    tx.execute(
        "UPDATE org SET token_hash = ?1, token_created = ?2, token_expires = ?3, token_first_used = NULL,
         token_last_used = NULL, new_alone_since = NULL",
        params![secrets::hash(&token).to_vec(), crate::timestamp::rfc3339_ms(created), crate::timestamp::rfc3339_ms(expires)],
    )?;
    Ok(IssuedToken {
        idp: None,
        token: Secret::new(token),
        created_at: created,
        expires_at: expires,
        scim_base_url: scim_base_url.to_owned(),
        revoked_invites: None,
        previous_valid_until: None,
    })
}

/// `POST /scim/token`: a new token; with an overlap the current one stays valid
/// beside it. SCIM must be on (the caller checks).
pub fn regenerate(
    tx: &Connection,
    scim_base_url: &str,
    req: &RegenerateRequest,
) -> Result<IssuedToken, ApiError> {
    if req.overlap_seconds == 0 {
        if req.settle_seconds.is_some() {
            return Err(ApiError::bad_request(
                "invalid_value",
                "settle_seconds needs an overlap (overlap_seconds > 0)",
            ));
        }
        return issue(tx, scim_base_url);
    }
    if req.overlap_seconds > MAX_OVERLAP_SECONDS {
        return Err(ApiError::bad_request(
            "invalid_value",
            format!(
                "overlap_seconds is {}, more than the {MAX_OVERLAP_SECONDS} (7 days) the service grants",
                req.overlap_seconds
            ),
        )
        .hint("ask for at most 604800 seconds"));
    }
    let settle = req
        .settle_seconds
        .unwrap_or(DEFAULT_SETTLE_SECONDS.min(req.overlap_seconds));
    if settle == 0 || settle > req.overlap_seconds {
        return Err(ApiError::bad_request(
            "invalid_value",
            format!(
                "settle_seconds is {settle}; it must be at least 1 and at most overlap_seconds ({})",
                req.overlap_seconds
            ),
        ));
    }
    let Some(r) = row(tx)? else {
        return Err(ApiError::internal(
            "SCIM is on but the organization has no token row",
        ));
    };
    let at = now();
    let until = at
        .checked_add(SignedDuration::from_secs(req.overlap_seconds as i64))
        .map_err(|_| ApiError::internal("cannot compute the overlap's end"))?;
    if r.overlap_active(at)? {
        if r.first_used.is_some() {
            return Err(ApiError::conflict(
                "overlap_undecided",
                "a previous rotation's overlap is still running, and the IdP may hold either token: the current one has been used, and the IdP has not been seen switching to it",
            )
            .hint("wait until the status shows the switch, end the overlap (POST /api/v1/scim/token/revoke-previous) if the IdP has the current token, or regenerate without an overlap"));
        }
        // The current token was never used, so no IdP holds it: it is replaced,
        // and the previous token (which the IdP may hold) keeps its overlap,
        // now at least as long as asked.
        let kept_until = time(&r.prev_valid_until)?.map_or(until, |u| u.max(until));
        tx.execute(
            "UPDATE org SET prev_valid_until = ?1, settle_seconds = ?2",
            params![crate::timestamp::rfc3339_ms(kept_until), settle as i64],
        )?;
        let mut issued = replace_current(tx, scim_base_url)?;
        issued.previous_valid_until = Some(kept_until);
        return Ok(issued);
    }
    let expired = time(&r.expires)?.is_none_or(|e| e <= at);
    if expired {
        // An expired token can't be kept valid: there is nothing to overlap with.
        return issue(tx, scim_base_url);
    }
    tx.execute(
        "UPDATE org SET prev_hash = token_hash, prev_created = token_created, prev_expires = token_expires,
         prev_valid_until = ?1, prev_first_used = token_first_used, prev_last_used = token_last_used,
         prev_ended = NULL, prev_end_reason = NULL, settle_seconds = ?2",
        params![crate::timestamp::rfc3339_ms(until), settle as i64],
    )?;
    let mut issued = replace_current(tx, scim_base_url)?;
    issued.previous_valid_until = Some(until);
    Ok(issued)
}

/// `POST /scim/token/revoke-previous`: ends an overlap now.
pub fn revoke_previous(tx: &Connection) -> Result<PreviousToken, ApiError> {
    let r = row(tx)?;
    let active = match &r {
        Some(r) => r.overlap_active(now())?,
        None => false,
    };
    if !active {
        return Err(ApiError::conflict(
            "no_previous_token",
            "no previous token is valid: there is no overlap to end",
        )
        .hint("GET /api/v1/scim shows the tokens; a regeneration with overlap_seconds starts an overlap"));
    }
    end_previous(tx, OverlapEnd::Revoked)?;
    let (_, previous) = current_info(tx)?;
    previous.ok_or_else(|| ApiError::internal("the previous token vanished while it was revoked"))
}

fn end_previous(tx: &Connection, why: OverlapEnd) -> Result<(), ApiError> {
    let reason = match why {
        OverlapEnd::IdpSwitched => "idp_switched",
        OverlapEnd::Revoked => "revoked",
        OverlapEnd::OverlapOver | OverlapEnd::Expired => "overlap_over",
    };
    tx.execute(
        "UPDATE org SET prev_ended = ?1, prev_end_reason = ?2",
        params![crate::timestamp::rfc3339_ms(now()), reason],
    )?;
    Ok(())
}

/// Records a use of a token; returns whether what the request path caches
/// changed (a first use, the switch evidence, the previous token's end).
pub fn record_use(tx: &Connection, slot: Slot) -> Result<bool, ApiError> {
    let Some(r) = row(tx)? else {
        return Ok(false);
    };
    let at = now();
    let ts = crate::timestamp::rfc3339_ms(at);
    let overlap = r.overlap_active(at)?;
    let mut changed = false;
    match slot {
        Slot::Current => {
            changed |= r.first_used.is_none();
            tx.execute(
                "UPDATE org SET token_first_used = coalesce(token_first_used, ?1), token_last_used = ?1",
                [&ts],
            )?;
            if overlap {
                match time(&r.new_alone_since)? {
                    None => {
                        tx.execute("UPDATE org SET new_alone_since = ?1", [&ts])?;
                        changed = true;
                    }
                    Some(since) => {
                        let settle = SignedDuration::from_secs(
                            r.settle_seconds.unwrap_or(DEFAULT_SETTLE_SECONDS as i64),
                        );
                        if at.duration_since(since) >= settle {
                            end_previous(tx, OverlapEnd::IdpSwitched)?;
                            changed = true;
                        }
                    }
                }
            }
        }
        Slot::Previous => {
            if !overlap {
                return Ok(false);
            }
            changed |= r.prev_first_used.is_none() || r.new_alone_since.is_some();
            tx.execute(
                "UPDATE org SET prev_first_used = coalesce(prev_first_used, ?1), prev_last_used = ?1,
                 new_alone_since = NULL",
                [&ts],
            )?;
        }
    }
    Ok(changed)
}

/// Sandbox only: moves the current token's expiry, so expiry handling can be tried.
pub fn set_expiry(tx: &Connection, expires_at: &str) -> Result<(), ApiError> {
    let t: Timestamp = expires_at.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_value",
            format!("'{expires_at}' is not an RFC 3339 timestamp"),
        )
    })?;
    tx.execute(
        "UPDATE org SET token_expires = ?1",
        [crate::timestamp::rfc3339_ms(t)],
    )?;
    Ok(())
}

/// Forgets every token (SCIM is being disabled).
pub fn clear(tx: &Connection) -> Result<(), ApiError> {
    tx.execute(
        "UPDATE org SET token_hash = NULL, token_created = NULL, token_expires = NULL, token_first_used = NULL,
         token_last_used = NULL, prev_hash = NULL, prev_created = NULL, prev_expires = NULL,
         prev_valid_until = NULL, prev_first_used = NULL, prev_last_used = NULL, prev_ended = NULL,
         prev_end_reason = NULL, settle_seconds = NULL, new_alone_since = NULL",
        [],
    )?;
    Ok(())
}
