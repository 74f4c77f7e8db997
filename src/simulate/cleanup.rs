//! Finding and removing what a simulate run left behind, by its run id: every
//! user and group whose name starts `scimctl-sim-<run id>-`. Users are
//! deactivated as Okta does, or deleted as Entra does; groups are deleted. The
//! server's filter is never trusted alone: every match is checked by name here,
//! so a server that ignores `filter` cannot get anything else removed.

use std::collections::HashSet;

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use super::name_prefix;
use super::wire::Wire;

/// Pages read at most, per resource type (100 each): bounded on any directory.
const MAX_PAGES: usize = 200;
const PAGE: usize = 100;

#[derive(Debug, Clone, Serialize)]
pub struct Leftover {
    pub id: String,
    pub name: String,
    /// Users only: whether the server says it is active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub run_id: String,
    pub users_found: usize,
    pub groups_found: usize,
    pub users_deactivated: usize,
    pub users_deleted: usize,
    pub users_already_inactive: usize,
    pub groups_deleted: usize,
    /// What could not be removed, with the server's answer.
    pub failed: Vec<String>,
}

/// Everything of run `run_id` on the target, users then groups.
pub async fn find(wire: &mut Wire, run_id: &str) -> Result<(Vec<Leftover>, Vec<Leftover>), String> {
    let prefix = name_prefix(run_id);
    let users = matching(wire, "Users", "userName", &prefix).await?;
    let groups = matching(wire, "Groups", "displayName", &prefix).await?;
    Ok((users, groups))
}

/// Removes what `find` found: groups deleted; users deactivated (`deactivate`)
/// or deleted.
pub async fn remove(
    wire: &mut Wire,
    run_id: &str,
    users: &[Leftover],
    groups: &[Leftover],
    deactivate: bool,
) -> Outcome {
    let mut out = Outcome {
        run_id: run_id.to_owned(),
        users_found: users.len(),
        groups_found: groups.len(),
        ..Outcome::default()
    };
    wire.step = "cleanup".into();
    for g in groups {
        match delete(wire, "Groups", g).await {
            Ok(()) => out.groups_deleted += 1,
            Err(e) => out.failed.push(e),
        }
    }
    for u in users {
        if deactivate {
            if u.active == Some(false) {
                out.users_already_inactive += 1;
                continue;
            }
            let r = wire.set_active(&u.id, false).await;
            if matches!(r.status, 200 | 204) {
                out.users_deactivated += 1;
            } else {
                out.failed.push(format!(
                    "user '{}' ({}): deactivation answered HTTP {}",
                    u.name, u.id, r.status
                ));
            }
        } else {
            match delete(wire, "Users", u).await {
                Ok(()) => out.users_deleted += 1,
                Err(e) => out.failed.push(e),
            }
        }
    }
    out
}

/// DELETE one leftover; already gone (404) counts as removed.
async fn delete(wire: &mut Wire, kind: &str, what: &Leftover) -> Result<(), String> {
    let r = wire
        .send(Method::DELETE, &format!("/{kind}/{}", what.id), None)
        .await;
    if matches!(r.status, 200 | 204 | 404) {
        Ok(())
    } else {
        Err(format!(
            "{kind} '{}' ({}): DELETE answered HTTP {}",
            what.name, what.id, r.status
        ))
    }
}

/// The resources of `kind` whose `attr` starts with `prefix` (case-insensitively,
/// as userName compares): by `sw` filter, else, where the server refuses that
/// filter, by walking every page.
async fn matching(
    wire: &mut Wire,
    kind: &str,
    attr: &str,
    prefix: &str,
) -> Result<Vec<Leftover>, String> {
    wire.step = format!("cleanup: find {kind}");
    let filter = wire.filter_param(&format!("{attr} sw \"{prefix}\""));
    let mut filtered = true;
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    let mut start = 1;
    for _ in 0..MAX_PAGES {
        let query = if filtered {
            format!("/{kind}?{filter}&startIndex={start}&count={PAGE}")
        } else {
            format!("/{kind}?startIndex={start}&count={PAGE}")
        };
        let r = wire.send(Method::GET, &query, None).await;
        if filtered && start == 1 && matches!(r.status, 400 | 403 | 501) {
            filtered = false;
            continue;
        }
        if r.status != 200 {
            return Err(format!(
                "GET {query} answered HTTP {}",
                if r.status == 0 {
                    "nothing".into()
                } else {
                    r.status.to_string()
                }
            ));
        }
        let page = r.resources();
        let mut new = 0;
        for v in &page {
            let Some(id) = v.get("id").and_then(Value::as_str) else {
                continue;
            };
            if !seen.insert(id.to_owned()) {
                continue;
            }
            new += 1;
            let name = v.get(attr).and_then(Value::as_str).unwrap_or("");
            if name.to_lowercase().starts_with(prefix) {
                found.push(Leftover {
                    id: id.to_owned(),
                    name: name.to_owned(),
                    active: v.get("active").and_then(Value::as_bool),
                });
            }
        }
        let total = r.get("totalResults").and_then(Value::as_u64).unwrap_or(0) as usize;
        start += page.len();
        if page.is_empty() || new == 0 || start > total {
            break;
        }
    }
    Ok(found)
}
