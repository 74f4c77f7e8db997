//! Synthetic users for demos, paging tests and benchmarks (`scimctl sandbox --seed-users N`).

use rusqlite::Connection;
use serde_json::json;

use super::api_error::ApiError;
use super::rules::Rules;
use super::store::{self, Manager};
use crate::scim::resource::normalize;
use crate::scim::schema::ResourceKind;

/// Makes sure `user000001@example.test` … `user{n}@example.test` exist, as local
/// users, in the caller's transaction. Returns how many were added; names that
/// already exist are left alone, so seeding twice is harmless.
pub fn seed_users(tx: &Connection, rules: &Rules, n: usize) -> Result<usize, ApiError> {
    let mut added = 0;
    for i in 1..=n {
        let user_name = format!("user{i:06}@example.test");
        let taken: bool = tx
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM resources WHERE kind = 'User' AND name_lc = ?1)",
            )?
            .query_row([&user_name], |r| r.get(0))?;
        if taken {
            continue;
        }
        let body = json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": user_name,
            "externalId": format!("ext-{i:06}"),
            "name": {"givenName": format!("Given{i}"), "familyName": format!("Family{i}")},
            "displayName": format!("User {i}"),
            "emails": [{"value": user_name, "type": "work", "primary": true}],
            "active": true,
        });
        let doc = normalize(ResourceKind::User, &body).map_err(store::StoreError::from)?;
        store::save(tx, rules, ResourceKind::User, None, doc, Manager::Local)?;
        added += 1;
    }
    Ok(added)
}
