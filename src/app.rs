//! From parsed flags to a finished command: logging, the resolved context, the
//! async runtime, and mapping the outcome to an exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, GlobalArgs};
use crate::error::{self, Exit};

/// Settings every command can rely on, resolved once before it runs.
#[derive(Debug, Clone)]
pub struct Context {
    pub verbose: u8,
    pub quiet: bool,
    pub color: bool,
}

impl Context {
    pub fn resolve(global: &GlobalArgs) -> Context {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal();
        Context {
            verbose: global.verbose,
            quiet: global.quiet,
            color,
        }
    }

    /// Prints a status line on stderr unless `--quiet`.
    pub fn status(&self, line: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", line.as_ref());
        }
    }

    /// Prints a warning on stderr (even with `--quiet`: a warning is not chatter).
    pub fn warn(&self, line: impl AsRef<str>) {
        eprintln!("warning: {}", line.as_ref());
    }
}

fn init_logging(ctx: &Context) {
    let level = match ctx.verbose {
        0 => "warn",
        1 => "warn,scimctl=info",
        2 => "info,scimctl=debug",
        _ => "debug,scimctl=trace",
    };
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| EnvFilter::try_new(v).ok())
        .unwrap_or_else(|| EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ctx.color)
        .with_target(ctx.verbose >= 2)
        .try_init();
}

pub fn main(cli: Cli) -> ExitCode {
    let ctx = Context::resolve(&cli.global);
    init_logging(&ctx);
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
    match runtime.block_on(crate::commands::run(&ctx, cli.command)) {
        Ok(exit) => exit.into(),
        Err(e) if error::is_broken_pipe(&e) => Exit::Success.into(),
        Err(e) => error::report(&e),
    }
}
