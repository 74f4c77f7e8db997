//! `scimctl simulate`: replay an IdP against a SCIM server (`replay`), or remove
//! what a run left behind (`cleanup`). This module only dispatches.

mod cleanup;
mod replay;

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::error::Exit;

pub use replay::{Cleanup, ReplayArgs, Switch};

/// Replay Okta's or Entra's provisioning traffic and report what would break
///
/// Sends exactly what the IdP's provisioning engine sends (headers, filter
/// encodings, PATCH shapes, order), checks every answer the way that engine would,
/// and re-reads to verify. Each check says what the IdP would do in production if it
/// failed. Without --url it runs against an in-process sandbox. Everything it creates
/// is named scimctl-sim-<run id>-… and cleaned up unless --keep (`simulate cleanup`
/// removes what a killed run left). Every planned check ends in one verdict: pass,
/// warn, fail, blocked (a check it needs failed) or skipped. Exit 0 when nothing
/// failed, 1 otherwise; a refused token stops the run with 4, no answer with 1.
/// okta-spec and ms-validator replay Okta's SPEC test and Microsoft's SCIM Validator
/// instead, each result under the vendor's own test name.
///
/// Examples:
///   scimctl simulate okta
///   printenv CUSTOMER_TOKEN | scimctl simulate entra --url https://app.example.com/scim/v2 --token-stdin --transcript run.txt
///   scimctl simulate okta --url https://… --token-stdin -o junit > simulate.xml
///   printenv TOKEN | scimctl simulate okta-spec --url https://… --token-stdin
///   scimctl simulate okta --load --users 1000 --concurrency 16
///   scimctl simulate cleanup --run-id 3fa2c1 --url https://… --token-stdin
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SimulateArgs {
    #[command(subcommand)]
    pub action: Option<SimulateAction>,
    #[command(flatten)]
    pub replay: ReplayArgs,
}

#[derive(Debug, Clone, Subcommand)]
#[command(defer = true)]
pub enum SimulateAction {
    Cleanup(cleanup::CleanupArgs),
}

/// The subcommand's name and the formats it prints (load mode has no JUnit).
pub fn formats(args: &SimulateArgs) -> (&'static str, &'static [crate::output::OutputFormat]) {
    match (&args.action, args.replay.load) {
        (Some(SimulateAction::Cleanup(_)), _) => ("simulate cleanup", cleanup::FORMATS),
        (None, true) => ("simulate --load", crate::output::FIELDS),
        (None, false) => ("simulate", replay::FORMATS),
    }
}

pub async fn run(ctx: &Context, args: SimulateArgs) -> anyhow::Result<Exit> {
    match args.action {
        Some(SimulateAction::Cleanup(a)) => cleanup::run(ctx, a).await,
        None => replay::run(ctx, args.replay).await,
    }
}
