//! The command line as clap sees it: global options and the command tree. No logic
//! lives here; `app` resolves it and `commands` runs it.

use clap::{Args, Parser, Subcommand};

use crate::commands;

/// Turn on, rotate, inspect and test SCIM provisioning from a terminal or CI
#[derive(Debug, Parser)]
#[command(
    name = "scimctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print only data and errors: no status or progress on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Sandbox(commands::sandbox::SandboxArgs),
}
