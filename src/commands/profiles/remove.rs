//! `scimctl profiles remove NAME`: forget a profile and its stored secrets.

use clap::Args;
use serde_json::json;

use super::known;
use crate::config::Config;
use crate::context::Context;
use crate::credentials::Store;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Remove a profile from the config, and its admin key and token copy from its store
///
/// The service is not touched: SCIM stays on and the IdP keeps its token.
///
/// Examples:
///   scimctl profiles remove old-tenant
///   scimctl profiles remove old-tenant --yes
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct RemoveArgs {
    /// The profile to remove
    ///
    /// Example: scimctl profiles remove old-tenant
    #[arg(value_name = "NAME", add = crate::completion::profile_names())]
    pub name: String,
    /// Do not ask
    ///
    /// Example: scimctl profiles remove old-tenant --yes
    #[arg(long)]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: RemoveArgs) -> anyhow::Result<Exit> {
    known(&ctx.config.file, &args.name)?;
    let profile = ctx.config.file.profiles[&args.name].clone();
    let kind = profile.credential_store.unwrap_or(ctx.store.value);
    let store = Store::new(kind, &ctx.config_dir);
    if !args.yes {
        if !ctx.can_prompt {
            return Err(UserError::usage(
                "removing a profile needs confirmation and there is no terminal to ask",
            )
            .hint("pass --yes")
            .into());
        }
        let go = crate::prompt::confirm(&format!(
            "Remove profile '{}' ({}) and delete its admin key and token copy from the {}? The service is not changed.",
            args.name,
            profile.admin_url.as_deref().unwrap_or("no admin URL"),
            store.describe()
        ))?;
        if !go {
            return Err(UserError::new(Exit::Cancelled, "cancelled; the profile was kept").into());
        }
    }
    let removed = store
        .forget(&args.name)
        .await
        .map_err(|e| e.into_user_error(kind))?;
    Config::edit(&ctx.config_dir, |file| {
        file.profiles.remove(&args.name);
        if file.default_profile.as_deref() == Some(args.name.as_str()) {
            file.default_profile = None;
        }
        Ok(())
    })?;
    if ctx.output == OutputFormat::Json {
        output::print_json(&json!({"removed": args.name, "secrets_removed": removed}))?;
    } else {
        ctx.status(format!(
            "profile '{}' removed{}",
            args.name,
            if removed.is_empty() {
                String::new()
            } else {
                format!(
                    "; deleted from the {}: {}",
                    store.describe(),
                    removed.join(", ")
                )
            }
        ));
    }
    Ok(Exit::Success)
}
