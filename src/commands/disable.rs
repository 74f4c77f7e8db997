//! `scimctl disable`: turn SCIM off behind a typed confirmation, then forget the
//! local token copy.

use clap::Args;
use serde_json::json;

use crate::config::Config;
use crate::context::Context;
use crate::credentials::SecretName;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};

const WORD: &str = "DISABLE";

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Turn SCIM off (asks you to type DISABLE)
///
/// The IdP link breaks: the token is revoked, IdP-managed users and groups become
/// local ones, and re-enabling means redoing the mapping in the IdP. On a terminal you
/// must type DISABLE; anything else cancels (exit 3) and changes nothing. Without a
/// terminal, pass --confirm DISABLE. The local token copy is removed afterwards.
///
/// Examples:
///   scimctl disable
///   scimctl disable --confirm DISABLE -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct DisableArgs {
    /// Confirm without a prompt; must be exactly DISABLE
    ///
    /// Example: scimctl disable --confirm DISABLE
    #[arg(long, value_name = "WORD")]
    pub confirm: Option<String>,
}

pub async fn run(ctx: &Context, args: DisableArgs) -> anyhow::Result<Exit> {
    let client = ctx.admin_client().await?;
    let status = client.status().await?;
    if !status.enabled {
        // The state the user asked for holds: a note, not an error (scripts
        // that disable twice stay green).
        if ctx.output == OutputFormat::Json {
            output::print_json(&json!({
                "profile": ctx.profile,
                "disabled": true,
                "changed": false,
                "converted_users": 0,
                "converted_groups": 0,
                "local_token_removed": false,
            }))?;
        }
        ctx.status(format!(
            "SCIM is already off at {}; nothing changed",
            client.base()
        ));
        return Ok(Exit::Success);
    }
    let typed = match args.confirm {
        Some(word) => word,
        None if ctx.can_prompt => {
            eprintln!(
                "Disabling SCIM for {idp} at {url} (profile '{profile}'):\n  - the token is revoked and {idp} can no longer provision;\n  \
                 - {u} IdP-managed user(s) and {g} IdP-synced group(s) become local ones, managed in the app;\n  \
                 - turning SCIM on again means a new token and redoing the mapping in {idp}.",
                idp = status.idp.as_deref().unwrap_or("the IdP"),
                url = client.base(),
                profile = ctx.profile.value,
                u = status.users.idp_managed,
                g = status.groups.idp_managed,
            );
            match crate::prompt::ask(&format!("Type {WORD} to confirm: "))? {
                Some(line) => line,
                None => {
                    return Err(UserError::new(
                        Exit::Cancelled,
                        "cancelled (end of input); nothing changed",
                    )
                    .into());
                }
            }
        }
        None => {
            return Err(UserError::usage(
                "disabling SCIM needs a typed confirmation and there is no terminal",
            )
            .hint(format!("pass --confirm {WORD}"))
            .into());
        }
    };
    if typed.trim() != WORD {
        let shown = if typed.trim().is_empty() {
            "nothing".to_owned()
        } else {
            format!("'{}'", typed.trim())
        };
        return Err(UserError::new(
            Exit::Cancelled,
            format!("cancelled: you typed {shown}, not {WORD}; nothing changed"),
        )
        .into());
    }
    let done = client.disable(WORD).await?;
    let removed = ctx
        .credential_store()
        .delete(&ctx.profile.value, SecretName::ScimToken)
        .await;
    let removed_note = match &removed {
        Ok(true) => format!(
            "the local token copy was removed from the {}",
            ctx.credential_store().describe()
        ),
        Ok(false) => "there was no local token copy".to_owned(),
        Err(e) => format!("the local token copy could not be removed: {e}"),
    };
    let _ = Config::update_profile(&ctx.config_dir, &ctx.profile.value, |p, _| p.idp = None);
    if ctx.output == OutputFormat::Json {
        output::print_json(&json!({
            "profile": ctx.profile,
            "disabled": true,
            "changed": true,
            "converted_users": done.converted_users,
            "converted_groups": done.converted_groups,
            "local_token_removed": matches!(removed, Ok(true)),
        }))?;
    } else {
        ctx.status(format!(
            "SCIM is off. {} user(s) and {} group(s) are local now; {removed_note}.",
            done.converted_users, done.converted_groups
        ));
    }
    if let Err(e) = removed {
        ctx.warn(format!("{e}"));
    }
    Ok(Exit::Success)
}
