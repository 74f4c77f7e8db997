//! `scimctl groups …`: one module per subcommand; this one only dispatches.

pub mod get;
pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Exit;

/// List and inspect groups over SCIM (any RFC 7644 server)
///
/// Uses the stored token, SCIMCTL_TOKEN, or --url with --token-stdin.
///
/// Examples:
///   scimctl groups list -o csv
///   scimctl groups get --name Administrators --members
#[derive(Debug, Subcommand)]
#[command(defer = true)]
#[command(verbatim_doc_comment)]
pub enum GroupsCommand {
    List(list::ListGroupsArgs),
    Get(get::GetGroupArgs),
}

/// The subcommand's name and the formats it prints.
pub fn formats(command: &GroupsCommand) -> (&'static str, &'static [crate::output::OutputFormat]) {
    match command {
        GroupsCommand::List(_) => ("groups list", list::FORMATS),
        GroupsCommand::Get(_) => ("groups get", get::FORMATS),
    }
}

pub async fn run(ctx: &Context, command: GroupsCommand) -> anyhow::Result<Exit> {
    match command {
        GroupsCommand::List(args) => list::run(ctx, args).await,
        GroupsCommand::Get(args) => get::run(ctx, args).await,
    }
}
