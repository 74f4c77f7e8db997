//! `scimctl groups get`: one group, by id or name, optionally with its members
//! resolved to user names.

use std::io::Write;
use std::sync::Arc;

use clap::Args;
use serde_json::{Value, json};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::client::ScimClient;
use crate::commands::users::get::{encode, first_resource, show_one};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::listing::quote;
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

/// Each member with a `name`: the user's userName (or the group's displayName),
/// fetched eight at a time when the server gave no `display`.
async fn resolve_members(client: &ScimClient, group: &Value) -> Vec<Value> {
    let members: Vec<Value> = group
        .get("members")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let limit = Arc::new(Semaphore::new(8));
    let mut tasks = JoinSet::new();
    for (i, m) in members.iter().enumerate() {
        let value = m
            .get("value")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let is_group = m.get("type").and_then(Value::as_str) == Some("Group");
        let (client, limit) = (client.clone(), limit.clone());
        tasks.spawn(async move {
            let _permit = limit.acquire().await;
            let (path, attr) = if is_group {
                ("Groups", "displayName")
            } else {
                ("Users", "userName")
            };
            let name = client
                .get(
                    &format!("/{path}/{}", encode(&value)),
                    &[("attributes", attr.to_owned())],
                )
                .await
                .ok()
                .and_then(|r| r.get(attr).and_then(Value::as_str).map(str::to_owned));
            (i, name)
        });
    }
    let mut resolved = members;
    while let Some(Ok((i, name))) = tasks.join_next().await {
        let fallback = resolved[i].get("display").cloned().unwrap_or(Value::Null);
        resolved[i]["name"] = name.map(Value::String).unwrap_or(fallback);
    }
    for m in &mut resolved {
        if m.get("name").is_none() {
            m["name"] = json!(null);
        }
    }
    resolved
}
