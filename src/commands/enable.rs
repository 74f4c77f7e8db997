//! `scimctl enable --idp …`: turn SCIM on, keep the one-time token, and say what
//! to fill in where in the IdP.

use std::io::IsTerminal;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::output::{self, OutputFormat};
use crate::{idp_setup, issued};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Idp {
    Okta,
    Entra,
    Onelogin,
    Other,
}

impl Idp {
    fn as_str(self) -> &'static str {
        match self {
            Idp::Okta => "okta",
            Idp::Entra => "entra",
            Idp::Onelogin => "onelogin",
            Idp::Other => "other",
        }
    }
}

/// Turn SCIM on for an IdP, store the token, and show the IdP's setup
///
/// SAML SSO must be on in strict mode first. The service shows the token once:
/// scimctl stores it in the credential store and shows it, on a terminal, with what
/// to fill in where in the IdP. Off a terminal the token is printed only with
/// --print-token (alone on stdout) or -o json. If it cannot be stored, it is printed
/// once with a warning and the command fails (exit 5): it is never lost. Enabling
/// revokes pending invites and blocks new ones.
///
/// Examples:
///   scimctl enable --idp okta
///   scimctl enable --idp entra --insecure-storage
///   scimctl enable --idp okta -o json > enabled.json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct EnableArgs {
    /// The identity provider that will provision users and groups
    ///
    /// Example: scimctl enable --idp entra
    #[arg(long, value_enum, ignore_case = true)]
    pub idp: Idp,
    /// Print the token alone on stdout (for piping into a secret store)
    ///
    /// Example: scimctl enable --idp okta --print-token | vault kv put secret/scim token=-
    #[arg(long)]
    pub print_token: bool,
}

pub async fn run(ctx: &Context, args: EnableArgs) -> anyhow::Result<Exit> {
    let idp = args.idp.as_str();
    issued::env_token_warning(ctx);
    let client = ctx.admin_client().await?;
    ctx.warn_about_store();
    let (token, kept) = issued::issue(ctx, &client, issued::Ask::Enable(idp))
        .await
        .map_err(|e| explain_refusal(e, ctx))?;
    let setup = idp_setup::setup(idp, &token.scim_base_url);
    let expires = format!(
        "{} ({})",
        output::when(token.expires_at),
        output::relative(token.expires_at)
    );
    if ctx.output == OutputFormat::Json {
        output::print_json(&json!({
            "enabled": true,
            "idp": idp,
            "scim_base_url": token.scim_base_url,
            "token": token.token.expose(),
            "created_at": crate::timestamp::rfc3339_ms(token.created_at),
            "expires_at": crate::timestamp::rfc3339_ms(token.expires_at),
            "revoked_invites": token.revoked_invites.unwrap_or(0),
            "stored_in": kept.stored_in,
            "profile": ctx.profile,
            "setup": setup,
            "product_rules": idp_setup::PRODUCT_RULES,
        }))?;
        return Ok(Exit::Success);
    }
    let head = format!(
        "SCIM is on for {}. {} pending invite(s) were revoked; new invites are blocked while SCIM is on.",
        setup.idp,
        token.revoked_invites.unwrap_or(0)
    );
    if ctx.stdout_is_terminal && !args.print_token {
        // Prose wraps between words at the terminal's width; the token never.
        let width = crate::table::width();
        let say = |text: &str| println!("{}\n", crate::table::wrap(text, width).join("\n"));
        say(&head);
        say(&format!(
            "Access token (shown once; stored in the {}):",
            kept.stored_in
        ));
        println!("  {}\n", token.token.expose());
        say(&format!(
            "It expires {expires}; `scimctl token status` tells how long it has left."
        ));
        print!(
            "{}",
            idp_setup::render(&setup, None, Some(crate::table::width()))
        );
    } else {
        if args.print_token {
            output::print_secret(&token.token)?;
        }
        ctx.status(head);
        ctx.status(format!(
            "The token is stored in the {}{}; it expires {expires}.",
            kept.stored_in,
            if args.print_token {
                " and was printed on stdout"
            } else {
                " (`scimctl token show` prints it)"
            }
        ));
        let note = if args.print_token {
            "<the token printed on stdout>"
        } else {
            "<the token: `scimctl token show` prints it>"
        };
        let width = std::io::stderr().is_terminal().then(crate::table::width);
        ctx.status(idp_setup::render(&setup, Some(note), width).trim_end());
    }
    Ok(Exit::Success)
}

/// Adds the scimctl-level way out to the service's refusals.
fn explain_refusal(e: anyhow::Error, ctx: &Context) -> anyhow::Error {
    let Some(u) = e.downcast_ref::<UserError>() else {
        return e;
    };
    let extra = match u.code.as_deref() {
        Some("sso_not_strict") => Some(if ctx.profile_is_sandbox() {
            "in the sandbox: restart it with a fresh --db and --sso strict, or PUT /api/v1/sso {\"saml\":true,\"strict\":true}"
        } else {
            "in the app: Admin settings > Security > SSO: turn on SAML, then strict mode; then run this again"
        }),
        Some("scim_already_enabled") => Some(
            "`scimctl token regenerate` issues a new token; `scimctl disable` then `scimctl enable` switches IdPs",
        ),
        _ => None,
    };
    match extra {
        Some(h) => {
            let mut u = e.downcast::<UserError>().expect("checked above");
            u.hints.push(h.to_owned());
            u.into()
        }
        None => e,
    }
}
