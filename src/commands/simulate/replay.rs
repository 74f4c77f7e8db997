//! `scimctl simulate okta|entra`: replay an IdP's provisioning traffic against a
//! SCIM server (by default an in-process sandbox) and report what would break;
//! load mode replays an initial push.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::admin::AdminClient;
use crate::context::{Context, Source};
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::sandbox;
use crate::secret::{Secret, read_stdin_secret};
use crate::simulate::load::{self, LoadOptions};
use crate::simulate::profile::Profile;
use crate::simulate::transcript::Form;
use crate::simulate::wire::Wire;
use crate::simulate::{self, Options, SCENARIOS};
use crate::units::parse_window;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::REPORT;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Cleanup {
    /// Okta's way: deactivate the users it created (groups are deleted)
    Deactivate,
    /// Delete users and groups
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    Auto,
    On,
    Off,
}

/// What a replay is given (the `simulate` command without a subcommand).
#[derive(Debug, Clone, Args)]
pub struct ReplayArgs {
    /// The IdP profile to replay
    ///
    /// Example: scimctl simulate entra-aadopt
    #[arg(
        value_enum,
        value_name = "PROFILE",
        required = true,
        ignore_case = true
    )]
    pub idp: Option<Profile>,
    /// Read the target's token from stdin (else SCIMCTL_TOKEN, else the stored one)
    ///
    /// Example: printenv TOKEN | scimctl simulate okta --url https://… --token-stdin
    #[arg(long)]
    pub token_stdin: bool,
    /// Run only these scenarios (repeatable)
    ///
    /// Example: scimctl simulate entra --scenario connection --scenario groups
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(SCENARIOS))]
    pub scenario: Vec<String>,
    /// Write every request and response here, tokens redacted: HAR 1.2 when FILE ends in .har, else HTTP text with a curl line per request (repeatable)
    ///
    /// Example: scimctl simulate okta --transcript okta-run.har --transcript okta-run.txt
    #[arg(long, value_name = "FILE")]
    pub transcript: Vec<PathBuf>,
    /// Leave what the run created in place
    ///
    /// Example: scimctl simulate okta --keep
    #[arg(long)]
    pub keep: bool,
    /// How to clean up users [default: deactivate for Okta profiles, delete for Entra]
    ///
    /// Example: scimctl simulate okta --cleanup delete
    #[arg(long, value_enum, value_name = "HOW")]
    pub cleanup: Option<Cleanup>,
    /// Print the planned requests without sending anything
    ///
    /// Example: scimctl simulate entra --dry-run
    #[arg(long)]
    pub dry_run: bool,
    /// Treat warnings (what the IdP tolerates but the RFC forbids) as failures
    ///
    /// Example: scimctl simulate okta --strict -o junit > okta.xml
    #[arg(long)]
    pub strict: bool,
    /// Check our service's product rules (auto: when the target is our sandbox or service)
    ///
    /// Example: scimctl simulate okta --product-rules off
    #[arg(long, value_enum, default_value = "auto")]
    pub product_rules: Switch,
    /// okta-spec: also run Okta's Entitlements test on this endpoint (e.g. /Entitlements)
    ///
    /// Example: scimctl simulate okta-spec --url https://… --entitlements /Roles
    #[arg(long, value_name = "PATH")]
    pub entitlements: Option<String>,
    /// Load mode: replay an initial push (match, then create) of --users users
    ///
    /// Example: scimctl simulate okta --load --users 1000
    #[arg(long)]
    pub load: bool,
    /// Load mode: how many users to push
    ///
    /// Example: scimctl simulate okta --load --users 5000
    #[arg(long, value_name = "N", default_value_t = 100, requires = "load")]
    pub users: usize,
    /// Load mode: concurrent workers
    ///
    /// Example: scimctl simulate entra --load --concurrency 16
    #[arg(long, value_name = "C", default_value_t = 8, requires = "load")]
    pub concurrency: usize,
    /// Load mode: at most R requests per second in all
    ///
    /// Example: scimctl simulate okta --load --rate 25
    #[arg(long, value_name = "R", requires = "load")]
    pub rate: Option<f64>,
    /// Load mode: stop after this long (e.g. 30s, 5m)
    ///
    /// Example: scimctl simulate okta --load --users 100000 --duration 5m
    #[arg(long, value_name = "DURATION", value_parser = parse_window, requires = "load")]
    pub duration: Option<Duration>,
}

struct Target {
    base: String,
    token: Secret,
    /// Known for the in-process sandbox; asked of a URL when it matters.
    ours: Option<bool>,
    sandbox: Option<sandbox::Running>,
}

async fn target(ctx: &Context, args: &ReplayArgs, idp: Profile) -> anyhow::Result<Target> {
    let Some(url) = given_url(ctx) else {
        if args.token_stdin {
            return Err(UserError::usage(
                "--token-stdin reads the token of a target given with --url, and there is none",
            )
            .hint("pass --url https://…/scim/v2 (without it simulate runs against an in-process sandbox, which needs no token)")
            .into());
        }
        // The README's main job: a sandbox in this process, SCIM enabled for the IdP.
        let running = sandbox::start(sandbox::Options {
            listen: "127.0.0.1:0".parse()?,
            ..Default::default()
        })
        .await?;
        let admin = AdminClient::new(
            &running.endpoints.admin_url,
            Secret::new(running.endpoints.admin_key.clone()),
        )?;
        let idp_name = if idp.is_okta() { "okta" } else { "entra" };
        let issued = admin.enable(idp_name).await?;
        ctx.status(format!(
            "Simulating {} against an in-process sandbox at {}",
            idp.idp(),
            issued.scim_base_url
        ));
        return Ok(Target {
            base: issued.scim_base_url,
            token: issued.token,
            ours: Some(true),
            sandbox: Some(running),
        });
    };
    let token = token_for(ctx, &url, args.token_stdin).await?;
    Ok(Target {
        base: url,
        token,
        ours: None,
        sandbox: None,
    })
}

/// Only a URL given for this run (--url or SCIMCTL_URL) is a target; a profile's
/// stored URL is not, so that a bare `simulate` never touches a real service.
pub(super) fn given_url(ctx: &Context) -> Option<String> {
    ctx.scim_url
        .as_ref()
        .filter(|s| matches!(s.source, Source::Flag(_) | Source::Env(_)))
        .map(|s| s.value.clone())
}

/// The token for a target given by URL: stdin, else `SCIMCTL_TOKEN`, else the
/// profile's stored one when the URL is the profile's own.
pub(super) async fn token_for(
    ctx: &Context,
    url: &str,
    token_stdin: bool,
) -> anyhow::Result<Secret> {
    crate::http::check_url("--url", url)?;
    if token_stdin {
        return read_stdin_secret("SCIM token");
    }
    let (token, _) = ctx.scim_token_for(url).await?.ok_or_else(|| {
        UserError::new(Exit::Auth, "no token for the target")
            .hint("pipe the customer's token to --token-stdin (it stays out of argv and history), or set SCIMCTL_TOKEN")
    })?;
    Ok(token)
}

pub async fn run(ctx: &Context, args: ReplayArgs) -> anyhow::Result<Exit> {
    let idp = args.idp.ok_or_else(|| {
        UserError::usage("simulate needs a PROFILE or a subcommand")
            .hint("profiles: okta, okta-aiw, entra, entra-aadopt, okta-spec, ms-validator; subcommand: cleanup")
    })?;
    if args.dry_run && args.load {
        return Err(UserError::usage("--dry-run and --load do not go together").into());
    }
    if args.load && idp.is_suite() {
        return Err(UserError::usage(format!(
            "--load replays an IdP engine's initial push; {} is a test suite",
            idp.name()
        ))
        .hint("use --load with okta, okta-aiw, entra or entra-aadopt")
        .into());
    }
    if args.entitlements.is_some() && idp != Profile::OktaSpec {
        return Err(UserError::usage(
            "--entitlements runs Okta's Entitlements test, part of okta-spec",
        )
        .hint("scimctl simulate okta-spec --url … --entitlements /Roles")
        .into());
    }
    let target = target(ctx, &args, idp).await?;
    let cleanup_delete = match args.cleanup {
        Some(Cleanup::Delete) => true,
        Some(Cleanup::Deactivate) => false,
        None => !idp.is_okta(),
    };
    let outcome = if args.load {
        let opts = LoadOptions {
            profile: idp,
            users: args.users,
            concurrency: args.concurrency,
            rate: args.rate,
            duration: args.duration,
            keep: args.keep,
            cleanup_delete,
            progress: !ctx.quiet && std::io::stderr().is_terminal(),
        };
        let run_id = simulate::new_run_id();
        ctx.status(format!(
            "Load run {run_id}: {} users as {} to {}, {} workers (Ctrl-C stops and cleans up)",
            args.users,
            idp.idp(),
            crate::secret::without_userinfo(&target.base),
            args.concurrency
        ));
        let report = load::run(&target.base, target.token.clone(), &run_id, opts).await?;
        print_load(ctx, &report)?;
        if report.interrupted {
            // 128 + SIGINT, as a shell reports an interrupted command.
            return Ok(Exit::Interrupted);
        }
        if report.errors > 0 {
            Exit::Failure
        } else {
            Exit::Success
        }
    } else {
        let mut wire = Wire::new(&target.base, target.token.clone(), idp, args.dry_run)?;
        let product_rules = match args.product_rules {
            Switch::On => true,
            Switch::Off => false,
            Switch::Auto => match target.ours {
                Some(ours) => ours,
                None if args.dry_run => false,
                None => simulate::is_ours(&mut wire).await,
            },
        };
        if product_rules && target.sandbox.is_none() {
            ctx.warn("the rules scenario pushes Split_Administrators, which maps onto Administrators: on our service Administrators becomes IdP-managed (view-only in the app) until SCIM is disabled; --product-rules off skips it");
        }
        let opts = Options {
            profile: idp,
            scenarios: args.scenario.clone(),
            keep: args.keep,
            cleanup_delete,
            dry_run: args.dry_run,
            product_rules,
            entitlements: args.entitlements.clone(),
        };
        let report = simulate::run_on(wire, opts).await?;
        // Reports and transcripts quote what the server said, which may echo a
        // secret back: each is redacted whole before it is written.
        for path in &args.transcript {
            let mut text = Vec::new();
            report.write_transcript_as(Form::of(path), &mut text)?;
            let text = crate::secret::redact(&String::from_utf8_lossy(&text)).into_owned();
            crate::config::write_atomically(path, text.as_bytes(), 0o600).map_err(|e| {
                UserError::failure(format!(
                    "cannot write the transcript {}: {e}",
                    path.display()
                ))
            })?;
            ctx.status(format!("Transcript: {}", path.display()));
        }
        let mut text = Vec::new();
        match ctx.output {
            OutputFormat::Json => {
                serde_json::to_writer_pretty(&mut text, &report.to_json(args.strict))?;
                writeln!(text)?;
            }
            OutputFormat::Junit => report.write_junit(&mut text, args.strict)?,
            _ => {
                let color = ctx.stdout_is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                report.write_table(&mut text, args.strict, color)?;
            }
        }
        let mut out = std::io::stdout().lock();
        out.write_all(crate::secret::redact(&String::from_utf8_lossy(&text)).as_bytes())?;
        out.flush()?;
        if let Some(stop) = &report.stopped {
            if let Some(s) = target.sandbox {
                s.stop().await?;
            }
            let hint = match stop.exit {
                Exit::Auth => {
                    "check the token: pipe the right one to --token-stdin (or set SCIMCTL_TOKEN); the rest of the checks were blocked"
                }
                _ => {
                    "check --url and that the server is up (and --timeout for a slow one); the rest of the checks were blocked"
                }
            };
            let mut e = UserError::new(stop.exit, stop.reason.clone());
            if stop.reason.contains("TLS") || stop.reason.contains("certificate") {
                e = e.hint("the server's TLS certificate was not trusted: for a private CA pass --ca-cert FILE (PEM); TLS is never turned off");
            }
            return Err(e.hint(hint).into());
        }
        // A dry run's checks saw placeholders, not answers: it succeeds by printing the plan.
        if !args.dry_run && report.summary(args.strict).failed > 0 {
            Exit::Failure
        } else {
            Exit::Success
        }
    };
    if let Some(s) = target.sandbox {
        s.stop().await?;
    }
    Ok(outcome)
}

fn print_load(ctx: &Context, r: &load::LoadReport) -> anyhow::Result<()> {
    if ctx.output == OutputFormat::Json {
        crate::output::print_json(r)?;
    } else {
        let mut rows = vec![
            ("run".to_owned(), r.run_id.clone()),
            ("profile".to_owned(), r.profile.to_owned()),
            ("target".into(), r.target.clone()),
            (
                "users pushed".into(),
                format!(
                    "{} of {} ({} created)",
                    r.users_pushed, r.users_requested, r.users_created
                ),
            ),
            (
                "requests".into(),
                format!(
                    "{} in {:.2} s{}",
                    r.requests,
                    r.duration_ms / 1000.0,
                    if r.stopped_by_duration {
                        " (stopped by --duration)"
                    } else {
                        ""
                    }
                ),
            ),
            (
                "throughput".into(),
                format!("{:.0} requests/s", r.requests_per_second),
            ),
            (
                "latency".into(),
                format!(
                    "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
                    r.p50_ms, r.p95_ms, r.p99_ms
                ),
            ),
            ("errors".into(), r.errors.to_string()),
            (
                "429 answers".into(),
                format!("{} (Retry-After honoured)", r.throttled),
            ),
        ];
        if r.interrupted {
            rows.push((
                "interrupted".into(),
                format!("by Ctrl-C; {} created users cleaned up", r.users_cleaned_up),
            ));
        }
        crate::output::print_fields(&rows, ctx.stdout_is_terminal)?;
    }
    if r.interrupted && r.users_cleaned_up < r.users_created {
        ctx.warn(format!(
            "{} of the {} users created were not cleaned up: scimctl simulate cleanup --run-id {} --url {} --token-stdin",
            r.users_created - r.users_cleaned_up,
            r.users_created,
            r.run_id,
            crate::secret::without_userinfo(&r.target)
        ));
    }
    for e in &r.first_errors {
        ctx.warn(e);
    }
    Ok(())
}
