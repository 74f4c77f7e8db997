//! What the service's status says about the tokens scimctl holds: which token a
//! local copy is, and whether the IdP has switched to the new one after a
//! rotation with an overlap. Both come from the admin API: a local copy is
//! matched by fingerprint, never spent on a SCIM request, so that scimctl's own
//! checks never count as the IdP's use of a token.

use jiff::Timestamp;
use serde::Serialize;

use crate::admin::model::{OverlapEnd, ScimStatus, fingerprint};
use crate::output;
use crate::secret::Secret;

/// Which of the service's tokens a local copy is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum LocalCopy {
    /// The service's current token, not expired.
    Works,
    /// The token a rotation replaced, still valid in its overlap.
    Previous {
        #[serde(with = "crate::timestamp::ms")]
        valid_until: Timestamp,
    },
    /// Not a token the service accepts.
    Refused { reason: String },
}

impl LocalCopy {
    pub fn describe(&self) -> String {
        match self {
            LocalCopy::Works => "yes: it is the service's current token (matched by fingerprint, without spending it)".into(),
            LocalCopy::Previous { valid_until } => format!(
                "until {}: it is the previous token, valid in its overlap; the service's current token is newer",
                output::when(*valid_until)
            ),
            LocalCopy::Refused { reason } => format!("no: {reason}"),
        }
    }
}

/// Which token `token` is, by the service's status.
pub fn local_copy(status: &ScimStatus, token: &Secret) -> LocalCopy {
    let mine = fingerprint(token);
    if let Some(current) = status.token.as_ref().filter(|t| t.fingerprint == mine) {
        return if current.expired {
            LocalCopy::Refused {
                reason: "it is the service's current token, and it has expired".into(),
            }
        } else {
            LocalCopy::Works
        };
    }
    match status
        .previous_token
        .as_ref()
        .filter(|p| p.fingerprint == mine)
    {
        Some(p) if p.valid => LocalCopy::Previous {
            valid_until: p.valid_until,
        },
        Some(p) => LocalCopy::Refused {
            reason: format!(
                "it is the replaced token, which ended {} ({})",
                p.ended_at.map(output::when).unwrap_or_default(),
                p.end_reason.map(OverlapEnd::describe).unwrap_or("ended")
            ),
        },
        None => LocalCopy::Refused {
            reason: format!(
                "the service's current token is a different one ({}, created {}): it was probably regenerated elsewhere",
                status
                    .token
                    .as_ref()
                    .map(|t| t.fingerprint.as_str())
                    .unwrap_or("none"),
                status
                    .token
                    .as_ref()
                    .map(|t| output::when(t.created_at))
                    .unwrap_or_default()
            ),
        },
    }
}

/// Where a rotation with an overlap stands: has the IdP switched?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Switch {
    /// No overlap: the current token is the only one.
    NoOverlap { new_token_used: bool },
    /// Both are valid and the new token has not been used.
    NewNotUsed,
    /// Both are valid and the previous token was used after the new one's
    /// first use: the IdP is still on the previous token (the new token's use
    /// was a validation call or a test).
    StillOnPrevious {
        #[serde(default, with = "crate::timestamp::ms_option")]
        previous_last_used_at: Option<Timestamp>,
    },
    /// Both are valid, and only the new token has been used since `since`.
    NewAlone {
        #[serde(with = "crate::timestamp::ms")]
        since: Timestamp,
        #[serde(with = "crate::timestamp::ms")]
        settles_at: Timestamp,
    },
    /// The service saw the IdP switch and revoked the previous token.
    Switched {
        #[serde(with = "crate::timestamp::ms")]
        at: Timestamp,
    },
    /// The overlap ended otherwise (its time ran out, or it was revoked).
    Ended {
        #[serde(default, with = "crate::timestamp::ms_option")]
        at: Option<Timestamp>,
        reason: Option<OverlapEnd>,
        new_token_used: bool,
    },
}

pub fn switch(status: &ScimStatus) -> Switch {
    let new_used = status
        .token
        .as_ref()
        .is_some_and(|t| t.first_used_at.is_some());
    let Some(p) = &status.previous_token else {
        return Switch::NoOverlap {
            new_token_used: new_used,
        };
    };
    if !p.valid {
        return match p.end_reason {
            Some(OverlapEnd::IdpSwitched) => Switch::Switched {
                at: p.ended_at.unwrap_or(p.valid_until),
            },
            reason => Switch::Ended {
                at: p.ended_at,
                reason,
                new_token_used: new_used,
            },
        };
    }
    match p.new_token_alone_since {
        Some(since) => Switch::NewAlone {
            since,
            settles_at: since
                .checked_add(jiff::SignedDuration::from_secs(p.settle_seconds as i64))
                .unwrap_or(since),
        },
        None if new_used => Switch::StillOnPrevious {
            previous_last_used_at: p.last_used_at,
        },
        None => Switch::NewNotUsed,
    }
}

impl Switch {
    /// Whether the IdP has been seen using the new token for real: the service
    /// decided it switched, or (no overlap) the new token has been used at all.
    pub fn idp_uses_new_token(&self) -> bool {
        match self {
            Switch::Switched { .. } => true,
            Switch::NoOverlap { new_token_used } | Switch::Ended { new_token_used, .. } => {
                *new_token_used
            }
            _ => false,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Switch::NoOverlap {
                new_token_used: true,
            } => "the token has been used".into(),
            Switch::NoOverlap {
                new_token_used: false,
            } => "the token has not been used yet".into(),
            Switch::NewNotUsed => {
                "still on the previous token: the new one has not been used yet".into()
            }
            Switch::StillOnPrevious {
                previous_last_used_at,
            } => format!(
                "still on the previous token (last used {}); the new token's use so far was a validation or a test",
                previous_last_used_at
                    .map(output::when)
                    .unwrap_or_else(|| "—".into())
            ),
            Switch::NewAlone { since, settles_at } => format!(
                "the IdP has used the new token since {} and not the previous one; the previous token is revoked after {} if that holds",
                output::when(*since),
                output::when(*settles_at)
            ),
            Switch::Switched { at } => format!(
                "the IdP switched to the new token; the previous token was revoked {}",
                output::when(*at)
            ),
            Switch::Ended {
                at,
                reason,
                new_token_used,
            } => format!(
                "the overlap ended {} ({}); the new token {}",
                at.map(output::when).unwrap_or_default(),
                reason.map(OverlapEnd::describe).unwrap_or("ended"),
                if *new_token_used {
                    "has been used"
                } else {
                    "has not been used yet"
                }
            ),
        }
    }
}
