//! The IdPs' provisioning engines as profiles: which headers they send, how they
//! encode filters, and which PATCH shapes they use. Each choice cites its section
//! of shared/reference/idp-behaviors.md ("§1.6" = Okta, deactivate user).

use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// Okta, OIN catalog app: PATCH for (de)activation and groups, GET+PUT for profiles
    Okta,
    /// Okta, App Integration Wizard app: GET+PUT for every change, group PUT
    #[value(name = "okta-aiw")]
    OktaAiw,
    /// Microsoft Entra ID, default non-gallery `scim` job
    Entra,
    /// Microsoft Entra ID with the `aadOptscim062020` flag
    #[value(name = "entra-aadopt")]
    EntraAadopt,
    /// Okta's published "SCIM 2.0 SPEC Test" (OIN submission), replayed offline
    #[value(name = "okta-spec")]
    OktaSpec,
    /// Microsoft's SCIM Validator (scimvalidator.microsoft.com), replayed offline
    #[value(name = "ms-validator")]
    MsValidator,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Okta => "okta",
            Profile::OktaAiw => "okta-aiw",
            Profile::Entra => "entra",
            Profile::EntraAadopt => "entra-aadopt",
            Profile::OktaSpec => "okta-spec",
            Profile::MsValidator => "ms-validator",
        }
    }

    pub fn idp(self) -> &'static str {
        match self {
            Profile::OktaSpec => "Okta's SPEC test",
            Profile::MsValidator => "Microsoft's SCIM Validator",
            p if p.is_okta() => "Okta",
            _ => "Entra",
        }
    }

    pub fn is_okta(self) -> bool {
        matches!(self, Profile::Okta | Profile::OktaAiw | Profile::OktaSpec)
    }

    /// A replayed test suite rather than an IdP's provisioning engine: it sends
    /// its recorded requests and runs none of the engine checks.
    pub fn is_suite(self) -> bool {
        matches!(self, Profile::OktaSpec | Profile::MsValidator)
    }

    /// Okta OIN and Entra patch; Okta AIW never does (§1.0).
    pub fn uses_patch(self) -> bool {
        self != Profile::OktaAiw
    }

    /// §1.0: every Okta request carries `Okta SCIM Client 1.0.0`; §2.0: Entra's
    /// User-Agent is undocumented and was seen absent, so none is sent.
    pub fn user_agent(self) -> Option<&'static str> {
        match self {
            // The SPEC test's own header (okta-scim-20.json).
            Profile::OktaSpec => Some("OKTA SCIM Integration"),
            _ => self.is_okta().then_some("Okta SCIM Client 1.0.0"),
        }
    }

    /// §1.0: Okta sends `Accept: application/scim+json` and `Accept-Charset: utf-8`;
    /// §2.0/F11: Entra's probe carried no SCIM Accept.
    pub fn accept_headers(self) -> &'static [(&'static str, &'static str)] {
        if self.is_okta() {
            &[
                ("accept", "application/scim+json"),
                ("accept-charset", "utf-8"),
            ]
        } else {
            &[]
        }
    }

    /// §1.0 (Okta) and §2.0 (Entra, [AZD-12728]).
    pub fn content_type(self) -> &'static str {
        "application/scim+json; charset=utf-8"
    }

    /// `filter=…` encoded as the IdP does: Okta `%20` (§1.0, current docs),
    /// Entra `+` for spaces (§2.1, [AZD-94189]); quotes as `%22` for both.
    pub fn filter_param(self, expr: &str) -> String {
        let mut out = String::from("filter=");
        for b in expr.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(b as char)
                }
                b' ' if !self.is_okta() => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    /// The query of a lookup by userName: Okta adds `startIndex=1&count=100` (§1.3).
    pub fn user_lookup(self, user_name: &str) -> String {
        let f = self.filter_param(&format!("userName eq \"{user_name}\""));
        if self.is_okta() {
            format!("/Users?{f}&startIndex=1&count=100")
        } else {
            format!("/Users?{f}")
        }
    }

    /// Group lookup by displayName: Entra always excludes members (§2.3, §2.10).
    pub fn group_lookup(self, name: &str) -> String {
        let f = self.filter_param(&format!("displayName eq \"{name}\""));
        if self.is_okta() {
            format!("/Groups?{f}&startIndex=1&count=100")
        } else {
            format!("/Groups?excludedAttributes=members&{f}")
        }
    }

    /// A PATCH operation name as the IdP capitalises it: Entra's default job sends
    /// `Add`/`Replace`/`Remove` (§2.6, F4); the others lowercase.
    pub fn op(self, op: &str) -> String {
        if self == Profile::Entra {
            let mut c = op.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        } else {
            op.to_owned()
        }
    }

    /// A boolean as the IdP sends it in PATCH: Entra's default job sends the
    /// strings "True"/"False" (§2.8, F5).
    pub fn boolean(self, b: bool) -> Value {
        if self == Profile::Entra {
            Value::String(if b { "True" } else { "False" }.into())
        } else {
            Value::Bool(b)
        }
    }

    /// The create-user body: Okta's (§1.3: password placeholder, `groups: []`,
    /// Okta user id as externalId) or Entra's (§2.4: enterprise schema,
    /// `meta.resourceType`, `roles: []`, `name.formatted`).
    pub fn create_user_body(
        self,
        user_name: &str,
        given: &str,
        family: &str,
        external_id: &str,
    ) -> Value {
        if self.is_okta() {
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": user_name,
                "name": {"givenName": given, "familyName": family},
                "emails": [{"primary": true, "value": user_name, "type": "work"}],
                "displayName": format!("{given} {family}"),
                "locale": "en-US",
                "externalId": external_id,
                "groups": [],
                "password": "1mz050nq",
                "active": true
            })
        } else {
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                "externalId": external_id,
                "userName": user_name,
                "active": true,
                "emails": [{"primary": true, "type": "work", "value": user_name}],
                "meta": {"resourceType": "User"},
                "name": {"formatted": format!("{given} {family}"), "familyName": family, "givenName": given},
                "roles": []
            })
        }
    }

    /// The create-group body: Okta §1.9 (`members: []`), Entra §2.10 (the
    /// non-standard ADSCIM schema URI, externalId, meta).
    pub fn create_group_body(self, name: &str, external_id: &str) -> Value {
        if self.is_okta() {
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name, "members": []})
        } else {
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                "externalId": external_id,
                "displayName": name,
                "meta": {"resourceType": "Group"}
            })
        }
    }

    /// One member in a PATCH value: Okta adds `display` (§1.13, F13/F14), Entra
    /// sends `"$ref": null` (§2.10, F27).
    pub fn member(self, id: &str, display: &str) -> Value {
        if self.is_okta() {
            json!({"value": id, "display": display})
        } else {
            json!({"$ref": null, "value": id})
        }
    }

    /// Members per PATCH when adding: undocumented for both IdPs (§1.13, §2.10);
    /// two shows batching with few users.
    pub fn member_batch(self) -> usize {
        2
    }
}

pub fn patch(ops: Vec<Value>) -> Value {
    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_shapes_differ_as_the_idps_do() {
        assert_eq!(
            Profile::Okta.filter_param("userName eq \"a@b.c\""),
            "filter=userName%20eq%20%22a%40b.c%22"
        );
        assert_eq!(
            Profile::Entra.filter_param("userName eq \"a@b.c\""),
            "filter=userName+eq+%22a%40b.c%22"
        );
        assert_eq!(Profile::Entra.op("replace"), "Replace");
        assert_eq!(Profile::EntraAadopt.op("replace"), "replace");
        assert_eq!(Profile::Entra.boolean(false), json!("False"));
        assert_eq!(Profile::Okta.boolean(false), json!(false));
        assert!(
            Profile::Entra
                .group_lookup("G")
                .starts_with("/Groups?excludedAttributes=members&filter=")
        );
    }
}
