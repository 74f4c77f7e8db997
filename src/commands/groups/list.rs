//! `scimctl groups list`: every group, page after page, in any output format.

use clap::Args;

use crate::context::Context;
use crate::error::Exit;
use crate::listing::{self, ListArgs};
use crate::output::{self, OutputFormat};
use crate::scim::ResourceKind;

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::RESOURCES;

/// List groups, following pages automatically
///
/// Columns: id, name, member count, IdP-managed (-o wide adds externalId and times).
///
/// Examples:
///   scimctl groups list
///   scimctl groups list --filter 'displayName sw "eng"' -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
// The shared list flags carry users' examples; these are the groups' own.
#[command(mut_arg("filter", |a| a.long_help("SCIM filter (RFC 7644 §3.4.2.2), e.g. 'displayName sw \"eng\"'; checked before any request\n\nExample: scimctl groups list --filter 'displayName eq \"Engineering\"'")))]
#[command(mut_arg("limit", |a| a.long_help("Stop after N resources\n\nExample: scimctl groups list --limit 10")))]
#[command(mut_arg("page_size", |a| a.long_help("Resources per request (servers may cap it; paging copes)\n\nExample: scimctl groups list --page-size 100")))]
#[command(mut_arg("sort_by", |a| a.long_help("Sort by this attribute, if the server supports sorting\n\nExample: scimctl groups list --sort-by displayName")))]
#[command(mut_arg("columns", |a| a.long_help("Columns for table, wide and csv output, e.g. id,displayName,members\n\nExample: scimctl groups list --columns displayName,members -o csv")))]
#[command(mut_arg("no_headers", |a| a.long_help("Omit the header line of table and csv output\n\nExample: scimctl groups list --no-headers | wc -l")))]
#[command(mut_arg("token_stdin", |a| a.long_help("Read the SCIM token from stdin (with --url, for any SCIM server)\n\nExample: printenv TOKEN | scimctl groups list --url https://other.example/scim/v2 --token-stdin")))]
pub struct ListGroupsArgs {
    #[command(flatten)]
    pub list: ListArgs,
}

pub async fn run(ctx: &Context, args: ListGroupsArgs) -> anyhow::Result<Exit> {
    listing::list(ctx, ResourceKind::Group, &args.list, None).await
}
