//! `scimctl users …`: one module per subcommand; this one only dispatches.

pub mod get;
pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Exit;

/// List and inspect users over SCIM (any RFC 7644 server)
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    List(list::ListUsersArgs),
    Get(get::GetUserArgs),
}

pub async fn run(ctx: &Context, command: UsersCommand) -> anyhow::Result<Exit> {
    match command {
        UsersCommand::List(args) => list::run(ctx, args).await,
        UsersCommand::Get(args) => get::run(ctx, args).await,
    }
}
