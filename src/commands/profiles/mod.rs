//! `scimctl profiles …`: see, switch and remove profiles; one module per
//! subcommand, this one only dispatches.

pub mod list;
pub mod remove;
pub mod use_profile;

use clap::Subcommand;

use crate::config::ConfigFile;
use crate::context::Context;
use crate::error::{Exit, UserError};

/// List, switch and remove profiles (one per service or tenant)
///
/// Examples:
///   scimctl profiles list
///   scimctl profiles use acme
///   scimctl profiles remove old-tenant --yes
#[derive(Debug, Subcommand)]
#[command(defer = true)]
#[command(verbatim_doc_comment)]
pub enum ProfilesCommand {
    List(list::ListArgs),
    Use(use_profile::UseArgs),
    Remove(remove::RemoveArgs),
}

/// The subcommand's name and the formats it prints.
pub fn formats(
    command: &ProfilesCommand,
) -> (&'static str, &'static [crate::output::OutputFormat]) {
    match command {
        ProfilesCommand::List(_) => ("profiles list", list::FORMATS),
        ProfilesCommand::Use(_) => ("profiles use", use_profile::FORMATS),
        ProfilesCommand::Remove(_) => ("profiles remove", remove::FORMATS),
    }
}

pub async fn run(ctx: &Context, command: ProfilesCommand) -> anyhow::Result<Exit> {
    match command {
        ProfilesCommand::List(args) => list::run(ctx, args).await,
        ProfilesCommand::Use(args) => use_profile::run(ctx, args).await,
        ProfilesCommand::Remove(args) => remove::run(ctx, args).await,
    }
}

/// `name` is a profile of `file`, or an error naming the ones there are.
pub fn known(file: &ConfigFile, name: &str) -> Result<(), UserError> {
    if file.profiles.contains_key(name) {
        return Ok(());
    }
    Err(UserError::usage(format!(
        "there is no profile '{name}'; {}",
        file.known_profiles()
    ))
    .hint("`scimctl profiles list` shows them; `scimctl --profile NAME login --admin-url https://…/api/v1` creates one"))
}
