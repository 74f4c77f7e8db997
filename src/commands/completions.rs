//! `scimctl completions SHELL`: print a completion script generated from the
//! command model.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Print a shell completion script
///
/// Examples (install where your shell looks):
///   bash:        scimctl completions bash > ~/.local/share/bash-completion/completions/scimctl
///   zsh:         scimctl completions zsh > ~/.zfunc/_scimctl   (with fpath+=~/.zfunc before compinit)
///   fish:        scimctl completions fish > ~/.config/fish/completions/scimctl.fish
///   PowerShell:  scimctl completions powershell >> $PROFILE
///   elvish:      scimctl completions elvish >> ~/.config/elvish/rc.elv
/// The same files are in the repository's completions/ directory.
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell
    ///
    /// Example: scimctl completions zsh > ~/.zfunc/_scimctl
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "scimctl", &mut std::io::stdout());
    Ok(Exit::Success)
}
