//! `scimctl token rotate`: renew the token when it is due, unattended, for CI.

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::issued;
use crate::output::{self, OutputFormat};
use crate::probe::{self, Probe};
use crate::units::{parse_window, show_window};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Regenerate the token if it expires soon; do nothing otherwise (for CI)
///
/// Never prompts. When the token expires within --if-expiring-within (default 30d),
/// or has expired, a new one is issued and stored, and checked against the SCIM API;
/// otherwise nothing happens and the exit code is 0. -o json says what happened; the
/// new token is printed only with --print-token (in the JSON, or alone on stdout).
///
/// Examples:
///   scimctl token rotate --if-expiring-within 30d -o json
///   scimctl token rotate --print-token | push-token-to-idp
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
}

#[derive(Debug, Serialize)]
struct Outcome {
    rotated: bool,
    reason: String,
    profile: crate::context::Setting<String>,
    window: String,
    expires_at: jiff::Timestamp,
    days_left: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    stored_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    works: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
}

pub async fn run(ctx: &Context, args: RotateArgs) -> anyhow::Result<Exit> {
    let client = ctx.admin_client().await?;
    let status = client.status().await?;
    let Some(current) = status.token.filter(|_| status.enabled) else {
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
        reason: String::new(),
        profile: ctx.profile.clone(),
        window: show_window(window),
        expires_at: current.expires_at,
        days_left: left.div_euclid(86_400),
        stored_in: None,
        works: None,
        token: None,
    };
    if left > window.as_secs() as i64 && !current.expired {
        outcome.reason = format!(
            "not due: the token expires {} ({}), outside the {} window",
            output::when(current.expires_at),
            output::relative(current.expires_at),
            outcome.window
        );
        report(ctx, &outcome)?;
        return Ok(Exit::Success);
    }
    issued::env_token_warning(ctx);
    let (token, kept) = issued::issue(ctx, &client, issued::Ask::Regenerate).await?;
    let works = probe::probe(&token.scim_base_url, &token.token).await;
    outcome.rotated = true;
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
    outcome.stored_in = Some(kept.stored_in);
    outcome.works = Some(works.clone());
    if args.print_token && ctx.output == OutputFormat::Json {
        outcome.token = Some(token.token.expose().to_owned());
    } else if args.print_token {
        output::print_secret(&token.token)?;
    }
    report(ctx, &outcome)?;
    if works != Probe::Works {
        return Err(UserError::failure(format!(
            "the new token was stored, but the SCIM API did not accept it: {}",
            works.describe()
        ))
        .hint("`scimctl token status` checks again; the service may need a moment")
        .into());
    }
    Ok(Exit::Success)
}

fn report(ctx: &Context, o: &Outcome) -> anyhow::Result<()> {
    if ctx.output == OutputFormat::Json {
        return output::print_json(o);
    }
    if o.rotated {
        ctx.status(format!(
            "Rotated ({}): the new token is stored in the {} and expires {}. Put it into the IdP now: the old one no longer works.",
            o.reason,
            o.stored_in.as_deref().unwrap_or("store"),
            output::when(o.expires_at)
        ));
    } else {
        ctx.status(format!("Nothing to do: {}.", o.reason));
    }
    Ok(())
}
