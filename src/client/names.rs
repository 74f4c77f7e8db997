//! The names of many resources by id in few requests, on any SCIM server:
//! `filter=id eq "…" or id eq "…"` in batches, keeping only answers whose id
//! was asked; whatever a batch leaves out (a server that refuses the filter,
//! ignores it, or caps its page) is fetched one GET per id.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::{ScimClient, encode, quote};

/// Ids per filter: ~50 UUIDs keep the URL near 3 KB, well under the 8 KB
/// many servers and proxies accept.
const BATCH: usize = 50;
/// Requests in flight at once, batches or single GETs.
const IN_FLIGHT: usize = 8;

/// `attr` (e.g. `userName`) of each of `ids` under `/{collection}`, by id;
/// ids that cannot be read are absent.
pub async fn by_id(
    client: &ScimClient,
    collection: &'static str,
    attr: &'static str,
    ids: &[String],
) -> HashMap<String, String> {
    let mut found = HashMap::with_capacity(ids.len());
    let limit = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut batches = JoinSet::new();
    for batch in ids.chunks(BATCH) {
        let (client, limit, batch) = (client.clone(), limit.clone(), batch.to_vec());
        batches.spawn(async move {
            let _permit = limit.acquire().await;
            one_batch(&client, collection, attr, &batch).await
        });
    }
    let mut refused = false;
    while let Some(Ok(answer)) = batches.join_next().await {
        match answer {
            Some(names) => found.extend(names),
            None => refused = true,
        }
    }
    if refused {
        tracing::debug!("{collection}: the server refused `id eq … or …`; one GET per id");
    }
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| !found.contains_key(*id))
        .cloned()
        .collect();
    let mut singles = JoinSet::new();
    for id in missing {
        let (client, limit) = (client.clone(), limit.clone());
        singles.spawn(async move {
            let _permit = limit.acquire().await;
            let path = format!("/{collection}/{}", encode(&id));
            let name = client
                .get(&path, &[("attributes", attr.to_owned())])
                .await
                .ok()
                .and_then(|r| r.get(attr).and_then(Value::as_str).map(str::to_owned));
            (id, name)
        });
    }
    while let Some(Ok((id, name))) = singles.join_next().await {
        if let Some(name) = name {
            found.insert(id, name);
        }
    }
    found
}

/// One filtered page: the names of those of `batch` it holds, or `None` when
/// the server refused the request.
async fn one_batch(
    client: &ScimClient,
    collection: &str,
    attr: &str,
    batch: &[String],
) -> Option<HashMap<String, String>> {
    let filter = batch
        .iter()
        .map(|id| format!("id eq {}", quote(id)))
        .collect::<Vec<_>>()
        .join(" or ");
    let answer = client
        .get(
            &format!("/{collection}"),
            &[
                ("filter", filter),
                ("attributes", attr.to_owned()),
                ("count", batch.len().to_string()),
            ],
        )
        .await
        .ok()?;
    let asked: HashSet<&str> = batch.iter().map(String::as_str).collect();
    let names = answer
        .get("Resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let id = r.get("id").and_then(Value::as_str)?;
            let name = r.get(attr).and_then(Value::as_str)?;
            // A server that ignored the filter answers other resources: only
            // the ones asked for count.
            asked.contains(id).then(|| (id.to_owned(), name.to_owned()))
        })
        .collect();
    Some(names)
}
