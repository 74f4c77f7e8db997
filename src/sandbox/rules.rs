//! Every product rule on users and groups, once (shared/reference/product-docs):
//! the reserved `Administrators` group and its `Split_Administrators` alias, short
//! group names, names that read as one, IdP-managed locks, blocked invites. A
//! broken rule is a typed [`Violation`] that knows its SCIM error and its admin-API
//! error, so neither side guesses a code from an HTTP status.

use serde_json::{Map, Value};

use crate::scim::ScimError;

use super::api_error::ApiError;

pub const ADMINISTRATORS: &str = "Administrators";
/// The IdP group name that maps onto Administrators (its name stays Administrators).
pub const ADMINISTRATORS_ALIAS: &str = "Split_Administrators";
/// Group names must be shorter than this many characters.
pub const GROUP_NAME_LIMIT: usize = 25;
/// How many members one request may set or add (docs/admin-api.md).
pub const MAX_MEMBERS_PER_REQUEST: usize = 10_000;

/// The rules a sandbox may relax (so that a generic compliance tester, which names
/// groups with 36-character UUIDs, can run).
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Names must be shorter than this; `None` lifts the limit.
    pub group_name_limit: Option<usize>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            group_name_limit: Some(GROUP_NAME_LIMIT),
        }
    }
}

/// A product rule a request would break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// Creating a second group named Administrators.
    AdministratorsExists,
    /// Deleting Administrators.
    ReservedDeleted,
    /// Renaming Administrators.
    ReservedRenamed,
    /// Leaving Administrators without members.
    ReservedEmptied,
    /// Removing the last member of Administrators by deleting the user.
    LastAdministrator {
        user: String,
    },
    /// Giving another group the reserved name or its alias.
    ReservedName {
        name: String,
    },
    GroupNameTooLong {
        name: String,
        len: usize,
        limit: usize,
    },
    /// userName / displayName already used (compared case-insensitively, NFC).
    NameTaken {
        attr: &'static str,
        name: String,
    },
    /// A name holding a control or invisible formatting character.
    HiddenCharacter {
        attr: &'static str,
        code_point: u32,
    },
    TooManyMembers {
        listed: usize,
    },
    SelfMember,
    UnknownMember {
        id: String,
    },
    /// The app changing what the IdP manages.
    IdpManaged {
        what: &'static str,
        name: String,
    },
    /// A new invite while SCIM is on.
    InvitesBlocked,
}

impl Violation {
    fn message(&self) -> String {
        match self {
            Violation::AdministratorsExists => format!(
                "'{ADMINISTRATORS}' is reserved and already exists: link the existing group in your IdP, \
                 or name the IdP group '{ADMINISTRATORS_ALIAS}', which maps onto it"
            ),
            Violation::ReservedDeleted => {
                format!("the {ADMINISTRATORS} group is reserved and cannot be deleted")
            }
            Violation::ReservedRenamed => {
                format!("the {ADMINISTRATORS} group is reserved and cannot be renamed")
            }
            Violation::ReservedEmptied => format!("{ADMINISTRATORS} must keep at least one member"),
            Violation::LastAdministrator { user } => format!(
                "{user} is the last member of {ADMINISTRATORS} and cannot be deleted: \
                 {ADMINISTRATORS} must keep at least one member"
            ),
            Violation::ReservedName { name } => {
                format!("'{name}' is reserved for the {ADMINISTRATORS} group")
            }
            Violation::GroupNameTooLong { name, len, limit } => {
                format!("group names must be shorter than {limit} characters; '{name}' has {len}")
            }
            Violation::NameTaken { attr, name } => {
                format!("{attr} '{name}' is already taken (names are compared case-insensitively)")
            }
            Violation::HiddenCharacter { attr, code_point } => format!(
                "{attr} contains the control or invisible character U+{code_point:04X}, which names may not hold"
            ),
            Violation::TooManyMembers { listed } => format!(
                "a request may list at most {MAX_MEMBERS_PER_REQUEST} members; this one lists {listed}"
            ),
            Violation::SelfMember => "a group cannot be a member of itself".to_owned(),
            Violation::UnknownMember { id } => {
                format!("member '{id}' is not a user or group of this service")
            }
            Violation::IdpManaged { what, name } => {
                format!("{what} '{name}' is managed by your IdP and cannot be changed here")
            }
            Violation::InvitesBlocked => "new invites are blocked while SCIM is on".to_owned(),
        }
    }

    /// The SCIM error (RFC 7644 §3.12) an IdP gets.
    pub fn to_scim(&self) -> ScimError {
        let detail = self.message();
        match self {
            Violation::AdministratorsExists
            | Violation::ReservedName { .. }
            | Violation::NameTaken { .. } => ScimError::uniqueness(detail),
            Violation::ReservedDeleted | Violation::ReservedRenamed => {
                ScimError::mutability(detail)
            }
            Violation::IdpManaged { .. } | Violation::InvitesBlocked => {
                ScimError::new(409, None, detail)
            }
            Violation::ReservedEmptied
            | Violation::LastAdministrator { .. }
            | Violation::GroupNameTooLong { .. }
            | Violation::HiddenCharacter { .. }
            | Violation::TooManyMembers { .. }
            | Violation::SelfMember
            | Violation::UnknownMember { .. } => ScimError::invalid_value(detail),
        }
    }

    /// The admin-API error (docs/admin-api.md, "Errors") the app's admins get.
    pub fn to_admin(&self) -> ApiError {
        let detail = self.message();
        match self {
            Violation::ReservedDeleted
            | Violation::ReservedRenamed
            | Violation::ReservedEmptied
            | Violation::LastAdministrator { .. } => ApiError::conflict("reserved_group", detail),
            Violation::AdministratorsExists
            | Violation::ReservedName { .. }
            | Violation::NameTaken { .. } => ApiError::conflict("name_taken", detail),
            Violation::IdpManaged { .. } => ApiError::conflict("idp_managed", detail).hint(
                "make the change in the IdP; it reaches this service on the next provisioning cycle",
            ),
            Violation::InvitesBlocked => ApiError::conflict("invites_blocked", detail)
                .hint("assign the user to the app in your IdP instead"),
            Violation::GroupNameTooLong { .. }
            | Violation::HiddenCharacter { .. }
            | Violation::TooManyMembers { .. }
            | Violation::SelfMember
            | Violation::UnknownMember { .. } => ApiError::bad_request("invalid_value", detail),
        }
    }
}

impl From<Violation> for ApiError {
    fn from(v: Violation) -> Self {
        v.to_admin()
    }
}

/// Whether `name` is the reserved group's name or its alias.
pub fn names_administrators(name: &str) -> bool {
    name.eq_ignore_ascii_case(ADMINISTRATORS) || name.eq_ignore_ascii_case(ADMINISTRATORS_ALIAS)
}

/// The name a new group from the IdP gets: `Split_Administrators` links the
/// existing group (`Ok(true)`), `Administrators` itself is refused.
pub fn links_administrators(name: &str) -> Result<bool, Violation> {
    if name.eq_ignore_ascii_case(ADMINISTRATORS_ALIAS) {
        Ok(true)
    } else if name.eq_ignore_ascii_case(ADMINISTRATORS) {
        Err(Violation::AdministratorsExists)
    } else {
        Ok(false)
    }
}

/// The name a group is stored under. Administrators keeps its name (the alias maps
/// onto it) and at least one member; any other group's name is checked.
pub fn group_name(
    rules: &Rules,
    reserved: bool,
    name: &str,
    members: Option<&[String]>,
) -> Result<String, Violation> {
    if reserved {
        if !names_administrators(name) {
            return Err(Violation::ReservedRenamed);
        }
        if members.is_some_and(<[String]>::is_empty) {
            return Err(Violation::ReservedEmptied);
        }
        return Ok(ADMINISTRATORS.to_owned());
    }
    let len = name.chars().count();
    if let Some(limit) = rules.group_name_limit
        && len >= limit
    {
        return Err(Violation::GroupNameTooLong {
            name: name.to_owned(),
            len,
            limit,
        });
    }
    if names_administrators(name) {
        return Err(Violation::ReservedName {
            name: name.to_owned(),
        });
    }
    Ok(name.to_owned())
}

/// Deleting a user who is Administrators' only member is refused.
pub fn may_delete_user(user: &str, is_admin: bool, admin_count: i64) -> Result<(), Violation> {
    if is_admin && admin_count <= 1 {
        return Err(Violation::LastAdministrator {
            user: user.to_owned(),
        });
    }
    Ok(())
}

/// The app may change only what it manages; IdP-managed users and groups are the
/// IdP's (view-only in the app).
pub fn app_may_change(what: &'static str, name: &str, idp_managed: bool) -> Result<(), Violation> {
    if idp_managed {
        return Err(Violation::IdpManaged {
            what,
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// New invites are blocked while SCIM is on.
pub fn may_invite(scim_enabled: bool) -> Result<(), Violation> {
    if scim_enabled {
        return Err(Violation::InvitesBlocked);
    }
    Ok(())
}

/// userName and displayName as a person reads them: NFC-normalized, so that a
/// composed and a decomposed "é" are one name (uniqueness included), and refused
/// when they hold control or invisible formatting characters (zero-width spaces,
/// bidi overrides), which make look-alike names.
pub fn canonical_names(doc: &mut Map<String, Value>) -> Result<(), Violation> {
    for attr in ["userName", "displayName"] {
        let Some(Value::String(s)) = doc.get_mut(attr) else {
            continue;
        };
        if let Some(c) = s.chars().find(|c| is_hidden(*c)) {
            return Err(Violation::HiddenCharacter {
                attr,
                code_point: c as u32,
            });
        }
        let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(s);
        if nfc != s.as_str() {
            *s = nfc.into_owned();
        }
    }
    Ok(())
}

/// Control characters, and the format characters that change nothing visible.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_violation_maps_to_a_client_error_on_both_sides() {
        let all = [
            Violation::AdministratorsExists,
            Violation::ReservedDeleted,
            Violation::ReservedRenamed,
            Violation::ReservedEmptied,
            Violation::LastAdministrator { user: "a".into() },
            Violation::ReservedName { name: "x".into() },
            Violation::GroupNameTooLong {
                name: "x".into(),
                len: 30,
                limit: 25,
            },
            Violation::NameTaken {
                attr: "userName",
                name: "x".into(),
            },
            Violation::HiddenCharacter {
                attr: "userName",
                code_point: 0x200b,
            },
            Violation::TooManyMembers { listed: 10_001 },
            Violation::SelfMember,
            Violation::UnknownMember { id: "x".into() },
            Violation::IdpManaged {
                what: "user",
                name: "x".into(),
            },
            Violation::InvitesBlocked,
        ];
        for v in all {
            let scim = v.to_scim();
            let admin = v.to_admin();
            assert!(
                (400..500).contains(&scim.status),
                "{v:?}: SCIM {}",
                scim.status
            );
            assert!(
                admin.status.is_client_error(),
                "{v:?}: admin {}",
                admin.status
            );
            assert_ne!(admin.code, "internal", "{v:?}");
            assert_eq!(
                scim.detail, admin.message,
                "{v:?}: one message on both sides"
            );
        }
    }

    #[test]
    fn administrators_keeps_its_name_and_a_member() {
        let r = Rules::default();
        let one = ["u".to_owned()];
        assert_eq!(
            group_name(&r, true, "split_administrators", Some(&one)).unwrap(),
            ADMINISTRATORS
        );
        assert_eq!(
            group_name(&r, true, "Admins", None),
            Err(Violation::ReservedRenamed)
        );
        assert_eq!(
            group_name(&r, true, ADMINISTRATORS, Some(&[])),
            Err(Violation::ReservedEmptied)
        );
        assert!(matches!(
            group_name(&r, false, "administrators", None),
            Err(Violation::ReservedName { .. })
        ));
    }

    #[test]
    fn group_names_are_shorter_than_the_limit_unless_lifted() {
        let r = Rules::default();
        assert!(group_name(&r, false, &"x".repeat(24), None).is_ok());
        assert!(matches!(
            group_name(&r, false, &"é".repeat(25), None),
            Err(Violation::GroupNameTooLong {
                len: 25,
                limit: 25,
                ..
            })
        ));
        let lifted = Rules {
            group_name_limit: None,
        };
        assert!(group_name(&lifted, false, &"x".repeat(36), None).is_ok());
    }
}
