//! The config file: one profile per service/tenant (admin API URL, SCIM base URL,
//! IdP, where its secrets live). TOML at `$SCIMCTL_CONFIG_DIR/config.toml`, else
//! the user's config dir. It holds no secrets: those live in a credential store.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::credentials::StoreKind;
use crate::error::UserError;

pub const CONFIG_DIR_ENV: &str = "SCIMCTL_CONFIG_DIR";
pub const DEFAULT_PROFILE: &str = "default";
pub const SANDBOX_PROFILE: &str = "sandbox";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The profile used when neither `--profile` nor `SCIMCTL_PROFILE` names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

impl ConfigFile {
    /// "known profiles: a, b", for errors about a name it does not have.
    pub fn known_profiles(&self) -> String {
        if self.profiles.is_empty() {
            "the config has no profiles yet".to_owned()
        } else {
            let names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
            format!("known profiles: {}", names.join(", "))
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Our service's admin API, e.g. https://app.example.com/api/v1
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_url: Option<String>,
    /// The SCIM base URL the service gave at enable time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim_url: Option<String>,
    /// The IdP SCIM was enabled for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp: Option<String>,
    /// Where this profile's token and admin key are stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_store: Option<StoreKind>,
    /// A JSON file whose `admin_key` field is the admin key (the sandbox's ready
    /// file); used when no key was stored with `scimctl login`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_key_file: Option<PathBuf>,
    /// Where `token rotate --push entra` puts the new token (the client
    /// secret is in the credential store or the environment, never here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entra: Option<EntraProfile>,
    /// Where `token rotate --push okta` looks (the API token is in the
    /// credential store or the environment, never here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub okta: Option<OktaProfile>,
}

/// `[profiles.NAME.entra]`: each key can also come from its `SCIMCTL_ENTRA_*` variable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntraProfile {
    pub tenant_id: Option<String>,
    pub client_id: Option<String>,
    /// The enterprise app's service principal (its Object ID).
    pub service_principal_id: Option<String>,
    /// The provisioning job, when the app has more than one.
    pub job_id: Option<String>,
}

/// `[profiles.NAME.okta]`: each key can also come from its `SCIMCTL_OKTA_*` variable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OktaProfile {
    pub org_url: Option<String>,
    pub app_id: Option<String>,
}

/// The config directory: `SCIMCTL_CONFIG_DIR`, else `<config dir>/scimctl`.
pub fn config_dir() -> Result<PathBuf, UserError> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|d| d.join("scimctl"))
        .ok_or_else(|| {
            UserError::usage("cannot find a config directory (no HOME?)").hint(format!(
                "set {CONFIG_DIR_ENV} to a directory scimctl may write"
            ))
        })
}

/// Where the sandbox keeps its database and ready file: `<data dir>/scimctl`.
pub fn data_dir() -> Result<PathBuf, UserError> {
    dirs::data_dir().map(|d| d.join("scimctl")).ok_or_else(|| {
        UserError::usage("cannot find a data directory for the sandbox (no HOME?)")
            .hint("pass --db PATH and --ready-file PATH")
    })
}

/// The config file and where it lives.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub file: ConfigFile,
}

impl Config {
    /// Reads the config file; a missing file is an empty config.
    pub fn load(dir: &Path) -> Result<Config, UserError> {
        let path = dir.join("config.toml");
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                UserError::usage(format!(
                    "the config file {} is malformed: {}",
                    path.display(),
                    e.to_string().trim_end()
                ))
                .hint("fix the line shown, or move the file away to start afresh (profiles are re-created by `scimctl login`, `scimctl enable` and `scimctl sandbox`)")
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ConfigFile::default(),
            Err(e) => {
                return Err(UserError::usage(format!(
                    "cannot read the config file {}: {e}",
                    path.display()
                ))
                .hint(format!("check its permissions, or point {CONFIG_DIR_ENV} elsewhere")));
            }
        };
        Ok(Config { path, file })
    }

    /// Writes the config file atomically (a temporary file, then rename). An
    /// existing file is edited in place (toml_edit): the user's comments, order
    /// and formatting stay; only what changed is rewritten.
    pub fn save(&self) -> Result<(), UserError> {
        let text = toml::to_string_pretty(&self.file)
            .map_err(|e| UserError::failure(format!("cannot encode the config: {e}")))?;
        let existing = std::fs::read_to_string(&self.path).ok();
        let body = match existing.as_deref().and_then(|old| merged(old, &text)) {
            Some(edited) => edited,
            None => format!(
                "# scimctl profiles; secrets are not kept here but in a credential store.\n{text}"
            ),
        };
        write_atomically(&self.path, body.as_bytes(), 0o600).map_err(|e| {
            UserError::failure(format!("cannot write {}: {e}", self.path.display())).hint(format!(
                "check the directory's permissions, or point {CONFIG_DIR_ENV} elsewhere"
            ))
        })
    }

    /// Under the config lock, re-reads the file, applies `change` to it, and
    /// saves: every concurrent process's edit is kept.
    pub fn edit<T>(
        dir: &Path,
        change: impl FnOnce(&mut ConfigFile) -> Result<T, UserError>,
    ) -> Result<T, UserError> {
        let _lock = lock(dir, Guarded::Config).map_err(|e| {
            UserError::failure(format!("cannot lock the config in {}: {e}", dir.display())).hint(
                format!("check the directory's permissions, or point {CONFIG_DIR_ENV} elsewhere"),
            )
        })?;
        let mut config = Config::load(dir)?;
        let out = change(&mut config.file)?;
        config.save()?;
        Ok(out)
    }

    /// Under the config lock, re-reads the file, applies `change` to the named
    /// profile, and saves: every concurrent process's edit is kept.
    pub fn update_profile(
        dir: &Path,
        name: &str,
        change: impl FnOnce(&mut Profile, &mut ConfigFile),
    ) -> Result<(), UserError> {
        Config::edit(dir, |file| {
            let mut profile = file.profiles.remove(name).unwrap_or_default();
            change(&mut profile, file);
            file.profiles.insert(name.to_owned(), profile);
            Ok(())
        })
    }
}

/// `old` (the file as the user left it) changed to hold what `new` (the typed
/// config, freshly encoded) holds: values that differ are replaced, keys and
/// profiles that went away removed, new ones appended; everything else — the
/// comments, the order, the spacing — is kept. `None` when `old` can't be read
/// as TOML (then the file is written afresh).
fn merged(old: &str, new: &str) -> Option<String> {
    use toml_edit::{DocumentMut, Item, Table};
    let mut doc: DocumentMut = old.parse().ok()?;
    let fresh: DocumentMut = new.parse().ok()?;
    fn sync(target: &mut Table, source: &Table) {
        let gone: Vec<String> = target
            .iter()
            .map(|(k, _)| k.to_owned())
            .filter(|k| !source.contains_key(k))
            .collect();
        for k in gone {
            target.remove(&k);
        }
        for (k, item) in source.iter() {
            match (target.get_mut(k), item) {
                (Some(Item::Table(t)), Item::Table(s)) => sync(t, s),
                (Some(Item::Value(v)), Item::Value(s))
                    if v.to_string().trim() == s.to_string().trim() => {}
                (Some(existing), _) => {
                    // Keeps the key (and the comment above it); replaces the value.
                    let decor = existing.as_value().map(|v| v.decor().clone());
                    *existing = item.clone();
                    if let (Some(d), Some(v)) = (decor, existing.as_value_mut()) {
                        *v.decor_mut() = d;
                    }
                }
                (None, _) => {
                    target.insert(k, item.clone());
                }
            }
        }
    }
    sync(doc.as_table_mut(), fresh.as_table());
    Some(doc.to_string())
}

/// Writes `bytes` to `path` through a temporary file in the same directory, with
/// `mode` on unix, so that readers see the old or the new content, never half.
/// The temporary file has a random name and is created exclusively with `mode`
/// before any byte is written, so nobody can plant it or a symlink in its place;
/// the rename replaces a symlink at `path` instead of following it.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Creates `dir` (and its parents) if missing; what this creates is 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// An advisory lock on one file in the config directory, held until dropped, so
/// that read-modify-write cycles of concurrent scimctl processes don't interleave.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// What a lock guards: each has its own lock file, so one may be taken while
/// another is held.
#[derive(Debug, Clone, Copy)]
pub enum Guarded {
    /// config.toml
    Config,
    /// credentials.json (the file store)
    Credentials,
    /// asking the service for a token and keeping it: one at a time per config
    /// directory, so that the last token issued is the one stored
    Issuing,
}

impl Guarded {
    fn file_name(self) -> &'static str {
        match self {
            Guarded::Config => ".config.lock",
            Guarded::Credentials => ".credentials.lock",
            Guarded::Issuing => ".issuing.lock",
        }
    }
}

/// Waits for the lock on `what` in `dir` and returns it.
pub fn lock(dir: &Path, what: Guarded) -> std::io::Result<Lock> {
    create_private_dir(dir)?;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = opts.open(dir.join(what.file_name()))?;
    file.lock()?;
    Ok(Lock { _file: file })
}

/// Why a file or directory that holds or points at secrets can't be trusted:
/// owned by someone else, or writable by group or others (as ssh's StrictModes
/// judges; a symlink is judged by what it points at). `None` when it is fine or
/// absent.
pub fn untrusted(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Some(format!(
                "{} is owned by uid {}, not by you (uid {me})",
                path.display(),
                meta.uid()
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Some(format!(
                "{} is writable by {} (mode {:04o})",
                path.display(),
                if meta.mode() & 0o002 != 0 {
                    "everyone"
                } else {
                    "its group"
                },
                meta.mode() & 0o7777
            ));
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flaw this replaced: a temporary name anyone could predict
    /// (`.NAME.tmp-PID`), opened without O_EXCL, followed a planted symlink.
    #[test]
    #[cfg(unix)]
    fn a_planted_temporary_name_or_symlink_is_never_written_through() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "untouched").unwrap();
        let target = dir.path().join("credentials.json");
        let planted = dir
            .path()
            .join(format!(".credentials.json.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomically(&target, b"{\"secret\": 1}", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
        // A symlink at the destination is replaced, not followed.
        std::fs::remove_file(&target).unwrap();
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomically(&target, b"{}", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
        let meta = std::fs::symlink_metadata(&target).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        // Nothing temporary is left behind.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn round_trips_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        Config::update_profile(dir.path(), "acme", |p, f| {
            p.admin_url = Some("https://acme.example/api/v1".into());
            p.credential_store = Some(StoreKind::File);
            f.default_profile = Some("acme".into());
        })
        .unwrap();
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.file.default_profile.as_deref(), Some("acme"));
        assert_eq!(
            c.file.profiles["acme"].credential_store,
            Some(StoreKind::File)
        );
        std::fs::write(
            dir.path().join("config.toml"),
            "[profiles.x]\nadmin_ulr = 1\n",
        )
        .unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert!(err.message.contains("malformed"), "{}", err.message);
        assert!(err.message.contains("admin_ulr"), "{}", err.message);
    }
}

#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn an_edit_keeps_the_users_comments_and_order() {
        let old = r#"# my scimctl setup
default_profile = "sandbox"

# production: ask Ada before touching it
[profiles.acme]
admin_url = "https://acme.example.com/api/v1" # the EU tenant
credential_store = "keyring"

[profiles.sandbox]
admin_url = "http://127.0.0.1:8080/api/v1"
"#;
        let mut file: ConfigFile = toml::from_str(old).unwrap();
        file.default_profile = Some("acme".into());
        file.profiles.get_mut("acme").unwrap().scim_url =
            Some("https://acme.example.com/scim/v2".into());
        file.profiles.remove("sandbox");
        file.profiles.insert(
            "beta".into(),
            Profile {
                admin_url: Some("https://beta.example.com/api/v1".into()),
                ..Default::default()
            },
        );
        let new = toml::to_string_pretty(&file).unwrap();
        let out = merged(old, &new).unwrap();
        assert!(out.starts_with("# my scimctl setup\n"), "{out}");
        assert!(
            out.contains("# production: ask Ada before touching it\n[profiles.acme]"),
            "{out}"
        );
        assert!(out.contains("# the EU tenant"), "{out}");
        assert!(out.contains("default_profile = \"acme\""), "{out}");
        assert!(
            out.contains("scim_url = \"https://acme.example.com/scim/v2\""),
            "{out}"
        );
        assert!(!out.contains("[profiles.sandbox]"), "{out}");
        assert!(out.contains("[profiles.beta]"), "{out}");
        let back: ConfigFile = toml::from_str(&out).unwrap();
        assert_eq!(back.profiles.len(), 2);
        assert_eq!(
            back.profiles["acme"].credential_store,
            Some(StoreKind::Keyring)
        );
    }
}
