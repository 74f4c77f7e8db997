//! `scimctl token rotate`: renew the token when it is due, unattended, for CI —
//! with an overlap, a push into the IdP and a wait for proof of use, so that
//! provisioning never breaks on the way.

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::handover::{self, Handover, HandoverArgs};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::issued;
use crate::output::{self, OutputFormat};
use crate::token_state::{self, LocalCopy};
use crate::units::{parse_window, show_window};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Regenerate the token if it expires soon; do nothing otherwise (for CI)
///
/// Never prompts. When the token expires within --if-expiring-within (default 30d),
/// or has expired, a new one is issued and stored; otherwise nothing happens and the
/// exit code is 0. With --overlap the old token keeps working beside the new one;
/// --push puts the new one into the IdP; --wait-for-use waits until the IdP uses it.
/// While an overlap from an earlier rotation runs, rotate issues nothing: it pushes
/// and waits for the stored new token again (so a failed push can simply be re-run).
/// -o json says what happened; the token is printed only with --print-token.
///
/// Examples:
///   scimctl token rotate --if-expiring-within 30d -o json
///   scimctl token rotate --push entra --wait-for-use 2h -o json
///   scimctl token rotate --overlap 1d --print-token | push-token-to-idp
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct RotateArgs {
    /// Rotate only when the token expires within this window (e.g. 30d, 2w)
    ///
    /// Example: scimctl token rotate --if-expiring-within 2w
    #[arg(long, value_name = "DURATION", value_parser = parse_window, default_value = "30d")]
    pub if_expiring_within: Duration,
    /// Print the new token (alone on stdout, or in the JSON with -o json)
    ///
    /// Example: scimctl token rotate --print-token -o json
    #[arg(long)]
    pub print_token: bool,
    #[command(flatten)]
    pub handover: HandoverArgs,
}

#[derive(Debug, Serialize)]
struct Outcome {
    rotated: bool,
    /// An earlier rotation's overlap was running: nothing was issued, its new
    /// token was pushed and/or waited for again.
    resumed: bool,
    /// Why it rotated or not, for programs: `overlap_running`, `not_due`,
    /// `expired` or `due`; `reason` says it for people.
    reason_code: &'static str,
    reason: String,
    profile: crate::context::Setting<String>,
    window: String,
    #[serde(with = "crate::timestamp::ms")]
    expires_at: jiff::Timestamp,
    days_left: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::timestamp::ms_option"
    )]
    previous_valid_until: Option<jiff::Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stored_in: Option<crate::credentials::Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    works: Option<LocalCopy>,
    #[serde(flatten)]
    handover: Handover,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
}

pub async fn run(ctx: &Context, args: RotateArgs) -> anyhow::Result<Exit> {
    let request = args.handover.request()?;
    let client = ctx.admin_client().await?;
    let status = client.status().await?;
    let Some(current) = status.token.clone().filter(|_| status.enabled) else {
        return Err(
            UserError::failure("SCIM is off, so there is no token to rotate")
                .hint("`scimctl enable --idp …` turns it on")
                .into(),
        );
    };
    let window = args.if_expiring_within;
    let left = output::seconds_until(current.expires_at);
    let mut outcome = Outcome {
        rotated: false,
        resumed: false,
        reason_code: "",
        reason: String::new(),
        profile: ctx.profile.clone(),
        window: show_window(window),
        expires_at: current.expires_at,
        days_left: left.div_euclid(86_400),
        previous_valid_until: None,
        stored_in: None,
        works: None,
        handover: Handover::default(),
        token: None,
    };
    if let Some(previous) = status.previous_token.as_ref().filter(|p| p.valid) {
        // An earlier rotation is still in its overlap: issuing again could
        // revoke the token the IdP holds. Finish that one instead.
        outcome.previous_valid_until = Some(previous.valid_until);
        outcome.reason_code = "overlap_running";
        outcome.reason = format!(
            "an earlier rotation's overlap runs until {}: {}",
            output::when(previous.valid_until),
            token_state::switch(&status).describe()
        );
        if !args.handover.asks_anything() {
            report(ctx, &outcome)?;
            return Ok(Exit::Success);
        }
        let Some((token, source)) = ctx.scim_token().await? else {
            return Err(UserError::failure("an earlier rotation's overlap is running, and there is no local copy of its new token to push")
                .hint("`scimctl token revoke-previous` ends the overlap once the IdP has the new token; or regenerate without an overlap")
                .into());
        };
        let works = token_state::local_copy(&status, &token);
        if works != LocalCopy::Works {
            return Err(UserError::failure(format!(
                "an earlier rotation's overlap is running, and the local copy ({source}) is not the service's current token: {}",
                works.describe()
            ))
            .hint("`scimctl token status` shows both tokens")
            .into());
        }
        args.handover.preflight(ctx).await?;
        outcome.resumed = true;
        outcome.works = Some(works);
        outcome.handover =
            handover::hand_over(ctx, &client, &args.handover, &token, &status.scim_base_url).await;
        return finish(ctx, outcome);
    }
    if left > window.as_secs() as i64 && !current.expired {
        outcome.reason_code = "not_due";
        outcome.reason = format!(
            "not due: the token expires {} ({}), outside the {} window",
            output::when(current.expires_at),
            output::relative(current.expires_at),
            outcome.window
        );
        report(ctx, &outcome)?;
        return Ok(Exit::Success);
    }
    args.handover.preflight(ctx).await?;
    issued::env_token_warning(ctx);
    let (token, kept) = issued::issue(ctx, &client, issued::Ask::Regenerate(&request)).await?;
    outcome.rotated = true;
    outcome.reason_code = if current.expired { "expired" } else { "due" };
    outcome.reason = if current.expired {
        "the token had expired".to_owned()
    } else {
        format!(
            "the token expires {} ({}), within the {} window",
            output::when(current.expires_at),
            output::relative(current.expires_at),
            outcome.window
        )
    };
    outcome.expires_at = token.expires_at;
    outcome.days_left = output::days_until(token.expires_at);
    outcome.previous_valid_until = token.previous_valid_until;
    outcome.stored_in = Some(kept.stored_in);
    outcome.works = Some(match client.status().await {
        Ok(after) => token_state::local_copy(&after, &token.token),
        Err(e) => LocalCopy::Refused {
            reason: format!("the service's status could not be read after the rotation: {e}"),
        },
    });
    if args.print_token && ctx.output == OutputFormat::Json {
        outcome.token = Some(token.token.expose().to_owned());
    } else if args.print_token {
        output::print_secret(&token.token)?;
    }
    outcome.handover = handover::hand_over(
        ctx,
        &client,
        &args.handover,
        &token.token,
        &token.scim_base_url,
    )
    .await;
    if outcome.works != Some(LocalCopy::Works) && outcome.handover.failure.is_none() {
        let why = outcome
            .works
            .as_ref()
            .map(LocalCopy::describe)
            .unwrap_or_default();
        outcome.handover.failure = Some(
            UserError::failure(format!(
                "the new token was stored, but the service does not count it as its current token: {why}"
            ))
            .hint("`scimctl token status` checks again"),
        );
    }
    finish(ctx, outcome)
}

fn finish(ctx: &Context, mut outcome: Outcome) -> anyhow::Result<Exit> {
    report(ctx, &outcome)?;
    let exit = outcome.handover.exit();
    if let Some(e) = outcome.handover.failure.take() {
        return Err(e.into());
    }
    Ok(exit)
}

fn report(ctx: &Context, o: &Outcome) -> anyhow::Result<()> {
    if ctx.output == OutputFormat::Json {
        output::print_json(o)?;
        handover::say(ctx, &o.handover);
        return Ok(());
    }
    if o.rotated {
        let old = match o.previous_valid_until {
            Some(until) => format!(
                "the old one keeps working until {} or until the IdP has switched",
                output::when(until)
            ),
            None if o.handover.push.is_some() => "the old one no longer works".into(),
            None => "put it into the IdP now: the old one no longer works".into(),
        };
        ctx.status(format!(
            "Rotated ({}): the new token is stored in the {} and expires {}; {old}.",
            o.reason,
            o.stored_in
                .as_ref()
                .map_or_else(|| "store".to_owned(), ToString::to_string),
            output::when(o.expires_at)
        ));
    } else if o.resumed {
        ctx.status(format!("Resuming: {}.", o.reason));
    } else {
        ctx.status(format!("Nothing to do: {}.", o.reason));
    }
    handover::say(ctx, &o.handover);
    Ok(())
}
