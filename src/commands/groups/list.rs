//! `scimctl groups list`: every group, page after page, in any output format.

use clap::Args;

use crate::context::Context;
use crate::error::Exit;
use crate::listing::{self, ListArgs};
use crate::scim::ResourceKind;

/// List groups, following pages automatically
///
/// Columns: id, name, member count, IdP-managed (-o wide adds externalId and times).
///
/// Examples:
///   scimctl groups list
///   scimctl groups list --filter 'displayName sw "eng"' -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct ListGroupsArgs {
    #[command(flatten)]
    pub list: ListArgs,
}

pub async fn run(ctx: &Context, args: ListGroupsArgs) -> anyhow::Result<Exit> {
    listing::list(ctx, ResourceKind::Group, &args.list, None).await
}
