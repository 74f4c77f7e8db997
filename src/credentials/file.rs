//! The file credential store (`--credential-store file`, `--insecure-storage`): a
//! JSON map in the config directory, mode 0600, rewritten atomically under a lock
//! (so concurrent processes lose nothing). Plain text on disk, so choosing it
//! warns; it is for headless hosts with no keyring. A file someone else owns or
//! may write is not read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{Guarded, lock, untrusted, write_atomically};
use crate::secret::Secret;

pub const FILE_NAME: &str = "credentials.json";

pub fn path(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE_NAME)
}

fn load(path: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Some(why) = untrusted(dir).or_else(|| untrusted(path)) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{why}; scimctl reads no secrets from it (make it yours and mode 0600)"),
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} is not a scimctl credentials file: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(e),
    }
}

fn save(path: &Path, map: &BTreeMap<String, String>) -> std::io::Result<()> {
    let body = serde_json::to_vec_pretty(map).map_err(std::io::Error::other)?;
    write_atomically(path, &body, 0o600)
}

pub fn get(path: &Path, account: &str) -> std::io::Result<Option<Secret>> {
    Ok(load(path)?.remove(account).map(Secret::new))
}

/// Takes the store's lock, for one read-modify-write.
fn locked(path: &Path) -> std::io::Result<crate::config::Lock> {
    lock(
        path.parent().unwrap_or(Path::new(".")),
        Guarded::Credentials,
    )
}

pub fn set(path: &Path, account: &str, secret: &Secret) -> std::io::Result<()> {
    let _lock = locked(path)?;
    let mut map = load(path)?;
    map.insert(account.to_owned(), secret.expose().to_owned());
    save(path, &map)
}

/// Removes the entry; returns whether there was one.
pub fn delete(path: &Path, account: &str) -> std::io::Result<bool> {
    let _lock = locked(path)?;
    let mut map = load(path)?;
    let had = map.remove(account).is_some();
    if had {
        save(path, &map)?;
    }
    Ok(had)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn refuses_a_file_or_directory_others_may_write() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path());
        set(&p, "acme:scim-token", &Secret::new("t1-long-enough")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
        let e = get(&p, "acme:scim-token").unwrap_err();
        assert!(e.to_string().contains("writable by everyone"), "{e}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(set(&p, "acme:scim-token", &Secret::new("t2-long-enough")).is_err());
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(
            get(&p, "acme:scim-token").unwrap().unwrap().expose(),
            "t1-long-enough"
        );
    }

    #[test]
    fn stores_with_mode_0600_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path());
        set(&p, "acme:scim-token", &Secret::new("t1")).unwrap();
        set(&p, "other:scim-token", &Secret::new("t2")).unwrap();
        assert_eq!(get(&p, "acme:scim-token").unwrap().unwrap().expose(), "t1");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(delete(&p, "acme:scim-token").unwrap());
        assert!(!delete(&p, "acme:scim-token").unwrap());
        assert!(get(&p, "acme:scim-token").unwrap().is_none());
        assert_eq!(get(&p, "other:scim-token").unwrap().unwrap().expose(), "t2");
    }
}
