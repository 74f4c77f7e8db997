//! Case-insensitive access to JSON object keys: SCIM attribute names are
//! case-insensitive (RFC 7643 §2.1), and IdPs do not always use canonical case.

use serde_json::{Map, Value};

/// The value under `key`, matching the key case-insensitively (exact match first).
pub fn get_ci<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    let obj = v.as_object()?;
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// The actual key in `obj` that matches `key` case-insensitively.
pub fn key_ci(obj: &Map<String, Value>, key: &str) -> Option<String> {
    if obj.contains_key(key) {
        return Some(key.to_owned());
    }
    obj.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()
}

/// Removes `key` (case-insensitively), returning its value.
pub fn remove_ci(obj: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let k = key_ci(obj, key)?;
    obj.remove(&k)
}
