//! `scimctl sandbox`: run the embedded service in the foreground until Ctrl-C or
//! SIGTERM.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::config::{self, Config, data_dir};
use crate::context::Context;
use crate::credentials::StoreKind;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::sandbox::{self, SsoMode};
use crate::units::parse_window;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Run the sandbox: a local service with our admin API and SCIM 2.0, on SQLite
///
/// The sandbox behaves like the production service: enable SCIM through its admin API
/// (or `scimctl enable`), then provision users and groups over SCIM. Its first start
/// creates one organization with an owner and the Administrators group. Every start
/// mints a new admin API key and writes it, with the URLs, to the ready file (mode 0600).
///
/// Example:
///   scimctl sandbox --listen 127.0.0.1:0 --db /tmp/sbx.db --ready-file /tmp/sbx.json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct SandboxArgs {
    /// Address to listen on; port 0 picks a free port. Non-loopback addresses warn
    ///
    /// Example: scimctl sandbox --listen 127.0.0.1:0
    #[arg(long, value_name = "ADDR", default_value = sandbox::DEFAULT_LISTEN, env = "SCIMCTL_SANDBOX_LISTEN")]
    pub listen: String,
    /// SQLite database file, or :memory: [default: <data dir>/scimctl/sandbox.db]
    ///
    /// Example: scimctl sandbox --db :memory:
    #[arg(long, value_name = "PATH", env = "SCIMCTL_SANDBOX_DB", value_hint = clap::ValueHint::FilePath)]
    pub db: Option<String>,
    /// Once serving, write the URLs and admin key here as JSON (mode 0600)
    /// [default: <data dir>/scimctl/sandbox.json]
    ///
    /// Example: scimctl sandbox --ready-file /tmp/sandbox.json
    #[arg(long, value_name = "PATH")]
    pub ready_file: Option<PathBuf>,
    /// State of SAML SSO when the organization is created (first start only)
    ///
    /// Example: scimctl sandbox --db /tmp/s.db --sso saml
    #[arg(long, value_enum, default_value = "strict")]
    pub sso: SsoMode,
    /// Largest page a list returns, whatever `count` asks for
    ///
    /// Example: scimctl sandbox --max-page-size 100
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_page_size: u32,
    /// Group names must be shorter than N characters (the product rule is 25; 0 lifts
    /// the limit, e.g. for generic compliance testers that name groups with UUIDs)
    ///
    /// Example: scimctl sandbox --group-name-limit 0
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub group_name_limit: usize,
    /// Largest request body accepted, in bytes (413 past it)
    ///
    /// Example: scimctl sandbox --max-body-size 2097152
    #[arg(long, value_name = "BYTES", default_value_t = sandbox::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_size: usize,
    /// How long a client may take to send a request's headers; also how long an idle
    /// keep-alive connection stays open
    ///
    /// Example: scimctl sandbox --header-timeout 5s
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_window)]
    pub header_timeout: std::time::Duration,
    /// How long a client may take to send a request's body (408 past it)
    ///
    /// Example: scimctl sandbox --body-timeout 1m
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_window)]
    pub body_timeout: std::time::Duration,
    /// After SIGTERM or Ctrl-C, how long requests in flight may finish before they are dropped
    ///
    /// Example: scimctl sandbox --shutdown-timeout 2s
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_window)]
    pub shutdown_timeout: std::time::Duration,
    /// Make sure N synthetic users exist (user000001@example.test …), for demos,
    /// paging tests and benchmarks; existing ones are kept
    ///
    /// Example: scimctl sandbox --seed-users 100000
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed_users: usize,
}

async fn resolve_listen(ctx: &Context, listen: &str) -> anyhow::Result<SocketAddr> {
    let addr = match listen.parse::<SocketAddr>() {
        Ok(a) => a,
        Err(_) => tokio::net::lookup_host(listen)
            .await
            .ok()
            .and_then(|mut addrs| addrs.next())
            .ok_or_else(|| {
                UserError::usage(format!("--listen '{listen}' is not an address"))
                    .hint("use HOST:PORT, e.g. 127.0.0.1:8787, or port 0 for any free port")
            })?,
    };
    if !addr.ip().is_loopback() {
        ctx.warn(format!(
            "listening on {addr}, which is not loopback: anyone who can reach it can use the sandbox with its admin key; it serves plain HTTP"
        ));
    }
    Ok(addr)
}

pub async fn run(ctx: &Context, args: SandboxArgs) -> anyhow::Result<Exit> {
    let listen = resolve_listen(ctx, &args.listen).await?;
    let db = match args.db {
        Some(d) => d,
        None => data_dir()?
            .join("sandbox.db")
            .to_string_lossy()
            .into_owned(),
    };
    let ready_file = match args.ready_file {
        Some(p) => p,
        None => data_dir()?.join("sandbox.json"),
    };
    let opts = sandbox::Options {
        listen,
        db,
        sso: args.sso,
        max_page_size: args.max_page_size as usize,
        max_body_bytes: args.max_body_size,
        rules: sandbox::rules::Rules {
            group_name_limit: (args.group_name_limit > 0).then_some(args.group_name_limit),
        },
        seed_users: args.seed_users,
        limits: sandbox::serve::Limits {
            header_timeout: args.header_timeout,
            body_timeout: args.body_timeout,
            shutdown_deadline: args.shutdown_timeout,
            ..Default::default()
        },
    };
    let running = sandbox::start(opts).await.map_err(|e| {
        let in_use = e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse));
        let mut u = UserError::failure(format!("{e:#}"));
        if in_use {
            u = u.hint(format!("another process uses {listen}; stop it, or pick another port (--listen 127.0.0.1:0 picks a free one)"));
        }
        u
    })?;
    // The profile first, the ready file last: whoever waits for the ready file
    // (a script, a test) may run a command against the profile at once.
    let ep = &running.endpoints;
    let profile_written = write_profile(ctx, ep, &ready_file);
    sandbox::write_ready_file(&ready_file, &running.endpoints)?;
    let profile_note = match profile_written {
        Ok(()) => format!(
            "  profile     {} (scimctl commands use it; `--profile {}` picks it if another is the default)",
            config::SANDBOX_PROFILE,
            config::SANDBOX_PROFILE
        ),
        Err(e) => {
            ctx.warn(format!(
                "the sandbox profile was not written: {}",
                e.message
            ));
            String::new()
        }
    };
    if running.first_start {
        ctx.status(format!(
            "Created the sandbox organization: owner {}, group Administrators.",
            sandbox::org::OWNER_USER_NAME
        ));
    }
    ctx.status(format!(
        "scimctl sandbox is serving\n  admin API   {}\n  SCIM base   {}\n  database    {}\n  ready file  {} (holds this run's admin key)\n{profile_note}\n\n\
         In another terminal:\n  \
         scimctl --profile sandbox enable --idp okta     # turn SCIM on, store and show the token\n  \
         scimctl --profile sandbox status\n\n\
         Or with curl (the key stays out of the command line):\n  \
         curl -s -X POST -H @<(jq -r '\"Authorization: Bearer \\(.admin_key)\"' {}) -H 'Content-Type: application/json' -d '{{\"idp\":\"okta\"}}' {}/scim/enable\n\n\
         Press Ctrl-C to stop.",
        ep.admin_url,
        ep.scim_url,
        ep.db,
        ready_file.display(),
        ready_file.display(),
        ep.admin_url,
    ));
    shutdown_signal().await;
    ctx.status("Stopping: finishing requests in flight…");
    running.stop().await?;
    let _ = std::fs::remove_file(&ready_file);
    ctx.status("Stopped.");
    Ok(Exit::Success)
}

/// Points the `sandbox` profile at this run: its URLs, the ready file for the
/// admin key, and the file store (sandbox tokens are throwaway, and a fresh
/// machine may have no keyring). Becomes the default profile if there is none.
fn write_profile(
    ctx: &Context,
    ep: &sandbox::Endpoints,
    ready_file: &Path,
) -> Result<(), UserError> {
    let ready = std::path::absolute(ready_file).unwrap_or_else(|_| ready_file.to_path_buf());
    Config::update_profile(&ctx.config_dir, config::SANDBOX_PROFILE, |p, file| {
        p.admin_url = Some(ep.admin_url.clone());
        p.scim_url = Some(ep.scim_url.clone());
        p.admin_key_file = Some(ready);
        p.credential_store.get_or_insert(StoreKind::File);
        if file.default_profile.is_none() {
            file.default_profile = Some(config::SANDBOX_PROFILE.to_owned());
        }
    })
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
