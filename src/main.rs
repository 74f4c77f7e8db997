use clap::Parser;

fn main() -> std::process::ExitCode {
    scimctl::app::main(scimctl::cli::Cli::parse())
}
