//! From parsed flags to a finished command: logging, the resolved context, the
//! async runtime, and mapping the outcome to an exit code.

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, Command};
use crate::commands;
use crate::context::Context;
use crate::error::{self, Exit};

fn init_logging(verbose: u8) {
    let level = match verbose {
        // Other crates' own error lines (rustls: "failed to verify TLS
        // certificate") repeat what scimctl's error already says.
        0 => "off,scimctl=warn",
        1 => "warn,scimctl=info",
        2 => "info,scimctl=debug",
        _ => "debug,scimctl=trace",
    };
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| EnvFilter::try_new(v).ok())
        .unwrap_or_else(|| EnvFilter::new(level));
    // Log lines quote URLs and server answers: each is redacted and escaped on
    // its way out, so tracing's own colours are off (they would be escaped too).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| SafeStderr)
        .with_ansi(false)
        .with_target(verbose >= 2)
        .try_init();
}

/// stderr for log lines: secrets masked, control characters escaped.
struct SafeStderr;

impl std::io::Write for SafeStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = crate::term::for_stderr(&String::from_utf8_lossy(buf));
        std::io::stderr().lock().write_all(text.as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

pub fn main(cli: Cli) -> ExitCode {
    let (verbose, _, _) = Context::minimal(&cli.global);
    init_logging(verbose);
    let (name, formats) = commands::formats(&cli.command);
    if let Err(e) = crate::output::ensure_supported(name, formats, cli.global.output) {
        return error::report(&e.into());
    }
    // Help, completions and generated files need no config: a malformed one must
    // not stand between a user and the help text that explains it.
    let command = match cli.command {
        Command::Help(args) => return finish(commands::help::run(args)),
        Command::Completions(args) => return finish(commands::completions::run(args)),
        Command::GenerateFiles(args) => return finish(commands::generate_files::run(args)),
        other => other,
    };
    crate::http::set_policy(crate::http::Policy {
        timeout: cli.global.timeout,
        ca_cert: cli.global.ca_cert.clone(),
        allow_insecure: cli.global.allow_insecure,
    });
    // These write the profile, or fix which one is the default.
    let creates_profile = matches!(
        command,
        Command::Login(_) | Command::Enable(_) | Command::Sandbox(_) | Command::Profiles(_)
    );
    let ctx = match Context::resolve(&cli.global, creates_profile) {
        Ok(ctx) => ctx,
        Err(e) => return error::report(&e.into()),
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return Exit::Failure.into();
        }
    };
    finish(runtime.block_on(crate::commands::run(&ctx, command)))
}

/// The one place an outcome becomes an exit code.
fn finish(result: anyhow::Result<Exit>) -> ExitCode {
    match result {
        Ok(exit) => exit.into(),
        Err(e) if error::is_broken_pipe(&e) => Exit::Success.into(),
        Err(e) => error::report(&e),
    }
}
