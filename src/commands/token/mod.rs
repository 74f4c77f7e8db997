//! `scimctl token …`: one module per subcommand; this one only dispatches.

pub mod handover;
pub mod regenerate;
pub mod revoke_previous;
pub mod rotate;
pub mod show;
pub mod status;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Exit;

/// Inspect, regenerate and rotate the SCIM token
///
/// The token is shown once by the service and valid for one year; these commands
/// check it, replace it, and renew it unattended in CI.
///
/// Examples:
///   scimctl token status --warn-within 30d
///   scimctl token rotate --if-expiring-within 30d -o json
///   scimctl token rotate --push entra --wait-for-use 2h
#[derive(Debug, Subcommand)]
#[command(defer = true)]
#[command(verbatim_doc_comment)]
pub enum TokenCommand {
    Status(status::StatusArgs),
    Regenerate(regenerate::RegenerateArgs),
    Rotate(rotate::RotateArgs),
    RevokePrevious(revoke_previous::RevokePreviousArgs),
    Show(show::ShowArgs),
}

/// The subcommand's name and the formats it prints.
pub fn formats(command: &TokenCommand) -> (&'static str, &'static [crate::output::OutputFormat]) {
    match command {
        TokenCommand::Status(_) => ("token status", status::FORMATS),
        TokenCommand::Regenerate(_) => ("token regenerate", regenerate::FORMATS),
        TokenCommand::Rotate(_) => ("token rotate", rotate::FORMATS),
        TokenCommand::RevokePrevious(_) => ("token revoke-previous", revoke_previous::FORMATS),
        TokenCommand::Show(_) => ("token show", show::FORMATS),
    }
}

pub async fn run(ctx: &Context, command: TokenCommand) -> anyhow::Result<Exit> {
    match command {
        TokenCommand::Status(args) => status::run(ctx, args).await,
        TokenCommand::Regenerate(args) => regenerate::run(ctx, args).await,
        TokenCommand::Rotate(args) => rotate::run(ctx, args).await,
        TokenCommand::RevokePrevious(args) => revoke_previous::run(ctx, args).await,
        TokenCommand::Show(args) => show::run(ctx, args).await,
    }
}
