//! `scimctl simulate cleanup`: remove what a simulate run left behind (a killed
//! load run, a `--keep` run), found by its run id.

use clap::Args;

use super::replay::{Cleanup, given_url, token_for};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::simulate::cleanup;
use crate::simulate::profile::Profile;
use crate::simulate::wire::Wire;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Remove the users and groups a simulate run created (named scimctl-sim-<run id>-…)
///
/// Finds them by name (a `sw` filter, or by walking the pages where the server has no
/// such filter; every match is checked by name here), then deletes the groups and
/// deactivates the users as Okta would, or deletes them (--how delete, the default
/// for Entra profiles). The run id is printed by every simulate run. Exit 0 when
/// everything found was removed, 1 otherwise.
///
/// Examples:
///   printenv TOKEN | scimctl simulate cleanup --run-id 3fa2c1 --url https://app.example.com/scim/v2 --token-stdin
///   scimctl simulate cleanup --run-id 3fa2c1 --url http://127.0.0.1:8080/scim/v2 --how delete -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct CleanupArgs {
    /// The run's id: six hex digits, as its report printed it
    ///
    /// Example: scimctl simulate cleanup --run-id 3fa2c1 --url https://…
    #[arg(long, value_name = "ID", value_parser = parse_run_id)]
    pub run_id: String,
    /// Read the target's token from stdin (else SCIMCTL_TOKEN, else the stored one)
    ///
    /// Example: printenv TOKEN | scimctl simulate cleanup --run-id 3fa2c1 --url https://… --token-stdin
    #[arg(long)]
    pub token_stdin: bool,
    /// Whose requests to send (Okta deactivates users, Entra deletes them)
    ///
    /// Example: scimctl simulate cleanup --run-id 3fa2c1 --url https://… --idp entra
    #[arg(long, value_enum, value_name = "PROFILE", default_value = "okta")]
    pub idp: Profile,
    /// How to remove users [default: deactivate for Okta profiles, delete for Entra]
    ///
    /// Example: scimctl simulate cleanup --run-id 3fa2c1 --url https://… --how delete
    #[arg(long, value_enum, value_name = "HOW")]
    pub how: Option<Cleanup>,
}

fn parse_run_id(s: &str) -> Result<String, String> {
    let ok = s.len() == 6
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(s.to_owned())
    } else {
        Err("a run id is six lowercase hex digits, as in scimctl-sim-3fa2c1-…".into())
    }
}

pub async fn run(ctx: &Context, args: CleanupArgs) -> anyhow::Result<Exit> {
    let url = given_url(ctx).ok_or_else(|| {
        UserError::usage("simulate cleanup needs the target's --url").hint(
            "give the same --url the run used (a profile's stored URL is never a simulate target)",
        )
    })?;
    let token = token_for(ctx, &url, args.token_stdin).await?;
    let deactivate = match args.how {
        Some(Cleanup::Deactivate) => true,
        Some(Cleanup::Delete) => false,
        None => args.idp.is_okta(),
    };
    let mut wire = Wire::new(&url, token, args.idp, false)?;
    let (users, groups) = cleanup::find(&mut wire, &args.run_id).await.map_err(|e| {
        UserError::failure(format!("cannot list what run {} created: {e}", args.run_id))
    })?;
    ctx.status(format!(
        "Run {}: {} user(s) ({} active) and {} group(s) found at {url}",
        args.run_id,
        users.len(),
        users.iter().filter(|u| u.active != Some(false)).count(),
        groups.len()
    ));
    let outcome = cleanup::remove(&mut wire, &args.run_id, &users, &groups, deactivate).await;
    if ctx.output == OutputFormat::Json {
        output::print_json(&outcome)?;
    } else {
        let rows = vec![
            ("run".to_owned(), outcome.run_id.clone()),
            (
                "groups deleted".into(),
                format!("{} of {}", outcome.groups_deleted, outcome.groups_found),
            ),
            (
                "users".into(),
                if deactivate {
                    format!(
                        "{} deactivated, {} already inactive, of {}",
                        outcome.users_deactivated,
                        outcome.users_already_inactive,
                        outcome.users_found
                    )
                } else {
                    format!(
                        "{} deleted of {}",
                        outcome.users_deleted, outcome.users_found
                    )
                },
            ),
            ("failed".into(), outcome.failed.len().to_string()),
        ];
        output::print_fields(&rows, ctx.stdout_is_terminal)?;
    }
    for f in &outcome.failed {
        ctx.warn(f);
    }
    Ok(if outcome.failed.is_empty() {
        Exit::Success
    } else {
        Exit::Failure
    })
}
