use clap::Parser;

// The sandbox and the list pipeline build and drop many small JSON values;
// mimalloc cuts what the system allocator costs them (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    scimctl::app::main(scimctl::cli::Cli::parse())
}
