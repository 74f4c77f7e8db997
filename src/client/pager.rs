//! Walks a SCIM list (`startIndex`/`count`) page after page in a background
//! task, fetching the next page while the caller prints the last — and, once
//! the server has honoured `count`, asking for the next few pages while it
//! serves this one — with bounded memory. Copes with servers that ignore or cap `count`, report a wrong
//! `itemsPerPage`, change `totalResults` mid-walk, or repeat a page: resources
//! are never listed twice, and anything that may have left a gap is a warning.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};

use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::{Body, ScimClient};

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
    /// Resources as the server wrote them; parsed only by renderers that need
    /// to. `ids` are theirs (those that have one), read once here.
    Page {
        resources: Vec<Box<RawValue>>,
        ids: Vec<String>,
    },
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
    let mut last_seen_total: Option<u64> = None;
    let mut total_changed = false;
    // The next pages' requests go out while this one is served (the server's
    // other cores), at the startIndex they will have if the server honours
    // `count` as it did so far; a wrong guess is dropped and asked again.
    let mut ahead = Ahead(VecDeque::new());
    let mut honours_count = false;
    loop {
        let want = match q.limit {
            Some(l) => q.page_size.min(l - delivered),
            None => q.page_size,
        };
        // Requests sent ahead are for the pages after this one; if this page
        // does not start where they guessed (the server capped `count`), none do.
        if ahead.0.front().is_some_and(|(at, _)| *at != start) {
            ahead.clear();
        }
        if ahead.0.is_empty() {
            ahead
                .0
                .push_back((start, spawn_fetch(client, q, start, want)));
        }
        // Sent before this page is awaited, so that the server works on them together.
        if let (true, Some(total)) = (honours_count, last_seen_total) {
            while ahead.0.len() <= AHEAD {
                let next = start + (ahead.0.len() * want) as u64;
                let room = q
                    .limit
                    .is_none_or(|l| delivered + (ahead.0.len() + 1) * want <= l);
                if next > total || !room {
                    break;
                }
                ahead
                    .0
                    .push_back((next, spawn_fetch(client, q, next, want)));
            }
        }
        let (_, current) = ahead.0.pop_front().expect("this page was queued above");
        let body = current.await.map_err(anyhow::Error::from)??;
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
        last_seen_total = total;
        let received = resources.len();
        honours_count = received == want;
        if received == 0 {
            break;
        }
        let mut kept = Vec::with_capacity(received);
        let mut kept_ids = Vec::with_capacity(received);
        for r in resources {
            let id = serde_json::from_str::<IdOnly>(r.get())
                .ok()
                .and_then(|i| i.id);
            let fresh = match &id {
                Some(id) => seen.insert(ids.hash_one(id.as_ref())),
                None => true,
            };
            if fresh {
                kept.push(r.to_owned());
                kept_ids.push(id.map(|id| id.into_owned()));
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
            kept_ids.truncate(l - delivered);
        }
        delivered += kept.len();
        let page = Event::Page {
            resources: kept,
            ids: kept_ids.into_iter().flatten().collect(),
        };
        if tx.send(Ok(page)).await.is_err() {
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

/// Pages asked for beyond the one being read: three keep a 2-core sandbox
/// busy (docs/benchmarks.md, "Profiling").
const AHEAD: usize = 3;

/// The requests in flight, by the startIndex each asked for; those still
/// running when the walk ends are aborted.
struct Ahead(VecDeque<(u64, JoinHandle<anyhow::Result<Body>>)>);

impl Ahead {
    fn clear(&mut self) {
        for (_, fetch) in self.0.drain(..) {
            fetch.abort();
        }
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.clear();
    }
}

fn spawn_fetch(
    client: &ScimClient,
    q: &ListQuery,
    start: u64,
    want: usize,
) -> JoinHandle<anyhow::Result<Body>> {
    let (client, q) = (client.clone(), q.clone());
    tokio::spawn(async move { fetch_page(&client, &q, start, want).await })
}

/// One page: `count` resources from `startIndex` `start`, with the query's
/// filter, sorting and attributes.
async fn fetch_page(
    client: &ScimClient,
    q: &ListQuery,
    start: u64,
    want: usize,
) -> anyhow::Result<Body> {
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
    client.get_bytes(&q.path, &params).await
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
