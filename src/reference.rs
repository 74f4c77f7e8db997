//! The reference texts shown by `scimctl help exit-codes`, `help environment` and
//! `help files`, and rendered into the man pages: one source, so they cannot drift.

use crate::error::Exit;

/// Every environment variable scimctl reads, with what it does.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("SCIMCTL_PROFILE", "the profile to use (like --profile)"),
    (
        "SCIMCTL_ADMIN_URL",
        "the service's admin API URL (like --admin-url)",
    ),
    ("SCIMCTL_URL", "the SCIM base URL (like --url)"),
    (
        "SCIMCTL_TOKEN",
        "the SCIM token; read-only, wins over the stored copy, never stored",
    ),
    (
        "SCIMCTL_ADMIN_KEY",
        "the admin API key; read-only, wins over the stored one",
    ),
    (
        "SCIMCTL_CREDENTIAL_STORE",
        "keyring, keyutils or file (like --credential-store)",
    ),
    (
        "SCIMCTL_CONFIG_DIR",
        "the config directory (config.toml, and credentials.json for the file store)",
    ),
    ("SCIMCTL_NO_INPUT", "1: never prompt (like --no-input)"),
    (
        "SCIMCTL_COMPLETE",
        "set by the script `scimctl completions SHELL` prints: scimctl answers the shell's completion request",
    ),
    (
        "SCIMCTL_SANDBOX_LISTEN",
        "the sandbox's listen address (like sandbox --listen)",
    ),
    (
        "SCIMCTL_SANDBOX_DB",
        "the sandbox's SQLite file (like sandbox --db)",
    ),
    (
        "SCIMCTL_ENTRA_TENANT_ID",
        "--push entra: the directory (tenant) id (else the profile's [entra] tenant_id)",
    ),
    (
        "SCIMCTL_ENTRA_CLIENT_ID",
        "--push entra: the app registration's client id",
    ),
    (
        "SCIMCTL_ENTRA_CLIENT_SECRET",
        "--push entra: its client secret (else the credential store, `scimctl push-login entra`)",
    ),
    (
        "SCIMCTL_ENTRA_SERVICE_PRINCIPAL_ID",
        "--push entra: the enterprise app's Object ID",
    ),
    (
        "SCIMCTL_ENTRA_JOB_ID",
        "--push entra: the provisioning job, when the app has more than one",
    ),
    (
        "SCIMCTL_ENTRA_AUTHORITY_URL",
        "--push entra: the sign-in endpoint (default https://login.microsoftonline.com; https or loopback)",
    ),
    (
        "SCIMCTL_GRAPH_URL",
        "--push entra: Microsoft Graph (default https://graph.microsoft.com; https or loopback)",
    ),
    (
        "SCIMCTL_OKTA_ORG_URL",
        "--push okta: the Okta org, e.g. https://acme.okta.com",
    ),
    ("SCIMCTL_OKTA_APP_ID", "--push okta: the app's id"),
    (
        "SCIMCTL_OKTA_API_TOKEN",
        "--push okta: an SSWS API token (else the credential store, `scimctl push-login okta`)",
    ),
    ("NO_COLOR", "any value: no colour on stderr or in reports"),
    (
        "RUST_LOG",
        "a tracing filter for -v output, e.g. scimctl=debug (release builds have no trace-level events)",
    ),
];

/// Where scimctl keeps things.
pub const FILES: &[(&str, &str)] = &[
    (
        "$SCIMCTL_CONFIG_DIR/config.toml (else ~/.config/scimctl/config.toml)",
        "profiles: admin URL, SCIM URL, IdP, credential store; no secrets",
    ),
    (
        "$SCIMCTL_CONFIG_DIR/credentials.json",
        "the file credential store (--insecure-storage), mode 0600",
    ),
    (
        "~/.local/share/scimctl/sandbox.db",
        "the sandbox's SQLite database (sandbox --db)",
    ),
    (
        "~/.local/share/scimctl/sandbox.json",
        "the running sandbox's URLs and admin key, mode 0600 (sandbox --ready-file)",
    ),
];

pub fn exit_codes_text() -> String {
    let mut s = String::from("Exit codes:\n");
    for (code, meaning) in Exit::ALL {
        s.push_str(&format!("  {:>3}  {meaning}\n", code as u8));
    }
    s.push_str("  130  interrupted (Ctrl-C at a prompt); nothing was changed\n");
    s
}

pub fn environment_text() -> String {
    let width = ENVIRONMENT.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut s = String::from("Environment variables (flag > environment > profile > default):\n");
    for (k, v) in ENVIRONMENT {
        s.push_str(&format!("  {k:width$}  {v}\n"));
    }
    s
}

pub fn files_text() -> String {
    let mut s = String::from("Files:\n");
    for (k, v) in FILES {
        s.push_str(&format!("  {k}\n      {v}\n"));
    }
    s
}

/// [`files_text`] with where each file is on this machine, for `help files`.
pub fn files_text_here() -> String {
    let config = crate::config::config_dir().ok();
    let data = crate::config::data_dir().ok();
    let here = [
        config.as_ref().map(|d| d.join("config.toml")),
        config.as_ref().map(|d| d.join("credentials.json")),
        data.as_ref().map(|d| d.join("sandbox.db")),
        data.as_ref().map(|d| d.join("sandbox.json")),
    ];
    let mut s = String::from("Files:\n");
    for ((k, v), path) in FILES.iter().zip(here) {
        s.push_str(&format!("  {k}\n      {v}\n"));
        if let Some(p) = path {
            s.push_str(&format!("      here: {}\n", p.display()));
        }
    }
    s
}
