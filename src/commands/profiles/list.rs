//! `scimctl profiles list`: every profile, its URLs and store, the default marked.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// List the profiles in the config file; the default one is marked
///
/// Examples:
///   scimctl profiles list
///   scimctl profiles list -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {}

pub async fn run(ctx: &Context, _args: ListArgs) -> anyhow::Result<Exit> {
    let file = &ctx.config.file;
    let default = file.default_profile.as_deref();
    if ctx.output == OutputFormat::Json {
        let profiles: Vec<_> = file
            .profiles
            .iter()
            .map(|(name, p)| {
                json!({
                    "name": name,
                    "default": Some(name.as_str()) == default,
                    "admin_url": p.admin_url,
                    "scim_url": p.scim_url,
                    "idp": p.idp,
                    "credential_store": p.credential_store.map(|s| s.as_str()),
                })
            })
            .collect();
        output::print_json(&json!({"default": default, "profiles": profiles}))?;
        return Ok(Exit::Success);
    }
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let rows: Vec<Vec<String>> = file
        .profiles
        .iter()
        .map(|(name, p)| {
            vec![
                if Some(name.as_str()) == default {
                    "*"
                } else {
                    ""
                }
                .to_owned(),
                name.clone(),
                dash(&p.admin_url),
                dash(&p.scim_url),
                dash(&p.idp),
                p.credential_store
                    .map_or("-".into(), |s| s.as_str().to_owned()),
            ]
        })
        .map(|r| {
            r.iter()
                .map(|c| crate::term::escape(c, crate::term::Keep::Nothing).into_owned())
                .collect()
        })
        .collect();
    let headers = ["DEFAULT", "NAME", "ADMIN URL", "SCIM URL", "IDP", "STORE"];
    let text = if ctx.stdout_is_terminal {
        crate::table::layout(
            &headers,
            &[false, true, true, true, false, false],
            &rows,
            crate::table::width(),
        )
    } else {
        let mut t = headers.join("\t") + "\n";
        for r in &rows {
            t.push_str(&r.join("\t"));
            t.push('\n');
        }
        t
    };
    print!("{text}");
    if file.profiles.is_empty() {
        ctx.status("no profiles yet: `scimctl --profile NAME login --admin-url https://…/api/v1` creates one, `scimctl sandbox` the sandbox's");
    }
    Ok(Exit::Success)
}
