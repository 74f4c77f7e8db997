//! `scimctl profiles use NAME`: make a profile the default.

use clap::Args;
use serde_json::json;

use super::known;
use crate::config::Config;
use crate::context::Context;
use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Make a profile the default (used when neither --profile nor SCIMCTL_PROFILE names one)
///
/// Examples:
///   scimctl profiles use acme
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct UseArgs {
    /// The profile to use by default
    ///
    /// Example: scimctl profiles use acme
    #[arg(value_name = "NAME", add = crate::completion::profile_names())]
    pub name: String,
}

pub async fn run(ctx: &Context, args: UseArgs) -> anyhow::Result<Exit> {
    let before = Config::edit(&ctx.config_dir, |file| {
        known(file, &args.name)?;
        Ok(file.default_profile.replace(args.name.clone()))
    })?;
    if ctx.output == OutputFormat::Json {
        output::print_json(&json!({"default": args.name, "previous": before}))?;
    } else {
        ctx.status(match before {
            Some(b) if b != args.name => format!("default profile: {} (was {b})", args.name),
            _ => format!("default profile: {}", args.name),
        });
    }
    Ok(Exit::Success)
}
