//! What the shell completes from this machine's state rather than from the
//! command model: profile names, read from the config file when the shell
//! asks (`scimctl completions SHELL` registers scimctl as its own completer),
//! and the static scripts' view of the model.

use std::ffi::OsStr;

use clap::{Command, CommandFactory, ValueHint};

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::config::{self, Config};

/// The completer of every argument that names a profile.
pub fn profile_names() -> ArgValueCompleter {
    ArgValueCompleter::new(complete_profile)
}

/// The config's profiles starting with what was typed, the default marked.
/// A missing or unreadable config completes nothing: completion never fails.
fn complete_profile(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let Ok(dir) = config::config_dir() else {
        return Vec::new();
    };
    let Ok(config) = Config::load(&dir) else {
        return Vec::new();
    };
    let default = config.file.default_profile.as_deref();
    config
        .file
        .profiles
        .keys()
        .filter(|name| name.starts_with(current))
        .map(|name| {
            let c = CompletionCandidate::new(name);
            if Some(name.as_str()) == default {
                c.help(Some("the default profile".into()))
            } else {
                c
            }
        })
        .collect()
}

/// The script for `shell` that does not call scimctl (`completions --static`
/// and the repository's completions/).
pub fn write_static_script(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let mut cmd = without_file_fallback(cmd);
    clap_complete::generate(shell, &mut cmd, "scimctl", out);
}

/// Marks every value whose kind the model does not declare (a profile name, a
/// duration, an id) as free text: clap's static generators offer file names
/// for such a value, and a file name is never the answer to `--profile` or
/// `--timeout`. Paths declare themselves (a `PathBuf`, or `ValueHint::FilePath`).
fn without_file_fallback(cmd: Command) -> Command {
    let cmd = cmd.mut_args(|arg| {
        if arg.get_action().takes_values() && arg.get_value_hint() == ValueHint::Unknown {
            arg.value_hint(ValueHint::Other)
        } else {
            arg
        }
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|sc| sc.get_name().to_owned())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, without_file_fallback)
    })
}
