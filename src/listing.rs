//! The list pipeline shared by `users list` and `groups list`: check the filter,
//! walk the pages in the background, show progress on a terminal, and render
//! each page as it arrives.

use std::io::IsTerminal;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::client::pager::{self, Event, ListQuery};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::render::{self, Renderer};
use crate::scim::{ResourceKind, filter};

/// Flags every list command takes.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// SCIM filter (RFC 7644 §3.4.2.2), e.g. 'userName sw "a"'; checked before any request
    ///
    /// Example: scimctl users list --filter 'emails[type eq "work"].value ew "@example.com"'
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// Stop after N resources
    ///
    /// Example: scimctl users list --limit 10
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Resources per request (servers may cap it; paging copes)
    ///
    /// Example: scimctl users list --page-size 100
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub page_size: u32,
    /// Sort by this attribute, if the server supports sorting
    ///
    /// Example: scimctl users list --sort-by userName
    #[arg(long, value_name = "ATTR")]
    pub sort_by: Option<String>,
    /// Columns for table, wide and csv output, e.g. id,userName,active
    ///
    /// Example: scimctl users list --columns userName,active -o csv
    #[arg(long, value_name = "A,B,C")]
    pub columns: Option<String>,
    /// Omit the header line of table and csv output
    ///
    /// Example: scimctl users list --no-headers | wc -l
    #[arg(long)]
    pub no_headers: bool,
    /// Read the SCIM token from stdin (with --url, for any SCIM server)
    ///
    /// Example: printenv TOKEN | scimctl users list --url https://other.example/scim/v2 --token-stdin
    #[arg(long)]
    pub token_stdin: bool,
}

/// Parses `expr` as a SCIM filter; an error points at the position.
pub fn check_filter(expr: &str) -> Result<(), UserError> {
    filter::parse(expr).map(|_| ()).map_err(|e| {
        let pointer = e.pointer(expr).replace('\n', "\n  ");
        UserError::usage(format!(
            "the filter is not valid: {} (at character {})\n  {pointer}",
            e.message,
            e.position + 1
        ))
        .hint(r#"SCIM filters look like: userName eq "ada@example.com" and active eq true"#)
    })
}

/// A filter term a command adds (`--active`), with what it means on this side,
/// for a server that refuses the term: then it is applied to each listed user.
#[derive(Debug, Clone, Copy)]
pub struct Extra {
    pub expr: &'static str,
    /// The value of `active` the term keeps.
    pub active: bool,
}

/// The server refused the filter itself (400, or 501 for an unsupported one).
fn refuses_filter(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<UserError>())
        .any(|u| matches!(u.http_status, Some(400 | 501)))
}

pub async fn list(
    ctx: &Context,
    kind: ResourceKind,
    args: &ListArgs,
    extra: Option<Extra>,
) -> anyhow::Result<Exit> {
    let extra_filter = extra.map(|x| x.expr);
    let filter = match (&args.filter, extra_filter) {
        (Some(f), Some(x)) => Some(format!("({f}) and {x}")),
        (Some(f), None) => Some(f.clone()),
        (None, Some(x)) => Some(x.to_owned()),
        (None, None) => None,
    };
    if let Some(f) = &args.filter {
        check_filter(f)?;
    }
    let columns = render::select(kind, ctx.output, args.columns.as_deref())?;
    let client = ctx.scim_client(args.token_stdin).await?;
    let wants_managers = columns.iter().any(|c| c.name == "idpManaged")
        && !matches!(
            ctx.output,
            crate::output::OutputFormat::Json
                | crate::output::OutputFormat::Ndjson
                | crate::output::OutputFormat::Name
        );
    let mut lookup = if wants_managers {
        ctx.manager_lookup(kind).await
    } else {
        None
    };
    let query = ListQuery {
        path: kind.endpoint().to_owned(),
        filter,
        sort_by: args.sort_by.clone(),
        page_size: args.page_size as usize,
        limit: args.limit,
        ..Default::default()
    };
    let mut pages = pager::walk(client.clone(), query.clone());
    // Set when the server refused the added term: then this side keeps only
    // the users whose `active` is this (absent counts as active).
    let mut client_side: Option<bool> = None;
    let mut printed = 0usize;
    let stdout = std::io::stdout();
    let mut out = Renderer::new(
        std::io::BufWriter::with_capacity(64 * 1024, stdout.lock()),
        ctx.output,
        columns,
        !args.no_headers,
        ctx.stdout_is_terminal,
        None,
    );
    // Nothing reaches stdout before the first page arrived: a listing that
    // fails at once leaves stdout empty (no header, no lone `[`).
    let mut begun = false;
    let mut bar: Option<ProgressBar> = None;
    let mut warnings = Vec::new();
    let mut incomplete = false;
    while let Some(event) = pages.recv().await {
        let event = match event {
            Ok(e) => e,
            Err(e) if !begun && client_side.is_none() && extra.is_some() && refuses_filter(&e) => {
                let x = extra.expect("checked above");
                ctx.warn(format!(
                    "the server refused the filter '{}' ({}); listing without it and keeping only {} users here",
                    x.expr,
                    crate::secret::redact(&e.to_string()),
                    if x.active { "active" } else { "inactive" }
                ));
                client_side = Some(x.active);
                let mut q = query.clone();
                q.filter = args.filter.clone();
                q.limit = None;
                pages = pager::walk(client.clone(), q);
                continue;
            }
            Err(e) => {
                if begun && ctx.output == crate::output::OutputFormat::Json {
                    // What was printed stays valid JSON; the error says the rest.
                    let _ = out.end();
                }
                if let Some(b) = bar {
                    b.finish_and_clear();
                }
                return Err(e);
            }
        };
        match event {
            Event::Total(total) => {
                let expected = total.map(|t| args.limit.map_or(t, |l| t.min(l as u64)));
                if let Some(n) = expected
                    && n > u64::from(args.page_size)
                    && std::io::stderr().is_terminal()
                    && !ctx.quiet
                {
                    let b = ProgressBar::new(n);
                    b.set_style(
                        ProgressStyle::with_template(
                            "{spinner} {pos}/{len} {bar:30} {per_sec} eta {eta}",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    );
                    b.tick();
                    bar = Some(b);
                }
            }
            Event::Page { resources, ids } => {
                if let Some(lookup) = &mut lookup {
                    // Only this page's ids are asked, never the whole service.
                    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                    out.set_managers(lookup.page(&ids).await);
                }
                if !begun {
                    out.begin()?;
                    begun = true;
                }
                for r in &resources {
                    if let Some(want) = client_side {
                        let active = serde_json::from_str::<serde_json::Value>(r.get())
                            .ok()
                            .and_then(|v| v.get("active").and_then(serde_json::Value::as_bool))
                            .unwrap_or(true);
                        if active != want || args.limit.is_some_and(|l| printed >= l) {
                            continue;
                        }
                    }
                    out.row_raw(r)?;
                    printed += 1;
                }
                if client_side.is_some() && args.limit.is_some_and(|l| printed >= l) {
                    break;
                }
                if let Some(b) = &bar {
                    b.inc(resources.len() as u64);
                }
            }
            Event::Warning {
                text,
                incomplete: i,
            } => {
                incomplete |= i;
                warnings.push(text);
            }
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !begun {
        out.begin()?;
    }
    let count = out.end()?;
    for w in warnings {
        ctx.warn(w);
    }
    tracing::info!(count, "listed");
    if incomplete {
        return Err(UserError::new(
            Exit::Incomplete,
            format!("the list is incomplete: {count} listed, the server has more"),
        )
        .hint("the server's paging stopped early; a smaller --page-size, or a --filter that narrows the list, may get the rest")
        .into());
    }
    Ok(Exit::Success)
}
