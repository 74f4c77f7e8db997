//! What to fill in where, in each IdP, after SCIM is enabled, and the product
//! rules that bite during setup. Field names are the IdPs' own labels
//! (shared/reference/product-docs), so that an admin can find them on screen.

use serde::Serialize;

/// One field to fill in, or one setting to choose.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub field: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Setup {
    pub idp: &'static str,
    /// Where in the IdP's admin console these fields are.
    #[serde(rename = "where")]
    pub where_: &'static str,
    pub fields: Vec<Field>,
    /// Steps after the fields (test, mappings, assignments).
    pub then: Vec<&'static str>,
}

/// What stands for the token in the fields; the token itself is shown separately.
pub const TOKEN_PLACEHOLDER: &str = "<the token shown above>";

pub const PRODUCT_RULES: [&str; 4] = [
    "Administrators is reserved: it always exists and must keep at least one member; link it, don't create it",
    "an IdP group named Split_Administrators maps onto Administrators (whose name stays Administrators)",
    "group names must be shorter than 25 characters",
    "IdP-managed users can't be activated or deactivated in the app, and IdP-synced groups are view-only there; invites are blocked while SCIM is on",
];

fn f(field: &'static str, value: impl Into<String>) -> Field {
    Field {
        field,
        value: value.into(),
    }
}

pub fn setup(idp: &str, scim_url: &str) -> Setup {
    match idp {
        "okta" => Setup {
            idp: "Okta",
            where_: "Applications > (our app) > General: Edit, tick \"Enable SCIM provisioning\", Save; then Provisioning > Integration > Edit",
            fields: vec![
                f("SCIM connector base URL", scim_url),
                f("Unique identifier field for users", "email"),
                f(
                    "Supported provisioning actions",
                    "Push New Users, Push Profile Updates, Push Groups",
                ),
                f("Authentication Mode", "HTTP Header"),
                f("HTTP Header > Authorization (Bearer)", TOKEN_PLACEHOLDER),
            ],
            then: vec![
                "click \"Test Connector Configuration\": create users, update attributes and push groups should be ticked; Save",
                "Provisioning > To App > Edit: enable Create Users, Update User Attributes, Deactivate Users; Save",
                "Push Groups: \"Refresh App Groups\" first, to link existing groups (Administrators) instead of creating them; untick renaming app groups in the Push Groups settings",
            ],
        },
        "entra" => Setup {
            idp: "Microsoft Entra ID",
            where_: "Entra admin center > Enterprise applications > (our app) > Provisioning > Get started",
            fields: vec![
                f("Provisioning Mode", "Automatic"),
                f("Tenant URL", scim_url),
                f("Secret Token", TOKEN_PLACEHOLDER),
            ],
            then: vec![
                "click \"Test Connection\", then Save",
                "Mappings > Provision Microsoft Entra ID Users: set the source of emails[type eq \"work\"].value to userPrincipalName (or originalUserPrincipalName) instead of mail",
                "to provision Administrators, name the Entra group Split_Administrators",
                "set Provisioning Status to On and Save; Entra sends changes every 40 minutes, so expect that delay (use \"Provision on demand\" to test one user)",
            ],
        },
        "onelogin" => Setup {
            idp: "OneLogin",
            where_: "Applications > (our app, SCIM Provisioner with SAML (SCIM v2 Enterprise)) > Configuration",
            fields: vec![
                f("SCIM Base URL", scim_url),
                f("SCIM Bearer Token", TOKEN_PLACEHOLDER),
                f("API Status", "Enable"),
            ],
            then: vec![
                "Provisioning: tick \"Enable provisioning\" and choose what happens when users are removed (Suspend)",
                "Parameters: make sure the SCIM username is the user's email",
                "Rules: map a OneLogin role or group to groups; name the one for Administrators Split_Administrators",
            ],
        },
        _ => Setup {
            idp: "your IdP",
            where_: "the SCIM / provisioning settings of the app that represents us",
            fields: vec![
                f("SCIM base URL", scim_url),
                f(
                    "Authentication",
                    "HTTP header Authorization: Bearer <token>",
                ),
                f("Bearer token", TOKEN_PLACEHOLDER),
                f("Unique identifier (userName)", "the user's email"),
            ],
            then: vec![
                "run the IdP's connection test; `scimctl simulate` shows what an IdP's traffic would meet",
                "name the group for Administrators Split_Administrators, or link the existing Administrators group",
            ],
        },
    }
}

/// The setup as text for a person; `token_note` replaces the token placeholder.
/// The setup as text; `width` (a terminal's) wraps the prose between words,
/// with hanging indents, and never a field's value (URLs are copied whole).
pub fn render(setup: &Setup, token_note: Option<&str>, term_width: Option<usize>) -> String {
    use crate::table::hanging;
    let mut out = hanging(
        "",
        "  ",
        &format!("Set up {}: {}", setup.idp, setup.where_),
        term_width,
    );
    let width = setup
        .fields
        .iter()
        .map(|f| f.field.len())
        .max()
        .unwrap_or(0);
    for field in &setup.fields {
        let value = match (field.value == TOKEN_PLACEHOLDER, token_note) {
            (true, Some(t)) => t,
            _ => field.value.as_str(),
        };
        // A value wraps between words under itself; one without spaces (a
        // URL) stays whole.
        let key = format!("  {:width$}  ", field.field);
        out.push_str(&hanging(&key, &" ".repeat(key.len()), value, term_width));
    }
    out.push_str("Then:\n");
    for step in &setup.then {
        out.push_str(&hanging("  - ", "    ", step, term_width));
    }
    out.push_str("Product rules that bite:\n");
    for rule in PRODUCT_RULES {
        out.push_str(&hanging("  - ", "    ", rule, term_width));
    }
    out
}
