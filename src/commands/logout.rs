//! `scimctl logout`: forget the profile's stored secrets (the admin key and
//! the token copy); the profile and the service stay as they are.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Forget the profile's admin API key and token copy (the service is not changed)
///
/// The IdP keeps its token and provisioning goes on; `scimctl login` stores a
/// key again.
///
/// Examples:
///   scimctl logout
///   scimctl --profile acme logout -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct LogoutArgs {}

pub async fn run(ctx: &Context, _args: LogoutArgs) -> anyhow::Result<Exit> {
    let store = ctx.credential_store();
    let removed = store
        .forget(&ctx.profile.value)
        .await
        .map_err(|e| e.into_user_error(ctx.store.value))?;
    if ctx.output == OutputFormat::Json {
        output::print_json(&json!({
            "profile": ctx.profile,
            "store": ctx.credential_store().place(),
            "removed": removed,
        }))?;
    } else if removed.is_empty() {
        ctx.status(format!(
            "profile '{}' had no stored secrets in the {}",
            ctx.profile.value,
            store.describe()
        ));
    } else {
        ctx.status(format!(
            "logged out of profile '{}': deleted from the {}: {}",
            ctx.profile.value,
            store.describe(),
            removed.join(", ")
        ));
    }
    Ok(Exit::Success)
}
