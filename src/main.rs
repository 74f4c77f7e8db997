use clap::Parser;

fn main() -> std::process::ExitCode {
    // A shell asking what to complete (`scimctl completions SHELL` set that up)
    // gets its answer and nothing else runs; otherwise this only reads one
    // environment variable.
    clap_complete::CompleteEnv::with_factory(<scimctl::cli::Cli as clap::CommandFactory>::command)
        .var(scimctl::commands::completions::COMPLETE_ENV)
        .complete();
    scimctl::app::main(scimctl::cli::Cli::parse())
}
