//! Walks a SCIM list (`startIndex`/`count`) page after page in a background
//! task, fetching the next page while the caller prints the last, with bounded
//! memory. Copes with servers that ignore or cap `count`, report a wrong
//! `itemsPerPage`, change `totalResults` mid-walk, or repeat a page: resources
//! are never listed twice, and anything that may have left a gap is a warning.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::sync::mpsc;

use super::ScimClient;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// `/Users` or `/Groups`.
    pub path: String,
    pub filter: Option<String>,
    pub sort_by: Option<String>,
    pub attributes: Option<String>,
    pub excluded_attributes: Option<String>,
    pub page_size: usize,
    pub limit: Option<usize>,
}

/// What the walk reports, in order.
#[derive(Debug)]
pub enum Event {
    /// The server's `totalResults` on the first page (None if it gave none).
    Total(Option<u64>),
    /// Resources as the server wrote them; parsed only by renderers that need to.
    Page(Vec<Box<RawValue>>),
    /// Something the reader should know; `incomplete` when the list is known
    /// to lack resources the server has.
    Warning { text: String, incomplete: bool },
}

/// Starts the walk; pages arrive on the receiver, at most two ahead of the reader.
pub fn walk(client: ScimClient, query: ListQuery) -> mpsc::Receiver<anyhow::Result<Event>> {
    let (tx, rx) = mpsc::channel(2);
    tokio::spawn(async move {
        if let Err(e) = run(&client, &query, &tx).await {
            let _ = tx.send(Err(e)).await;
        }
    });
    rx
}

async fn run(
    client: &ScimClient,
    q: &ListQuery,
    tx: &mpsc::Sender<anyhow::Result<Event>>,
) -> anyhow::Result<()> {
    let ids = RandomState::new();
    let mut seen: HashSet<u64> = HashSet::new();
    let (mut start, mut delivered, mut duplicates) = (1u64, 0usize, 0usize);
    let mut first_total: Option<Option<u64>> = None;
    let mut last_total: Option<u64>;
    let mut total_changed = false;
    loop {
        let want = match q.limit {
            Some(l) => q.page_size.min(l - delivered),
            None => q.page_size,
        };
        let mut params = vec![
            ("startIndex", start.to_string()),
            ("count", want.to_string()),
        ];
        for (k, v) in [
            ("filter", &q.filter),
            ("sortBy", &q.sort_by),
            ("attributes", &q.attributes),
            ("excludedAttributes", &q.excluded_attributes),
        ] {
            if let Some(v) = v {
                params.push((k, v.clone()));
            }
        }
        let body = client.get_bytes(&q.path, &params).await?;
        let page: ListPage = serde_json::from_slice(&body.bytes).map_err(|_| body.not_json())?;
        let total = page.total;
        let resources = page.resources;
        match first_total {
            None => {
                first_total = Some(total);
                if tx.send(Ok(Event::Total(total))).await.is_err() {
                    return Ok(());
                }
            }
            Some(first) if !total_changed && total != first => {
                total_changed = true;
                send_warning(tx, format!(
                    "the server's totalResults changed from {} to {} during the listing: resources created or deleted meanwhile may be missing",
                    show(first), show(total)
                )).await;
            }
            _ => {}
        }
        last_total = total;
        let received = resources.len();
        if received == 0 {
            break;
        }
        let mut kept = Vec::with_capacity(received);
        for r in resources {
            let id = serde_json::from_str::<IdOnly>(r.get())
                .ok()
                .and_then(|i| i.id);
            let fresh = match id {
                Some(id) => seen.insert(ids.hash_one(id.as_ref())),
                None => true,
            };
            if fresh {
                kept.push(r.to_owned());
            } else {
                duplicates += 1;
            }
        }
        if kept.is_empty() {
            send_incomplete(tx, format!(
                "the server returned only resources already listed for startIndex={start}: it seems to ignore startIndex; stopped after {delivered}"
            )).await;
            break;
        }
        if let Some(l) = q.limit {
            kept.truncate(l - delivered);
        }
        delivered += kept.len();
        if tx.send(Ok(Event::Page(kept))).await.is_err() {
            return Ok(()); // the reader stopped (e.g. a closed pipe)
        }
        start += received as u64;
        if q.limit.is_some_and(|l| delivered >= l) {
            return Ok(());
        }
        match total {
            Some(t) if start > t => break,
            None if received < want => break,
            _ => {}
        }
    }
    if duplicates > 0 {
        send_warning(tx, format!(
            "the server returned {duplicates} resource(s) twice across pages (its order is not stable); each was listed once, and others may have been skipped"
        )).await;
    }
    if let Some(t) = last_total
        && (delivered as u64) < t
        && q.limit.is_none()
    {
        send_incomplete(
            tx,
            format!("the server reported {t} results but {delivered} were listed"),
        )
        .await;
    }
    Ok(())
}

/// The parts of a ListResponse the walk needs; resources stay raw.
#[derive(Deserialize)]
struct ListPage<'a> {
    #[serde(rename = "totalResults")]
    total: Option<u64>,
    #[serde(rename = "Resources", default, borrow)]
    resources: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: Option<std::borrow::Cow<'a, str>>,
}

fn show(t: Option<u64>) -> String {
    t.map(|t| t.to_string()).unwrap_or_else(|| "none".into())
}

async fn send_warning(tx: &mpsc::Sender<anyhow::Result<Event>>, w: String) {
    let _ = tx
        .send(Ok(Event::Warning {
            text: w,
            incomplete: false,
        }))
        .await;
}

/// A warning that the list lacks resources the server has.
async fn send_incomplete(tx: &mpsc::Sender<anyhow::Result<Event>>, w: String) {
    let _ = tx
        .send(Ok(Event::Warning {
            text: w,
            incomplete: true,
        }))
        .await;
}
