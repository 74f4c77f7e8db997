//! What the shell completes from this machine's state rather than from the
//! command model: profile names, read from the config file when the shell
//! asks (`scimctl completions SHELL` registers scimctl as its own completer).

use std::ffi::OsStr;

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
