//! `scimctl token regenerate`: replace the token; the old one stops working at
//! once, or after an overlap (`--overlap`), and the new one can be pushed into
//! the IdP and waited for, as `token rotate` does.

use clap::Args;
use serde_json::json;

use super::handover::{self, HandoverArgs};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::issued;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Issue a new SCIM token; the current one stops working at once (or after --overlap)
///
/// Without an overlap provisioning fails from that moment until the new token is in
/// the IdP, so this asks first on a terminal; scripts pass --yes. The new token is
/// stored and shown as `enable` shows it. For unattended renewal, `scimctl token
/// rotate` is safer.
///
/// Examples:
///   scimctl token regenerate
///   scimctl token regenerate --overlap 1d
///   scimctl token regenerate --yes --push entra --wait-for-use 2h
///   scimctl token regenerate --yes --print-token | idp-update-secret
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct RegenerateArgs {
    /// Don't ask for confirmation (required when there is no terminal)
    ///
    /// Example: scimctl token regenerate --yes
    #[arg(short, long)]
    pub yes: bool,
    /// Print the new token alone on stdout
    ///
    /// Example: scimctl token regenerate --yes --print-token | push-to-idp
    #[arg(long)]
    pub print_token: bool,
    #[command(flatten)]
    pub handover: HandoverArgs,
}

pub async fn run(ctx: &Context, args: RegenerateArgs) -> anyhow::Result<Exit> {
    let request = args.handover.request()?;
    issued::env_token_warning(ctx);
    let client = ctx.admin_client().await?;
    args.handover.preflight(ctx).await?;
    let consequence = if request.overlap_seconds > 0 {
        format!(
            "The current token keeps working for {} beside the new one.",
            crate::units::show_window(std::time::Duration::from_secs(request.overlap_seconds))
        )
    } else {
        "The current token stops working at once, and provisioning fails until the IdP has the new one.".to_owned()
    };
    if !args.yes {
        if !ctx.can_prompt {
            return Err(UserError::usage(
                "regenerating needs confirmation and there is no terminal to ask",
            )
            .hint(
                "pass --yes to confirm (without --overlap the current token stops working at once)",
            )
            .into());
        }
        let go = crate::prompt::confirm(&format!(
            "Regenerate the SCIM token of profile '{}' at {}? {consequence}",
            ctx.profile.value,
            client.base()
        ))?;
        if !go {
            return Err(
                UserError::new(Exit::Cancelled, "cancelled; the token was not changed").into(),
            );
        }
    }
    let (token, kept) = issued::issue(ctx, &client, issued::Ask::Regenerate(&request)).await?;
    let old = match token.previous_valid_until {
        Some(until) => format!(
            "the old token keeps working until {} or until the IdP has switched",
            output::when(until)
        ),
        None => "the old token no longer works".to_owned(),
    };
    let done = handover::hand_over(
        ctx,
        &client,
        &args.handover,
        &token.token,
        &token.scim_base_url,
    )
    .await;
    if ctx.output == OutputFormat::Json {
        let mut v = json!({
            "token": token.token.expose(),
            "created_at": crate::timestamp::rfc3339_ms(token.created_at),
            "expires_at": crate::timestamp::rfc3339_ms(token.expires_at),
            "previous_valid_until": token.previous_valid_until.map(crate::timestamp::rfc3339_ms),
            "scim_base_url": token.scim_base_url,
            "stored_in": kept.stored_in,
            "profile": ctx.profile,
        });
        if let (Some(obj), Ok(serde_json::Value::Object(extra))) =
            (v.as_object_mut(), serde_json::to_value(&done))
        {
            obj.extend(extra);
        }
        output::print_json(&v)?;
    } else if ctx.stdout_is_terminal && !args.print_token {
        println!(
            "New access token (shown once; stored in the {}):\n",
            kept.stored_in
        );
        println!("  {}\n", token.token.expose());
        if done.push.is_none() {
            println!(
                "It expires {}. Paste it into the IdP now: {old}.",
                output::when(token.expires_at)
            );
        } else {
            println!("It expires {}; {old}.", output::when(token.expires_at));
        }
    } else {
        if args.print_token {
            output::print_secret(&token.token)?;
        }
        ctx.status(format!(
            "Regenerated: the new token is stored in the {} and expires {}; {old}.",
            kept.stored_in,
            output::when(token.expires_at)
        ));
    }
    handover::say(ctx, &done);
    let exit = done.exit();
    if let Some(e) = done.failure {
        return Err(e.into());
    }
    Ok(exit)
}
