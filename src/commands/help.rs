//! `scimctl help [TOPIC | COMMAND…]`: a command's long help, or a reference topic
//! (exit-codes, environment, files).

use clap::{Args, CommandFactory};

use crate::cli::Cli;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::reference;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Show help for a command, or a topic: exit-codes, environment, files
///
/// Examples:
///   scimctl help token rotate
///   scimctl help exit-codes
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct HelpArgs {
    /// A topic (exit-codes, environment, files) or a command path
    ///
    /// Example: scimctl help exit-codes
    #[arg(value_name = "TOPIC|COMMAND")]
    pub topic: Vec<String>,
}

pub fn run(args: HelpArgs) -> anyhow::Result<Exit> {
    let text = match args
        .topic
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["exit-codes"] => reference::exit_codes_text(),
        ["environment"] => reference::environment_text(),
        ["files"] => reference::files_text_here(),
        path => {
            // Built first: subcommands' arguments are deferred until a command
            // is built (cli.rs), and building sets each command's full name
            // ("scimctl token rotate") and gives it the global options, so the
            // page is the one `scimctl token rotate --help` prints.
            let mut cmd = Cli::command();
            cmd.build();
            for name in path {
                cmd = cmd.find_subcommand(name).cloned().ok_or_else(|| {
                    UserError::usage(format!("no command or help topic '{}'", path.join(" ")))
                        .hint("topics: exit-codes, environment, files; commands: scimctl --help lists them")
                })?;
            }
            cmd.render_long_help().to_string()
        }
    };
    print!("{text}");
    Ok(Exit::Success)
}
