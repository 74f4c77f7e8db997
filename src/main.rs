use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, error::ErrorKind};

use scimctl::cli::Cli;

fn main() -> std::process::ExitCode {
    // A shell asking what to complete (`scimctl completions SHELL` set that up)
    // gets its answer and nothing else runs; otherwise this only reads one
    // environment variable.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(scimctl::commands::completions::COMPLETE_ENV)
        .complete();
    scimctl::app::main(parse())
}

/// `Cli::parse()`, with two savings on every start (docs/benchmarks.md, cold
/// start): commands' arguments are deferred until the command is parsed
/// (`cli.rs`), and the command tree is left for the process's exit to free.
fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut command = Cli::command();
    let parsed = match command.try_get_matches_from_mut(&args) {
        Ok(mut matches) => {
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        }
        Err(e) if e.kind() == ErrorKind::DisplayVersion => Err(e),
        // Help pages and errors list subcommands with their one-line help, which
        // a deferred command has only once it is built: the same arguments are
        // parsed again against the whole tree, built, for clap's page or error.
        Err(_) => Err(error_from_the_built_tree(&args)),
    };
    std::mem::forget(command);
    parsed.unwrap_or_else(|e| e.exit())
}

fn error_from_the_built_tree(args: &[OsString]) -> clap::Error {
    let mut command = Cli::command();
    // The name the user typed, as clap's own parse would take it.
    if let Some(name) = args
        .first()
        .and_then(|a| std::path::Path::new(a).file_name())
        .and_then(|n| n.to_str())
    {
        command = command.bin_name(name);
    }
    command.build();
    match command.try_get_matches_from_mut(args) {
        Err(e) => e,
        // Not reached: the deferred tree refused these arguments. Should the two
        // trees ever disagree, the user still gets an error, not a run.
        Ok(_) => command.error(
            ErrorKind::InvalidValue,
            "the command line could not be parsed",
        ),
    }
}
