//! `scimctl token regenerate`: replace the token; the old one stops working at once.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::issued;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Issue a new SCIM token; the current one stops working at once
///
/// Provisioning fails from that moment until the new token is in the IdP, so this
/// asks first on a terminal; scripts pass --yes. The new token is stored and shown
/// as `enable` shows it. For unattended renewal, `scimctl token rotate` is safer.
///
/// Examples:
///   scimctl token regenerate
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
}

pub async fn run(ctx: &Context, args: RegenerateArgs) -> anyhow::Result<Exit> {
    issued::env_token_warning(ctx);
    let client = ctx.admin_client().await?;
    if !args.yes {
        if !ctx.can_prompt {
            return Err(UserError::usage(
                "regenerating needs confirmation and there is no terminal to ask",
            )
            .hint("pass --yes to confirm (the current token stops working at once)")
            .into());
        }
        let go = crate::prompt::confirm(&format!(
            "Regenerate the SCIM token of profile '{}' at {}? The current token stops working at once, and provisioning fails until the IdP has the new one.",
            ctx.profile.value,
            client.base()
        ))?;
        if !go {
            return Err(
                UserError::new(Exit::Cancelled, "cancelled; the token was not changed").into(),
            );
        }
    }
    let (token, kept) = issued::issue(ctx, &client, issued::Ask::Regenerate).await?;
    if ctx.output == OutputFormat::Json {
        output::print_json(&json!({
            "token": token.token.expose(),
            "created_at": token.created_at,
            "expires_at": token.expires_at,
            "scim_base_url": token.scim_base_url,
            "stored_in": kept.stored_in,
        }))?;
    } else if ctx.stdout_is_terminal && !args.print_token {
        println!(
            "New access token (shown once; stored in the {}):\n",
            kept.stored_in
        );
        println!("  {}\n", token.token.expose());
        println!(
            "It expires {}. Paste it into the IdP now: the old token no longer works.",
            output::when(token.expires_at)
        );
    } else {
        if args.print_token {
            output::print_secret(&token.token)?;
        }
        ctx.status(format!(
            "Regenerated: the new token is stored in the {} and expires {}. Put it into the IdP now: the old one no longer works.",
            kept.stored_in,
            output::when(token.expires_at)
        ));
    }
    Ok(Exit::Success)
}
