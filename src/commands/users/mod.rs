//! `scimctl users …`: one module per subcommand; this one only dispatches.

pub mod get;
pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Exit;

/// List and inspect users over SCIM (any RFC 7644 server)
///
/// Uses the stored token, SCIMCTL_TOKEN, or --url with --token-stdin.
///
/// Examples:
///   scimctl users list --active
///   scimctl users get --user-name ada@example.com -o json
#[derive(Debug, Subcommand)]
#[command(defer = true)]
#[command(verbatim_doc_comment)]
pub enum UsersCommand {
    List(list::ListUsersArgs),
    Get(get::GetUserArgs),
}

/// The subcommand's name and the formats it prints.
pub fn formats(command: &UsersCommand) -> (&'static str, &'static [crate::output::OutputFormat]) {
    match command {
        UsersCommand::List(_) => ("users list", list::FORMATS),
        UsersCommand::Get(_) => ("users get", get::FORMATS),
    }
}

pub async fn run(ctx: &Context, command: UsersCommand) -> anyhow::Result<Exit> {
    match command {
        UsersCommand::List(args) => list::run(ctx, args).await,
        UsersCommand::Get(args) => get::run(ctx, args).await,
    }
}
