//! `scimctl completions SHELL`: print the script that makes the shell ask
//! scimctl itself what to complete (commands, flags and this machine's profile
//! names), or with `--static` a script generated from the command model alone.

use clap::Args;
use clap_complete::Shell;

use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Print a shell completion script
///
/// The script calls scimctl (on your PATH) as you press Tab, so it completes
/// commands, flags and the profile names in your config, and never goes stale.
///
/// Examples (install where your shell looks):
///   bash:        scimctl completions bash > ~/.local/share/bash-completion/completions/scimctl
///   zsh:         scimctl completions zsh > ~/.zfunc/_scimctl   (with fpath+=~/.zfunc before compinit)
///   fish:        scimctl completions fish > ~/.config/fish/completions/scimctl.fish
///   PowerShell:  scimctl completions powershell >> $PROFILE
///   elvish:      scimctl completions elvish >> ~/.config/elvish/rc.elv
/// --static prints a script that does not call scimctl (no profile names); those
/// are the files in the repository's completions/ directory.
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell
    ///
    /// Example: scimctl completions zsh > ~/.zfunc/_scimctl
    #[arg(value_enum)]
    pub shell: Shell,
    /// A script from the command model alone, which does not call scimctl
    /// (no profile names)
    ///
    /// Example: scimctl completions bash --static > /usr/share/bash-completion/completions/scimctl
    #[arg(long = "static")]
    pub static_script: bool,
}

/// The variable that makes scimctl answer a completion request (clap's
/// `CompleteEnv`, set up in `main`). Ours, not clap's default `COMPLETE`: a
/// `COMPLETE=1` set for something else must not turn every command into a
/// completion answer.
pub const COMPLETE_ENV: &str = "SCIMCTL_COMPLETE";

pub fn run(args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut stdout = std::io::stdout().lock();
    if args.static_script {
        crate::completion::write_static_script(args.shell, &mut stdout);
        return Ok(Exit::Success);
    }
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Elvish => &Elvish,
        other => {
            return Err(
                crate::error::UserError::usage(format!("no completion for {other}")).into(),
            );
        }
    };
    shell.write_registration(COMPLETE_ENV, "scimctl", "scimctl", "scimctl", &mut stdout)?;
    Ok(Exit::Success)
}
