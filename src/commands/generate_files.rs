//! `scimctl generate-files DIR` (hidden): writes completions/ and man/ from the
//! command model; `scripts/generate` runs it, and a test fails when the checked-in
//! copies drift from what it writes.

use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Exit;
use crate::output::{self, OutputFormat};
use crate::reference;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Write completions/ and man/ under DIR (for maintainers)
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct GenerateFilesArgs {
    /// The repository root
    ///
    /// Example: scimctl generate-files .
    pub dir: PathBuf,
}

pub fn run(args: GenerateFilesArgs) -> anyhow::Result<Exit> {
    write_completions(&args.dir.join("completions"))?;
    write_man_pages(&args.dir.join("man"))?;
    Ok(Exit::Success)
}

fn write_completions(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (shell, file) in [
        (Shell::Bash, "scimctl.bash"),
        (Shell::Zsh, "_scimctl"),
        (Shell::Fish, "scimctl.fish"),
        (Shell::PowerShell, "_scimctl.ps1"),
        (Shell::Elvish, "scimctl.elv"),
    ] {
        let mut buf = Vec::new();
        crate::completion::write_static_script(shell, &mut buf);
        std::fs::write(dir.join(file), buf)?;
    }
    Ok(())
}

/// One page per command path (scimctl.1, scimctl-token-rotate.1, …), each with
/// EXIT STATUS, ENVIRONMENT, FILES and EXAMPLES sections.
fn write_man_pages(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.extension().is_some_and(|e| e == "1") {
            std::fs::remove_file(p)?;
        }
    }
    let mut root = Cli::command();
    root.build();
    page(dir, &root, "scimctl")?;
    Ok(())
}

fn page(dir: &Path, cmd: &clap::Command, name: &str) -> anyhow::Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    // clap names are &'static str; this runs once per page in a short-lived process.
    let static_name: &'static str = Box::leak(name.to_owned().into_boxed_str());
    let cmd = cmd
        .clone()
        .name(static_name)
        .bin_name(name.replace('-', " "));
    let man = clap_mangen::Man::new(cmd.clone())
        .date("")
        .source(format!("scimctl {}", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut buf)?;
    }
    let examples = examples_of(&cmd);
    if !examples.is_empty() {
        buf.extend_from_slice(b".SH EXAMPLES\n");
        for e in examples {
            buf.extend_from_slice(format!(".TP\n.B {}\n", roff_escape(&e)).as_bytes());
        }
    }
    buf.extend_from_slice(b".SH \"EXIT STATUS\"\n");
    for (code, meaning) in crate::error::Exit::ALL {
        buf.extend_from_slice(
            format!(".TP\n.B {}\n{}\n", code as u8, roff_escape(meaning)).as_bytes(),
        );
    }
    buf.extend_from_slice(b".TP\n.B 130\ninterrupted (Ctrl-C at a prompt); nothing was changed\n");
    buf.extend_from_slice(b".SH ENVIRONMENT\n");
    for (k, v) in reference::ENVIRONMENT {
        buf.extend_from_slice(format!(".TP\n.B {k}\n{}\n", roff_escape(v)).as_bytes());
    }
    buf.extend_from_slice(b".SH FILES\n");
    for (k, v) in reference::FILES {
        buf.extend_from_slice(
            format!(".TP\n.I {}\n{}\n", roff_escape(k), roff_escape(v)).as_bytes(),
        );
    }
    man.render_version_section(&mut buf)?;
    std::fs::write(dir.join(format!("{name}.1")), buf)?;
    for sub in cmd.get_subcommands() {
        page(dir, sub, &format!("{name}-{}", sub.get_name()))?;
    }
    Ok(())
}

/// The `Examples:` lines of a command's long help.
fn examples_of(cmd: &clap::Command) -> Vec<String> {
    let text = cmd
        .get_long_about()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut in_examples = false;
    for line in text.lines() {
        if line.trim_start().starts_with("Example") {
            in_examples = true;
            continue;
        }
        if in_examples {
            let l = line.trim();
            if l.starts_with("scimctl") || l.starts_with("printenv") {
                out.push(l.to_owned());
            } else if l.is_empty() {
                continue;
            }
        }
    }
    out
}

fn roff_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('-', "\\-")
}
