//! `scimctl token revoke-previous`: end a rotation's overlap now, so that the
//! replaced token stops working.

use clap::Args;

use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::token_state::{self, Switch};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// End the overlap now: the token the last rotation replaced stops working
///
/// Do this once the IdP holds the new token (`scimctl token status` says whether
/// it has been seen using it). If the IdP was last seen on the previous token,
/// this asks first on a terminal; scripts pass --yes.
///
/// Examples:
///   scimctl token revoke-previous
///   scimctl token revoke-previous --yes -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct RevokePreviousArgs {
    /// Don't ask, even when the IdP was last seen on the previous token
    ///
    /// Example: scimctl token revoke-previous --yes
    #[arg(short, long)]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: RevokePreviousArgs) -> anyhow::Result<Exit> {
    let client = ctx.admin_client().await?;
    let status = client.status().await?;
    let switch = token_state::switch(&status);
    let risky = matches!(switch, Switch::NewNotUsed | Switch::StillOnPrevious { .. });
    if risky && !args.yes {
        let warning = format!(
            "the IdP may still hold the previous token: {}",
            switch.describe()
        );
        if !ctx.can_prompt {
            return Err(UserError::usage(format!(
                "{warning}; revoking it would stop provisioning"
            ))
            .hint("pass --yes if the IdP has the new token all the same")
            .into());
        }
        let go = crate::prompt::confirm(&format!(
            "Revoke the previous SCIM token of profile '{}' at {}? {}. Provisioning fails if the IdP still uses it.",
            ctx.profile.value,
            client.base(),
            switch.describe()
        ))?;
        if !go {
            return Err(UserError::new(
                Exit::Cancelled,
                "cancelled; the previous token still works",
            )
            .into());
        }
    }
    let ended = client.revoke_previous().await?;
    if ctx.output == OutputFormat::Json {
        output::print_json(&ended)?;
    } else {
        output::print_fields(
            &[
                ("previous token".into(), ended.fingerprint.clone()),
                (
                    "ended".into(),
                    ended.ended_at.map(output::when).unwrap_or_default(),
                ),
                (
                    "last used".into(),
                    ended
                        .last_used_at
                        .map(output::when)
                        .unwrap_or_else(|| "never".into()),
                ),
            ],
            ctx.stdout_is_terminal,
        )?;
        ctx.status("Revoked: only the current token works now.");
    }
    Ok(Exit::Success)
}
