//! `scimctl token show`: print the stored token, because the user asked for it.

use clap::Args;

use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Print the stored SCIM token on stdout
///
/// This is the one command that reveals the stored copy; nothing else prints it
/// unless asked (--print-token). Use it to paste the token into the IdP again.
///
/// Example:
///   scimctl token show | wl-copy
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {}

pub async fn run(ctx: &Context, _args: ShowArgs) -> anyhow::Result<Exit> {
    let Some((token, source)) = ctx.scim_token().await? else {
        return Err(UserError::new(
            Exit::Auth,
            format!(
                "no SCIM token is stored for profile '{}'",
                ctx.profile.value
            ),
        )
        .hint("`scimctl token regenerate` issues a new one (the old one stops working)")
        .into());
    };
    output::print_secret(&token)?;
    ctx.status(format!("(from {source})"));
    Ok(Exit::Success)
}
