//! Where secrets live: the OS keyring (Secret Service on Linux/BSD, Keychain on
//! macOS, Credential Manager on Windows), the Linux kernel keyring (keyutils), or a
//! 0600 file. Each profile keeps two secrets: the SCIM token and the admin API key.
//! `SCIMCTL_TOKEN` / `SCIMCTL_ADMIN_KEY` are read-only overrides resolved elsewhere.

mod file;
mod keyring;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Exit, UserError};
use crate::secret::Secret;

/// Which store holds a profile's secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)
    Keyring,
    /// The Linux kernel keyring: no daemon needed, but lost on reboot
    Keyutils,
    /// A plain-text file, mode 0600, in the config directory
    File,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::Keyring => "keyring",
            StoreKind::Keyutils => "keyutils",
            StoreKind::File => "file",
        }
    }
}

/// The two secrets a profile has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretName {
    ScimToken,
    AdminKey,
    /// The client secret of the Entra app registration `--push entra` signs in with.
    EntraClientSecret,
    /// The Okta API token (SSWS) `--push okta` reads the app's connection with.
    OktaApiToken,
}

impl SecretName {
    fn account(self, profile: &str) -> String {
        match self {
            SecretName::ScimToken => format!("{profile}:scim-token"),
            SecretName::AdminKey => format!("{profile}:admin-key"),
            SecretName::EntraClientSecret => format!("{profile}:entra-client-secret"),
            SecretName::OktaApiToken => format!("{profile}:okta-api-token"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SecretName::ScimToken => "SCIM token",
            SecretName::AdminKey => "admin API key",
            SecretName::EntraClientSecret => "Entra client secret",
            SecretName::OktaApiToken => "Okta API token",
        }
    }
}

/// A store that failed: what was being done, and the store's own words.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} the {secret} in the {store}: {detail}")]
pub struct StoreError {
    pub action: &'static str,
    pub secret: &'static str,
    pub store: String,
    pub detail: String,
    /// A hint specific to the failure (locked keyring, no session keyring, …).
    pub cause_hint: Option<String>,
}

impl StoreError {
    /// The error as the user sees it: exit code 5 and the ways out.
    pub fn into_user_error(self, kind: StoreKind) -> UserError {
        let mut u = UserError::new(Exit::CredentialStore, self.to_string());
        if let Some(h) = &self.cause_hint {
            u = u.hint(h.clone());
        }
        if kind != StoreKind::Keyutils && cfg!(target_os = "linux") {
            u = u.hint("--credential-store keyutils keeps it in the kernel keyring (no daemon needed; lost on reboot)");
        }
        if kind != StoreKind::File {
            u = u.hint("--insecure-storage keeps it in a 0600 file in the config directory (plain text on disk)");
        }
        u.hint("in CI, set SCIMCTL_TOKEN (and SCIMCTL_ADMIN_KEY) from the CI's secret store instead of storing anything")
    }
}

/// Where a secret is kept or came from, in the one JSON shape every command
/// prints (`{"kind", "description"}`, docs/schemas/common.json `place`);
/// shown to people as its description.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    /// `keyring`, `keyutils` or `file` (a store), `env`, `key_file` or `stdin`.
    pub kind: &'static str,
    pub description: String,
}

impl Place {
    pub fn env(var: &str) -> Place {
        Place {
            kind: "env",
            description: format!("env {var}"),
        }
    }

    pub fn key_file(path: &Path) -> Place {
        Place {
            kind: "key_file",
            description: format!("file {}", path.display()),
        }
    }

    pub fn stdin() -> Place {
        Place {
            kind: "stdin",
            description: "stdin".into(),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

/// A credential store for one kind, ready to use.
#[derive(Debug, Clone)]
pub struct Store {
    pub kind: StoreKind,
    file: PathBuf,
}

const SERVICE: &str = "scimctl";

impl Store {
    pub fn new(kind: StoreKind, config_dir: &Path) -> Store {
        Store {
            kind,
            file: file::path(config_dir),
        }
    }

    /// Where secrets go, in words: "the Secret Service keyring", "the file …".
    pub fn describe(&self) -> String {
        match self.kind {
            StoreKind::Keyring => keyring::describe_native().to_owned(),
            StoreKind::Keyutils => "Linux kernel keyring (keyutils)".to_owned(),
            StoreKind::File => format!("file {}", self.file.display()),
        }
    }

    /// The store as a [`Place`].
    pub fn place(&self) -> Place {
        Place {
            kind: self.kind.as_str(),
            description: self.describe(),
        }
    }

    pub async fn get(&self, profile: &str, name: SecretName) -> Result<Option<Secret>, StoreError> {
        let account = name.account(profile);
        match self.kind {
            StoreKind::File => {
                file::get(&self.file, &account).map_err(|e| self.io_error("read", name, e))
            }
            kind => keyring::run(kind, SERVICE, account, keyring::Op::Get)
                .await
                .map_err(|e| self.keyring_error("read", name, e)),
        }
    }

    pub async fn set(
        &self,
        profile: &str,
        name: SecretName,
        secret: &Secret,
    ) -> Result<(), StoreError> {
        let account = name.account(profile);
        match self.kind {
            StoreKind::File => {
                file::set(&self.file, &account, secret).map_err(|e| self.io_error("save", name, e))
            }
            kind => keyring::run(kind, SERVICE, account, keyring::Op::Set(secret.clone()))
                .await
                .map(|_| ())
                .map_err(|e| self.keyring_error("save", name, e)),
        }
    }

    /// Removes the secret; returns whether there was one.
    pub async fn delete(&self, profile: &str, name: SecretName) -> Result<bool, StoreError> {
        let account = name.account(profile);
        match self.kind {
            StoreKind::File => {
                file::delete(&self.file, &account).map_err(|e| self.io_error("delete", name, e))
            }
            kind => keyring::run(kind, SERVICE, account, keyring::Op::Delete)
                .await
                .map(|found| found.is_some())
                .map_err(|e| self.keyring_error("delete", name, e)),
        }
    }

    /// Deletes every secret `profile` keeps here (its admin key, its token
    /// copy); returns the labels of those there were.
    pub async fn forget(&self, profile: &str) -> Result<Vec<&'static str>, StoreError> {
        let mut removed = Vec::new();
        for name in [
            SecretName::AdminKey,
            SecretName::ScimToken,
            SecretName::EntraClientSecret,
            SecretName::OktaApiToken,
        ] {
            if self.delete(profile, name).await? {
                removed.push(name.label());
            }
        }
        Ok(removed)
    }

    /// Writes and deletes a throwaway entry, so that a store that cannot hold a
    /// secret is found out before the service issues one.
    pub async fn check_writable(&self, profile: &str) -> Result<(), StoreError> {
        let probe = Secret::new("scimctl-probe");
        let account = format!("{profile}:probe");
        let name = SecretName::ScimToken;
        match self.kind {
            StoreKind::File => {
                file::set(&self.file, &account, &probe)
                    .map_err(|e| self.io_error("save", name, e))?;
                file::delete(&self.file, &account).map_err(|e| self.io_error("save", name, e))?;
            }
            kind => {
                keyring::run(kind, SERVICE, account.clone(), keyring::Op::Set(probe))
                    .await
                    .map_err(|e| self.keyring_error("save", name, e))?;
                keyring::run(kind, SERVICE, account, keyring::Op::Delete)
                    .await
                    .map_err(|e| self.keyring_error("save", name, e))?;
            }
        }
        Ok(())
    }

    fn io_error(&self, action: &'static str, name: SecretName, e: std::io::Error) -> StoreError {
        StoreError {
            action,
            secret: name.label(),
            store: self.describe(),
            detail: e.to_string(),
            cause_hint: Some(format!(
                "check that {} is a file you may read and write",
                self.file.display()
            )),
        }
    }

    fn keyring_error(
        &self,
        action: &'static str,
        name: SecretName,
        e: keyring::Failure,
    ) -> StoreError {
        StoreError {
            action,
            secret: name.label(),
            store: self.describe(),
            detail: e.detail,
            cause_hint: e.hint,
        }
    }
}
