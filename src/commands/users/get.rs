//! `scimctl users get`: one user, by id or by userName.

use clap::Args;
use serde_json::Value;

use crate::client::{encode, quote};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::render::{self, Renderer};
use crate::scim::ResourceKind;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::RESOURCES;

/// Show one user, by id or --user-name
///
/// Examples:
///   scimctl users get 2819c223-7f76-453a-919d-413861904646
///   scimctl users get --user-name ada@example.com -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct GetUserArgs {
    /// The user's SCIM id
    ///
    /// Example: scimctl users get 2819c223-7f76-453a-919d-413861904646
    #[arg(required_unless_present = "user_name", conflicts_with = "user_name")]
    pub id: Option<String>,
    /// Find the user by userName instead (case-insensitive on most servers)
    ///
    /// Example: scimctl users get --user-name ada@example.com
    #[arg(long, value_name = "NAME")]
    pub user_name: Option<String>,
    /// Read the SCIM token from stdin
    ///
    /// Example: printenv TOKEN | scimctl users get --user-name ada@example.com --url https://… --token-stdin
    #[arg(long)]
    pub token_stdin: bool,
}

pub async fn run(ctx: &Context, args: GetUserArgs) -> anyhow::Result<Exit> {
    let client = ctx.scim_client(args.token_stdin).await?;
    let user = match (&args.id, &args.user_name) {
        (Some(id), _) => client.get(&format!("/Users/{}", encode(id)), &[]).await?,
        (None, Some(name)) => {
            let filter = format!("userName eq {}", quote(name));
            let list = client
                .get("/Users", &[("filter", filter), ("count", "2".into())])
                .await?;
            first_resource(list)
                .ok_or_else(|| UserError::failure(format!("no user has userName '{name}'")))?
        }
        (None, None) => unreachable!("clap requires one"),
    };
    show_one(ctx, ResourceKind::User, &user).await
}

pub fn first_resource(list: Value) -> Option<Value> {
    list.get("Resources")?.as_array()?.first().cloned()
}

/// One resource: pretty JSON for -o json, else the list formats with one row.
pub async fn show_one(ctx: &Context, kind: ResourceKind, r: &Value) -> anyhow::Result<Exit> {
    if ctx.output == OutputFormat::Json {
        output::print_json(r)?;
        return Ok(Exit::Success);
    }
    let managers = match ctx.manager_lookup(kind).await {
        Some(mut lookup) => {
            let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
            Some(lookup.page(&[id]).await)
        }
        None => None,
    };
    if ctx.stdout_is_terminal && matches!(ctx.output, OutputFormat::Table | OutputFormat::Wide) {
        // One resource reads best as a key/value view, every column included.
        let rows: Vec<(String, String)> = render::columns_for(kind)
            .iter()
            .map(|c| (c.header.to_owned(), c.value(r, managers.as_ref())))
            .collect();
        output::print_fields(&rows, true)?;
        return Ok(Exit::Success);
    }
    let columns = render::select(kind, ctx.output, None)?;
    let mut out = Renderer::new(
        std::io::stdout().lock(),
        ctx.output,
        columns,
        true,
        ctx.stdout_is_terminal,
        managers,
    );
    out.begin()?;
    out.row(r)?;
    out.end()?;
    Ok(Exit::Success)
}
