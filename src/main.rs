use clap::{CommandFactory, FromArgMatches};

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

/// `Cli::parse()`, except that the command tree is left for the process's exit
/// to free: dropping its thousands of allocations cost every start (even
/// `--version`) about a tenth of a millisecond (docs/benchmarks.md, cold start).
fn parse() -> Cli {
    let mut command = Cli::command();
    let parsed = match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(mut matches) => {
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        }
        Err(e) => Err(e),
    };
    std::mem::forget(command);
    parsed.unwrap_or_else(|e| e.exit())
}
