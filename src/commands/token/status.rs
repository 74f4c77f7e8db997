//! `scimctl token status`: when the token was created and expires, when it was
//! first and last used, the previous token while a rotation's overlap runs and
//! whether the IdP has switched, where the local copy lives, and whether the
//! service accepts it (by fingerprint: the check never spends the token). With
//! `--warn-within`, CI gets distinct exit codes for "expiring soon" and "expired
//! or invalid".

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::admin::model::PreviousToken;
use crate::context::Context;
use crate::error::Exit;
use crate::output::{self, OutputFormat};
use crate::token_state::{self, LocalCopy, Switch};
use crate::units::{parse_window, show_window};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Show the token's age, expiry, use, overlap, local copy, and whether it works
///
/// Whether the local copy works is asked of the admin API (by fingerprint), so
/// the check never counts as the IdP's use of the token. While a rotation's
/// overlap runs, the previous token is shown too, with whether the IdP switched.
///
/// Exit codes: 0 the token is fine; 6 it works but expires within --warn-within;
/// 7 it is expired, revoked, refused, or SCIM is off.
///
/// Examples:
///   scimctl token status
///   scimctl token status --warn-within 30d -o json   # in CI
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct StatusArgs {
    /// Exit 6 when the token expires within this window (e.g. 30d, 2w, 12h)
    ///
    /// Example: scimctl token status --warn-within 30d || echo rotate soon
    #[arg(long, value_name = "DURATION", value_parser = parse_window)]
    pub warn_within: Option<Duration>,
}

#[derive(Debug, Serialize)]
struct Report {
    profile: crate::context::Setting<String>,
    scim_enabled: bool,
    idp: Option<String>,
    #[serde(default, with = "crate::timestamp::ms_option")]
    created_at: Option<jiff::Timestamp>,
    #[serde(default, with = "crate::timestamp::ms_option")]
    expires_at: Option<jiff::Timestamp>,
    days_left: Option<i64>,
    expired: Option<bool>,
    #[serde(default, with = "crate::timestamp::ms_option")]
    first_used_at: Option<jiff::Timestamp>,
    #[serde(default, with = "crate::timestamp::ms_option")]
    last_used_at: Option<jiff::Timestamp>,
    fingerprint: Option<String>,
    /// The token the last rotation replaced, while the service remembers it.
    previous_token: Option<PreviousToken>,
    /// Whether the IdP has switched to the current token.
    switch: Option<Switch>,
    local_copy: Option<crate::credentials::Place>,
    /// Why the local copy could not be read (no keyring on a CI runner, …): the
    /// service's answer above still stands, and so does the exit code.
    #[serde(skip_serializing_if = "Option::is_none")]
    local_copy_error: Option<String>,
    works: Option<LocalCopy>,
    warn_within: Option<String>,
    verdict: &'static str,
}

pub async fn run(ctx: &Context, args: StatusArgs) -> anyhow::Result<Exit> {
    let client = ctx.admin_client().await?;
    let status = client.status().await?;
    // What the service knows is the answer; a local copy that can't be read
    // (no keyring on a CI runner) only means it can't be tried.
    let (local, local_copy_error) = match ctx.scim_token().await {
        Ok(local) => (local, None),
        Err(e) => (None, Some(e.to_string())),
    };
    let works = match (&local, status.enabled) {
        (Some((token, _)), true) => Some(token_state::local_copy(&status, token)),
        _ => None,
    };
    let info = status.token.as_ref();
    let days_left = info.map(|t| output::days_until(t.expires_at));
    let expiring = match (info, args.warn_within) {
        (Some(t), Some(w)) => output::seconds_until(t.expires_at) <= w.as_secs() as i64,
        _ => false,
    };
    let (verdict, exit) = if !status.enabled {
        ("scim_off", Exit::TokenInvalid)
    } else if info.is_some_and(|t| t.expired) {
        ("expired", Exit::TokenInvalid)
    } else if matches!(works, Some(LocalCopy::Refused { .. })) {
        ("refused", Exit::TokenInvalid)
    } else if expiring {
        ("expiring_soon", Exit::TokenExpiringSoon)
    } else {
        ("ok", Exit::Success)
    };
    let report = Report {
        profile: ctx.profile.clone(),
        scim_enabled: status.enabled,
        idp: status.idp.clone(),
        created_at: info.map(|t| t.created_at),
        expires_at: info.map(|t| t.expires_at),
        days_left,
        expired: info.map(|t| t.expired),
        first_used_at: info.and_then(|t| t.first_used_at),
        last_used_at: info.and_then(|t| t.last_used_at),
        fingerprint: info.map(|t| t.fingerprint.clone()),
        previous_token: status.previous_token.clone(),
        switch: status.enabled.then(|| token_state::switch(&status)),
        local_copy: local.as_ref().map(|(_, source)| source.clone()),
        local_copy_error: local_copy_error.clone(),
        works: works.clone(),
        warn_within: args.warn_within.map(show_window),
        verdict,
    };
    if ctx.output == OutputFormat::Json {
        output::print_json(&report)?;
    } else {
        let mut rows = vec![("profile".to_owned(), report.profile.value.clone())];
        rows.push((
            "SCIM".into(),
            if status.enabled {
                format!("on ({})", status.idp.clone().unwrap_or_default())
            } else {
                "off".into()
            },
        ));
        if let Some(t) = info {
            rows.push(("created".into(), output::when(t.created_at)));
            rows.push((
                "expires".into(),
                format!(
                    "{} ({})",
                    output::when(t.expires_at),
                    output::relative(t.expires_at)
                ),
            ));
            rows.push(("first used".into(), used(t.first_used_at)));
            rows.push(("last used".into(), used(t.last_used_at)));
            rows.push(("fingerprint".into(), t.fingerprint.clone()));
        }
        if let Some(p) = &status.previous_token {
            let state = if p.valid {
                format!(
                    "valid until {} ({})",
                    output::when(p.valid_until),
                    output::relative(p.valid_until)
                )
            } else {
                format!(
                    "ended {} ({})",
                    p.ended_at.map(output::when).unwrap_or_default(),
                    p.end_reason
                        .map(crate::admin::model::OverlapEnd::describe)
                        .unwrap_or("ended")
                )
            };
            rows.push((
                "previous token".into(),
                format!("{} — {state}", p.fingerprint),
            ));
            rows.push(("previous: first used".into(), used(p.first_used_at)));
            rows.push(("previous: last used".into(), used(p.last_used_at)));
        }
        if let Some(sw) = &report.switch
            && status.previous_token.is_some()
        {
            rows.push(("IdP".into(), sw.describe()));
        }
        rows.push((
            "local copy".into(),
            report
                .local_copy
                .as_ref()
                .map_or_else(|| "none".to_owned(), ToString::to_string),
        ));
        rows.push((
            "works".into(),
            works
                .as_ref()
                .map(LocalCopy::describe)
                .unwrap_or_else(|| "not checked (no local copy, or SCIM off)".into()),
        ));
        output::print_fields(&rows, ctx.stdout_is_terminal)?;
        match verdict {
            "scim_off" => ctx.warn("SCIM is off: there is no token (`scimctl enable --idp …`)"),
            "expired" => ctx.warn("the token has expired: provisioning fails until you run `scimctl token regenerate` and paste the new token into the IdP"),
            "refused" => ctx.warn("the local copy is refused: the token was probably regenerated elsewhere; `scimctl token regenerate` issues a new one"),
            "expiring_soon" => ctx.warn(format!("the token expires within {}: `scimctl token rotate` renews it", report.warn_within.clone().unwrap_or_default())),
            _ => {}
        }
    }
    if let Some(e) = &local_copy_error {
        ctx.warn(format!(
            "the local copy of the token could not be read: {e}"
        ));
    }
    Ok(exit)
}

fn used(at: Option<jiff::Timestamp>) -> String {
    at.map(|l| format!("{} ({})", output::when(l), output::relative(l)))
        .unwrap_or_else(|| "never".into())
}
