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

    /// Writes the config file atomically (a temporary file, then rename).
    pub fn save(&self) -> Result<(), UserError> {
        let text = toml::to_string_pretty(&self.file)
            .map_err(|e| UserError::failure(format!("cannot encode the config: {e}")))?;
        let body = format!(
            "# scimctl profiles; secrets are not kept here but in a credential store.\n{text}"
        );
        write_atomically(&self.path, body.as_bytes(), 0o600).map_err(|e| {
            UserError::failure(format!("cannot write {}: {e}", self.path.display())).hint(format!(
                "check the directory's permissions, or point {CONFIG_DIR_ENV} elsewhere"
            ))
        })
    }

    /// Re-reads the file, applies `change` to the named profile, and saves: other
    /// processes' edits in between are kept.
    pub fn update_profile(
        dir: &Path,
        name: &str,
        change: impl FnOnce(&mut Profile, &mut ConfigFile),
    ) -> Result<(), UserError> {
        let mut config = Config::load(dir)?;
        let mut profile = config.file.profiles.remove(name).unwrap_or_default();
        change(&mut profile, &mut config.file);
        config.file.profiles.insert(name.to_owned(), profile);
        config.save()
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, with
/// `mode` on unix, so that readers see the old or the new content, never half.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

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
