//! `scimctl push-login`: keep what `--push entra|okta` needs in the profile —
//! the ids in config.toml, the secret (Entra client secret, Okta API token) in
//! the credential store, never in a flag.

use clap::{Args, Subcommand};
use dialoguer::Password;

use crate::config::{Config, EntraProfile, OktaProfile};
use crate::context::Context;
use crate::credentials::SecretName;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::secret::{Secret, read_stdin_secret};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::TABLE_ONLY;

/// Store what `token rotate --push entra|okta` needs for a profile
///
/// The ids go into the profile in config.toml; the secret (Entra client secret,
/// Okta API token) is read from a hidden prompt, or with --secret-stdin from stdin,
/// and kept in the profile's credential store. The SCIMCTL_ENTRA_* / SCIMCTL_OKTA_*
/// variables override both, for CI.
///
/// Examples:
///   scimctl push-login entra --tenant-id … --client-id … --service-principal-id …
///   printenv OKTA_API_TOKEN | scimctl push-login okta --org-url https://acme.okta.com --app-id 0oa… --secret-stdin
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct PushLoginArgs {
    #[command(subcommand)]
    pub idp: PushLoginIdp,
    /// Read the secret from stdin instead of prompting
    ///
    /// Example: printenv ENTRA_CLIENT_SECRET | scimctl push-login entra --secret-stdin …
    #[arg(long, global = true)]
    pub secret_stdin: bool,
}

#[derive(Debug, Clone, Subcommand)]
#[command(defer = true)]
pub enum PushLoginIdp {
    /// The Entra app registration scimctl signs in with, and the enterprise app to push to
    ///
    /// The app registration needs the Graph application permission
    /// Application.ReadWrite.OwnedBy (and to own the enterprise app) or
    /// Synchronization.ReadWrite.All, with admin consent.
    ///
    /// Example:
    ///   printenv ENTRA_CLIENT_SECRET | scimctl push-login entra --secret-stdin \
    ///     --tenant-id 7f3c… --client-id 0d1e… --service-principal-id 5b6c…
    #[command(verbatim_doc_comment)]
    Entra {
        /// The directory (tenant) id
        #[arg(long, value_name = "ID")]
        tenant_id: String,
        /// The app registration's application (client) id
        #[arg(long, value_name = "ID")]
        client_id: String,
        /// The enterprise app's Object ID (its service principal)
        #[arg(long, value_name = "ID")]
        service_principal_id: String,
        /// The provisioning job, when the enterprise app has more than one
        #[arg(long, value_name = "ID")]
        job_id: Option<String>,
    },
    /// The Okta org and the app whose provisioning connection is read
    ///
    /// The API token (SSWS) must belong to an admin who may read the app.
    ///
    /// Example:
    ///   printenv OKTA_API_TOKEN | scimctl push-login okta --secret-stdin \
    ///     --org-url https://acme.okta.com --app-id 0oa1b2c3d4E5F6G7h8i9
    #[command(verbatim_doc_comment)]
    Okta {
        /// The org's URL, e.g. https://acme.okta.com
        #[arg(long, value_name = "URL")]
        org_url: String,
        /// The app's id (in its Admin Console URL)
        #[arg(long, value_name = "ID")]
        app_id: String,
    },
}

pub async fn run(ctx: &Context, args: PushLoginArgs) -> anyhow::Result<Exit> {
    let (name, what) = match &args.idp {
        PushLoginIdp::Entra { .. } => (SecretName::EntraClientSecret, "Entra client secret"),
        PushLoginIdp::Okta { org_url, .. } => {
            crate::http::check_url("Okta org URL", org_url)?;
            (SecretName::OktaApiToken, "Okta API token")
        }
    };
    let store = ctx.credential_store();
    store
        .check_writable(&ctx.profile.value)
        .await
        .map_err(|e| e.into_user_error(ctx.store.value))?;
    let secret = if args.secret_stdin {
        read_stdin_secret(what)?
    } else if ctx.can_prompt {
        let typed = Password::new()
            .with_prompt(format!("{what} for profile '{}'", ctx.profile.value))
            .allow_empty_password(true)
            .interact()
            .map_err(|e| UserError::new(Exit::Cancelled, format!("nothing was entered: {e}")))?;
        if typed.trim().is_empty() {
            return Err(UserError::new(
                Exit::Cancelled,
                format!("no {what} was entered; nothing was stored"),
            )
            .into());
        }
        Secret::new(typed.trim())
    } else {
        return Err(
            UserError::usage(format!("no terminal to ask for the {what}"))
                .hint("pipe it in with --secret-stdin")
                .into(),
        );
    };
    ctx.warn_about_store();
    store
        .set(&ctx.profile.value, name, &secret)
        .await
        .map_err(|e| e.into_user_error(ctx.store.value))?;
    let kind = ctx.store.value;
    Config::update_profile(&ctx.config_dir, &ctx.profile.value, |p, _| {
        p.credential_store = Some(kind);
        match &args.idp {
            PushLoginIdp::Entra {
                tenant_id,
                client_id,
                service_principal_id,
                job_id,
            } => {
                p.entra = Some(EntraProfile {
                    tenant_id: Some(tenant_id.clone()),
                    client_id: Some(client_id.clone()),
                    service_principal_id: Some(service_principal_id.clone()),
                    job_id: job_id.clone(),
                });
            }
            PushLoginIdp::Okta { org_url, app_id } => {
                p.okta = Some(OktaProfile {
                    org_url: Some(org_url.clone()),
                    app_id: Some(app_id.clone()),
                });
            }
        }
    })?;
    let idp = match args.idp {
        PushLoginIdp::Entra { .. } => "entra",
        PushLoginIdp::Okta { .. } => "okta",
    };
    ctx.status(format!(
        "Stored: `scimctl --profile {} token rotate --push {idp}` uses these settings; the {what} is in the {}.",
        ctx.profile.value,
        store.describe()
    ));
    Ok(Exit::Success)
}
