//! `scimctl groups get`: one group, by id or name, optionally with its members
//! resolved to user names.

use std::io::Write;

use clap::Args;
use serde_json::Value;

use crate::client::{ScimClient, encode, names, quote};
use crate::commands::users::get::{first_resource, show_one};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::render::csv_field;
use crate::scim::ResourceKind;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::RESOURCES;

/// Show one group, by id or --name; --members lists who is in it
///
/// Examples:
///   scimctl groups get --name Administrators --members
///   scimctl groups get 5d8a… --members -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct GetGroupArgs {
    /// The group's SCIM id
    ///
    /// Example: scimctl groups get 5d8ab1c4-0e6b-4f0e-9a51-6a3f2c1d9e07
    #[arg(required_unless_present = "name", conflicts_with = "name")]
    pub id: Option<String>,
    /// Find the group by displayName instead
    ///
    /// Example: scimctl groups get --name Administrators
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Also list the members, with user names resolved
    ///
    /// Example: scimctl groups get --name Engineering --members -o json
    #[arg(long)]
    pub members: bool,
    /// Read the SCIM token from stdin
    ///
    /// Example: printenv TOKEN | scimctl groups get --name Eng --url https://… --token-stdin
    #[arg(long)]
    pub token_stdin: bool,
}

pub async fn run(ctx: &Context, args: GetGroupArgs) -> anyhow::Result<Exit> {
    let client = ctx.scim_client(args.token_stdin).await?;
    let group = match (&args.id, &args.name) {
        (Some(id), _) => client.get(&format!("/Groups/{}", encode(id)), &[]).await?,
        (None, Some(name)) => {
            let filter = format!("displayName eq {}", quote(name));
            let list = client
                .get("/Groups", &[("filter", filter), ("count", "2".into())])
                .await?;
            first_resource(list)
                .ok_or_else(|| UserError::failure(format!("no group is named '{name}'")))?
        }
        (None, None) => unreachable!("clap requires one"),
    };
    if !args.members {
        return show_one(ctx, ResourceKind::Group, &group).await;
    }
    let members = resolve_members(&client, &group).await;
    // Machine formats stay machine-readable: the group with its resolved
    // members as one document (json, ndjson), or the members alone as rows
    // (csv, name); only the tables add the human member list.
    match ctx.output {
        OutputFormat::Json | OutputFormat::Ndjson => {
            let mut g = group.clone();
            g["members"] = Value::Array(members);
            if ctx.output == OutputFormat::Json {
                output::print_json(&g)?;
            } else {
                println!("{}", serde_json::to_string(&g)?);
            }
            return Ok(Exit::Success);
        }
        OutputFormat::Csv | OutputFormat::Name => {
            let mut out = std::io::stdout().lock();
            if ctx.output == OutputFormat::Csv {
                writeln!(out, "value,name,type")?;
            }
            for m in &members {
                let field = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                let value =
                    crate::term::escape(&field("value"), crate::term::Keep::Nothing).into_owned();
                if ctx.output == OutputFormat::Name {
                    writeln!(out, "{value}")?;
                } else {
                    let kind = m.get("type").and_then(Value::as_str).unwrap_or("User");
                    let name = crate::term::escape(&field("name"), crate::term::Keep::Nothing)
                        .into_owned();
                    writeln!(
                        out,
                        "{},{},{}",
                        csv_field(&value),
                        csv_field(&name),
                        csv_field(kind)
                    )?;
                }
            }
            return Ok(Exit::Success);
        }
        _ => {}
    }
    show_one(ctx, ResourceKind::Group, &group).await?;
    let rows: Vec<(String, String)> = members
        .iter()
        .map(|m| {
            let kind = m.get("type").and_then(Value::as_str).unwrap_or("User");
            let name = m.get("name").and_then(Value::as_str).unwrap_or("?");
            (
                m["value"].as_str().unwrap_or("").to_owned(),
                format!("{name}  ({kind})"),
            )
        })
        .collect();
    if ctx.stdout_is_terminal {
        println!("\nMembers ({}):", rows.len());
    }
    output::print_fields(&rows, ctx.stdout_is_terminal)?;
    Ok(Exit::Success)
}

/// Each member with a `name`: the user's userName (or the group's
/// displayName), looked up in batches (`client::names`), else the `display`
/// the server gave, else null.
async fn resolve_members(client: &ScimClient, group: &Value) -> Vec<Value> {
    let mut members: Vec<Value> = group
        .get("members")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let is_group = |m: &Value| m.get("type").and_then(Value::as_str) == Some("Group");
    let ids = |groups: bool| -> Vec<String> {
        let mut ids: Vec<String> = members
            .iter()
            .filter(|m| is_group(m) == groups)
            .filter_map(|m| m.get("value").and_then(Value::as_str).map(str::to_owned))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let (user_ids, group_ids) = (ids(false), ids(true));
    let (users, groups) = tokio::join!(
        names::by_id(client, "Users", "userName", &user_ids),
        names::by_id(client, "Groups", "displayName", &group_ids),
    );
    for m in &mut members {
        let names = if is_group(m) { &groups } else { &users };
        let name = m
            .get("value")
            .and_then(Value::as_str)
            .and_then(|id| names.get(id))
            .map(|n| Value::String(n.clone()))
            .or_else(|| m.get("display").cloned())
            .unwrap_or(Value::Null);
        m["name"] = name;
    }
    members
}
