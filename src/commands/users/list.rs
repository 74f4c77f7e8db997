//! `scimctl users list`: every user, page after page, in any output format.

use clap::Args;

use crate::context::Context;
use crate::error::Exit;
use crate::listing::{self, ListArgs};
use crate::output::{self, OutputFormat};
use crate::scim::ResourceKind;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::RESOURCES;

/// List users, following pages automatically
///
/// Streams page after page with bounded memory. On a terminal: a table (id, userName,
/// display name, active, work email, IdP-managed); piped: tab-separated, never
/// truncated. -o wide adds externalId and times; -o json (an array), ndjson, csv, name.
///
/// Examples:
///   scimctl users list --filter 'userName sw "a"' --active
///   scimctl users list -o ndjson | jq -r .userName
///   printenv TOKEN | scimctl users list --url https://idp-target.example/scim/v2 --token-stdin -o csv
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct ListUsersArgs {
    #[command(flatten)]
    pub list: ListArgs,
    /// Only active users
    ///
    /// Example: scimctl users list --active -o csv
    #[arg(long, conflicts_with = "inactive")]
    pub active: bool,
    /// Only inactive users
    ///
    /// Example: scimctl users list --inactive -o name
    #[arg(long)]
    pub inactive: bool,
}

pub async fn run(ctx: &Context, args: ListUsersArgs) -> anyhow::Result<Exit> {
    let extra = match (args.active, args.inactive) {
        (true, _) => Some(listing::Extra {
            expr: "active eq true",
            active: true,
        }),
        (_, true) => Some(listing::Extra {
            expr: "active eq false",
            active: false,
        }),
        _ => None,
    };
    listing::list(ctx, ResourceKind::User, &args.list, extra).await
}
