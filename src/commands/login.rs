//! `scimctl login`: store the admin API key for a profile (and its admin URL),
//! after checking that the service accepts it.

use clap::Args;
use dialoguer::Password;

use crate::admin::AdminClient;
use crate::config::Config;
use crate::context::Context;
use crate::credentials::SecretName;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::secret::{Secret, read_stdin_secret};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Store the admin API key for a profile
///
/// The key is read from a hidden prompt, or with --with-key from stdin; never from a
/// flag, so it stays out of shell history and `ps`. It is checked against the admin
/// API before it is stored. Give the service's admin URL once with --admin-url.
///
/// Examples:
///   scimctl login --profile acme --admin-url https://acme.example.com/api/v1
///   printenv ACME_ADMIN_KEY | scimctl login --profile acme --with-key
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct LoginArgs {
    /// Read the key from stdin instead of prompting
    ///
    /// Example: printenv ADMIN_KEY | scimctl login --with-key
    #[arg(long)]
    pub with_key: bool,
}

pub async fn run(ctx: &Context, args: LoginArgs) -> anyhow::Result<Exit> {
    let url = ctx.require_admin_url()?.value.clone();
    // Everything that can fail without the key fails before it is asked for,
    // so that nobody types a key twice: the URL, the service, the store.
    crate::http::check_url("admin URL", &url)?;
    reachable(&url).await?;
    ctx.credential_store()
        .check_writable(&ctx.profile.value)
        .await
        .map_err(|e| e.into_user_error(ctx.store.value))?;
    let key = if args.with_key {
        read_stdin_secret("admin API key")?
    } else if ctx.can_prompt {
        let typed = Password::new()
            .with_prompt(format!(
                "Admin API key for profile '{}' at {url}",
                ctx.profile.value
            ))
            .allow_empty_password(true)
            .interact()
            .map_err(|e| UserError::new(Exit::Cancelled, format!("no key was entered: {e}")))?;
        if typed.trim().is_empty() {
            return Err(UserError::new(
                Exit::Cancelled,
                "no key was entered; nothing was sent or stored",
            )
            .hint("run login again and type the key, or pipe it: `printenv ADMIN_KEY | scimctl login --with-key`")
            .into());
        }
        Secret::new(typed.trim())
    } else {
        return Err(UserError::usage("no terminal to ask for the admin API key")
            .hint("pipe it in: `printenv ADMIN_KEY | scimctl login --with-key`")
            .into());
    };
    let client = AdminClient::new(&url, key.clone())?;
    let status = client.status().await?;
    ctx.warn_about_store();
    let store = ctx.credential_store();
    store
        .set(&ctx.profile.value, SecretName::AdminKey, &key)
        .await
        .map_err(|e| e.into_user_error(ctx.store.value))?;
    let kind = ctx.store.value;
    let mut default = None;
    Config::update_profile(&ctx.config_dir, &ctx.profile.value, |p, file| {
        p.admin_url = Some(url.clone());
        p.credential_store = Some(kind);
        if p.scim_url.is_none() && status.enabled {
            p.scim_url = Some(status.scim_base_url.clone());
        }
        if file.default_profile.is_none() {
            file.default_profile = Some(ctx.profile.value.clone());
        }
        default = file.default_profile.clone();
    })?;
    // Say which profile the next command without --profile uses: after a login
    // to a new profile, it may still be another one (the sandbox).
    let next = match default.as_deref() {
        Some(d) if d == ctx.profile.value => format!("'{d}' is the default profile"),
        Some(d) => format!(
            "the default profile is still '{d}': pass --profile {p} (or set SCIMCTL_PROFILE={p}), or make it the default with `scimctl profiles use {p}`",
            p = ctx.profile.value
        ),
        None => String::new(),
    };
    ctx.status(format!(
        "Logged in: profile '{}' uses {url}; the admin key is in the {}. SCIM is {}. {next}",
        ctx.profile.value,
        store.describe(),
        if status.enabled { "on" } else { "off" }
    ));
    Ok(Exit::Success)
}

/// The admin API answers at all (any HTTP status: without the key it refuses).
async fn reachable(url: &str) -> anyhow::Result<()> {
    let client = crate::http::client()?;
    match client
        .get(format!("{}/scim", url.trim_end_matches('/')))
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(e) => Err(crate::http::unreachable("admin API", url, &e)
            .hint("nothing was asked or stored; fix the URL (--admin-url) and run login again")
            .into()),
    }
}
