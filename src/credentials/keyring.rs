//! The OS keyring and the Linux kernel keyring, through keyring-core and one store
//! crate per platform. Every call runs on a blocking thread with a timeout: the
//! D-Bus stores must not run inside the async runtime (keyring-rs#132), and a
//! keyring that waits on an unlock prompt nobody sees must not hang a CI job.

use std::sync::Arc;
use std::time::Duration;

use keyring_core::{CredentialStore, Entry, Error};

use super::StoreKind;
use crate::secret::Secret;

const TIMEOUT: Duration = Duration::from_secs(10);

pub enum Op {
    Get,
    Set(Secret),
    Delete,
}

/// Why a keyring call failed, in words, with a hint for the usual causes.
pub struct Failure {
    pub detail: String,
    pub hint: Option<String>,
}

pub fn describe_native() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else {
        "Secret Service keyring"
    }
}

/// Runs `op` on the `service`/`account` entry. `Get` returns the secret, `Set`
/// returns `None`, `Delete` returns `Some(_)` when there was an entry.
pub async fn run(
    kind: StoreKind,
    service: &'static str,
    account: String,
    op: Op,
) -> Result<Option<Secret>, Failure> {
    let call = tokio::task::spawn_blocking(move || run_blocking(kind, service, &account, op));
    match tokio::time::timeout(TIMEOUT, call).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => Err(Failure {
            detail: format!("the keyring call failed: {join}"),
            hint: None,
        }),
        Err(_) => Err(Failure {
            detail: format!("no answer within {} s", TIMEOUT.as_secs()),
            hint: Some("the keyring may be waiting for an unlock prompt that cannot be shown; unlock it, or choose another store".into()),
        }),
    }
}

fn run_blocking(
    kind: StoreKind,
    service: &str,
    account: &str,
    op: Op,
) -> Result<Option<Secret>, Failure> {
    let store = open(kind).map_err(|e| explain(kind, &e))?;
    let entry = Entry::new_in_store(&store, service, account).map_err(|e| explain(kind, &e))?;
    let result = match op {
        Op::Get => match entry.get_password() {
            Ok(p) => Ok(Some(Secret::new(p))),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        },
        Op::Set(secret) => entry.set_password(secret.expose()).map(|()| None),
        Op::Delete => match entry.delete_credential() {
            Ok(()) => Ok(Some(Secret::new(""))),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        },
    };
    result.map_err(|e| explain(kind, &e))
}

#[allow(clippy::needless_return)] // each platform's block returns
fn open(kind: StoreKind) -> keyring_core::Result<Arc<CredentialStore>> {
    match kind {
        StoreKind::Keyutils => {
            #[cfg(target_os = "linux")]
            {
                return Ok(linux_keyutils_keyring_store::Store::new()?);
            }
            #[cfg(not(target_os = "linux"))]
            {
                return Err(Error::NotSupportedByStore(
                    "the kernel keyring exists only on Linux".into(),
                ));
            }
        }
        _ => {
            #[cfg(target_os = "macos")]
            {
                return Ok(apple_native_keyring_store::keychain::Store::new()?);
            }
            #[cfg(target_os = "windows")]
            {
                return Ok(windows_native_keyring_store::Store::new()?);
            }
            #[cfg(all(unix, not(target_os = "macos")))]
            {
                return Ok(zbus_secret_service_keyring_store::Store::new()?);
            }
        }
    }
}

fn explain(kind: StoreKind, e: &Error) -> Failure {
    let detail = e.to_string();
    let hint = match (kind, e) {
        (StoreKind::Keyutils, Error::NoStorageAccess(_)) => Some(
            "there is no session keyring here (cron, CI, a container?): run scimctl under `keyctl session -`, or choose another store".to_owned(),
        ),
        (_, Error::PlatformFailure(_)) => Some(
            "no keyring service answers: on a headless Linux host there is usually no D-Bus session or no Secret Service daemon (gnome-keyring, KeePassXC)".to_owned(),
        ),
        (_, Error::NoStorageAccess(_)) => Some(
            "the keyring is locked, or has no default collection, and no unlock prompt can be shown: unlock it (e.g. `gnome-keyring-daemon --unlock`)".to_owned(),
        ),
        (_, Error::TooLong(..)) => Some("the secret is too long for this store".to_owned()),
        _ => None,
    };
    Failure { detail, hint }
}
