//! The resource schemas we serve and obey (RFC 7643 §4, §8.7): attribute types,
//! case-exactness, mutability and what is returned. Filters, PATCH and the sandbox's
//! `/Schemas` endpoint all read these tables, so there is one truth about attributes.

use serde_json::{Map, Value, json};

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const ENTERPRISE_USER_SCHEMA: &str =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const LIST_RESPONSE_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const PATCH_OP_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const SEARCH_REQUEST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    String,
    Boolean,
    Decimal,
    Integer,
    DateTime,
    Binary,
    Reference,
    Complex,
}

impl AttrType {
    fn as_str(self) -> &'static str {
        match self {
            AttrType::String => "string",
            AttrType::Boolean => "boolean",
            AttrType::Decimal => "decimal",
            AttrType::Integer => "integer",
            AttrType::DateTime => "dateTime",
            AttrType::Binary => "binary",
            AttrType::Reference => "reference",
            AttrType::Complex => "complex",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutability {
    ReadOnly,
    ReadWrite,
    Immutable,
    WriteOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returned {
    Always,
    Never,
    Default,
    Request,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uniqueness {
    None,
    Server,
    Global,
}

/// One attribute of a schema, as RFC 7643 §7 describes attributes.
#[derive(Debug, Clone, Copy)]
pub struct Attr {
    pub name: &'static str,
    pub ty: AttrType,
    pub multi_valued: bool,
    pub required: bool,
    pub case_exact: bool,
    pub mutability: Mutability,
    pub returned: Returned,
    pub uniqueness: Uniqueness,
    pub canonical_values: &'static [&'static str],
    pub reference_types: &'static [&'static str],
    pub sub_attributes: &'static [Attr],
    pub description: &'static str,
}

impl Attr {
    pub fn sub(&self, name: &str) -> Option<&'static Attr> {
        self.sub_attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    pub fn is_complex(&self) -> bool {
        self.ty == AttrType::Complex
    }

    fn to_json(self) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), json!(self.name));
        m.insert("type".into(), json!(self.ty.as_str()));
        m.insert("multiValued".into(), json!(self.multi_valued));
        m.insert("description".into(), json!(self.description));
        m.insert("required".into(), json!(self.required));
        if !self.canonical_values.is_empty() {
            m.insert("canonicalValues".into(), json!(self.canonical_values));
        }
        if matches!(
            self.ty,
            AttrType::String | AttrType::Reference | AttrType::Binary
        ) {
            m.insert("caseExact".into(), json!(self.case_exact));
        }
        m.insert(
            "mutability".into(),
            json!(match self.mutability {
                Mutability::ReadOnly => "readOnly",
                Mutability::ReadWrite => "readWrite",
                Mutability::Immutable => "immutable",
                Mutability::WriteOnly => "writeOnly",
            }),
        );
        m.insert(
            "returned".into(),
            json!(match self.returned {
                Returned::Always => "always",
                Returned::Never => "never",
                Returned::Default => "default",
                Returned::Request => "request",
            }),
        );
        if self.ty != AttrType::Complex && self.ty != AttrType::Boolean {
            m.insert(
                "uniqueness".into(),
                json!(match self.uniqueness {
                    Uniqueness::None => "none",
                    Uniqueness::Server => "server",
                    Uniqueness::Global => "global",
                }),
            );
        }
        if !self.reference_types.is_empty() {
            m.insert("referenceTypes".into(), json!(self.reference_types));
        }
        if self.ty == AttrType::Complex {
            m.insert(
                "subAttributes".into(),
                Value::Array(self.sub_attributes.iter().map(|a| a.to_json()).collect()),
            );
        }
        Value::Object(m)
    }
}

const STRING: Attr = Attr {
    name: "",
    ty: AttrType::String,
    multi_valued: false,
    required: false,
    case_exact: false,
    mutability: Mutability::ReadWrite,
    returned: Returned::Default,
    uniqueness: Uniqueness::None,
    canonical_values: &[],
    reference_types: &[],
    sub_attributes: &[],
    description: "",
};
const BOOLEAN: Attr = Attr {
    ty: AttrType::Boolean,
    ..STRING
};
const COMPLEX: Attr = Attr {
    ty: AttrType::Complex,
    ..STRING
};
const MULTI_COMPLEX: Attr = Attr {
    ty: AttrType::Complex,
    multi_valued: true,
    ..STRING
};

const fn s(name: &'static str, description: &'static str) -> Attr {
    Attr {
        name,
        description,
        ..STRING
    }
}

/// `value`, `display`, `type`, `primary`: the sub-attributes most multi-valued attributes share.
macro_rules! plural_subs {
    ($value:expr, $types:expr) => {
        &[
            $value,
            Attr {
                name: "display",
                description: "A human-readable name, primarily used for display purposes.",
                ..STRING
            },
            Attr {
                name: "type",
                description: "A label indicating the attribute's function.",
                canonical_values: $types,
                ..STRING
            },
            Attr {
                name: "primary",
                description: "Whether this is the preferred value.",
                ..BOOLEAN
            },
        ]
    };
}

pub static ID: Attr = Attr {
    name: "id",
    case_exact: true,
    mutability: Mutability::ReadOnly,
    returned: Returned::Always,
    uniqueness: Uniqueness::Server,
    description: "Unique identifier for the resource, assigned by the service provider.",
    ..STRING
};
pub static EXTERNAL_ID: Attr = Attr {
    name: "externalId",
    case_exact: true,
    description: "An identifier for the resource as defined by the provisioning client.",
    ..STRING
};
pub static META: Attr = Attr {
    name: "meta",
    mutability: Mutability::ReadOnly,
    description: "Resource metadata.",
    sub_attributes: &[
        Attr {
            name: "resourceType",
            case_exact: true,
            mutability: Mutability::ReadOnly,
            ..STRING
        },
        Attr {
            name: "created",
            ty: AttrType::DateTime,
            mutability: Mutability::ReadOnly,
            ..STRING
        },
        Attr {
            name: "lastModified",
            ty: AttrType::DateTime,
            mutability: Mutability::ReadOnly,
            ..STRING
        },
        Attr {
            name: "location",
            ty: AttrType::Reference,
            case_exact: true,
            mutability: Mutability::ReadOnly,
            reference_types: &["uri"],
            ..STRING
        },
        Attr {
            name: "version",
            case_exact: true,
            mutability: Mutability::ReadOnly,
            ..STRING
        },
    ],
    ..COMPLEX
};

pub static USER_ATTRS: &[Attr] = &[
    Attr {
        name: "userName",
        required: true,
        uniqueness: Uniqueness::Server,
        description: "Unique identifier for the User, typically used to sign in.",
        ..STRING
    },
    Attr {
        name: "name",
        description: "The components of the user's real name.",
        sub_attributes: &[
            s("formatted", "The full name, formatted for display."),
            s("familyName", "The family name of the User."),
            s("givenName", "The given name of the User."),
            s("middleName", "The middle name(s) of the User."),
            s("honorificPrefix", "The honorific prefix(es) of the User."),
            s("honorificSuffix", "The honorific suffix(es) of the User."),
        ],
        ..COMPLEX
    },
    s(
        "displayName",
        "The name of the User, suitable for display to end-users.",
    ),
    s("nickName", "The casual way to address the user."),
    Attr {
        name: "profileUrl",
        ty: AttrType::Reference,
        reference_types: &["external"],
        description: "A URI that points to the User's online profile.",
        ..STRING
    },
    s("title", "The user's title, such as \"Vice President\"."),
    s(
        "userType",
        "Identifies the relationship between the organization and the user.",
    ),
    s(
        "preferredLanguage",
        "The User's preferred written or spoken language.",
    ),
    s("locale", "The User's default location for localization."),
    s(
        "timezone",
        "The User's time zone in the IANA Time Zone database format.",
    ),
    Attr {
        name: "active",
        description: "The User's administrative status.",
        ..BOOLEAN
    },
    Attr {
        name: "password",
        case_exact: true,
        mutability: Mutability::WriteOnly,
        returned: Returned::Never,
        description: "The User's cleartext password; never returned.",
        ..STRING
    },
    Attr {
        name: "emails",
        description: "Email addresses for the user.",
        sub_attributes: plural_subs!(
            s("value", "Email address for the user."),
            &["work", "home", "other"]
        ),
        ..MULTI_COMPLEX
    },
    Attr {
        name: "phoneNumbers",
        description: "Phone numbers for the User.",
        sub_attributes: plural_subs!(
            s("value", "Phone number of the User."),
            &["work", "home", "mobile", "fax", "pager", "other"]
        ),
        ..MULTI_COMPLEX
    },
    Attr {
        name: "ims",
        description: "Instant messaging addresses for the User.",
        sub_attributes: plural_subs!(
            s("value", "Instant messaging address for the User."),
            &["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]
        ),
        ..MULTI_COMPLEX
    },
    Attr {
        name: "photos",
        description: "URLs of photos of the User.",
        sub_attributes: plural_subs!(
            Attr {
                name: "value",
                ty: AttrType::Reference,
                reference_types: &["external"],
                description: "URL of a photo of the User.",
                ..STRING
            },
            &["photo", "thumbnail"]
        ),
        ..MULTI_COMPLEX
    },
    Attr {
        name: "addresses",
        description: "A physical mailing address for this User.",
        sub_attributes: &[
            s(
                "formatted",
                "The full mailing address, formatted for display.",
            ),
            s("streetAddress", "The full street address component."),
            s("locality", "The city or locality component."),
            s("region", "The state or region component."),
            s("postalCode", "The zip code or postal code component."),
            s("country", "The country name component."),
            Attr {
                name: "type",
                canonical_values: &["work", "home", "other"],
                description: "A label indicating the attribute's function.",
                ..STRING
            },
            Attr {
                name: "primary",
                description: "Whether this is the preferred address.",
                ..BOOLEAN
            },
        ],
        ..MULTI_COMPLEX
    },
    Attr {
        name: "groups",
        mutability: Mutability::ReadOnly,
        description: "The groups the user belongs to; managed through the Group resource.",
        sub_attributes: &[
            Attr {
                name: "value",
                mutability: Mutability::ReadOnly,
                description: "The identifier of the User's group.",
                ..STRING
            },
            Attr {
                name: "$ref",
                ty: AttrType::Reference,
                mutability: Mutability::ReadOnly,
                reference_types: &["User", "Group"],
                description: "The URI of the corresponding Group resource.",
                ..STRING
            },
            Attr {
                name: "display",
                mutability: Mutability::ReadOnly,
                description: "A human-readable name of the group.",
                ..STRING
            },
            Attr {
                name: "type",
                mutability: Mutability::ReadOnly,
                canonical_values: &["direct", "indirect"],
                description: "How the membership was derived.",
                ..STRING
            },
        ],
        ..MULTI_COMPLEX
    },
    Attr {
        name: "entitlements",
        description: "A list of entitlements for the User.",
        sub_attributes: plural_subs!(s("value", "The value of an entitlement."), &[]),
        ..MULTI_COMPLEX
    },
    Attr {
        name: "roles",
        description: "A list of roles for the User.",
        sub_attributes: plural_subs!(s("value", "The value of a role."), &[]),
        ..MULTI_COMPLEX
    },
    Attr {
        name: "x509Certificates",
        description: "A list of certificates issued to the User.",
        sub_attributes: plural_subs!(
            Attr {
                name: "value",
                ty: AttrType::Binary,
                description: "The value of an X.509 certificate.",
                ..STRING
            },
            &[]
        ),
        ..MULTI_COMPLEX
    },
];

pub static ENTERPRISE_USER_ATTRS: &[Attr] = &[
    s(
        "employeeNumber",
        "Numeric or alphanumeric identifier assigned to a person.",
    ),
    s("costCenter", "Identifies the name of a cost center."),
    s("organization", "Identifies the name of an organization."),
    s("division", "Identifies the name of a division."),
    s("department", "Identifies the name of a department."),
    Attr {
        name: "manager",
        description: "The User's manager.",
        sub_attributes: &[
            s(
                "value",
                "The id of the SCIM resource representing the User's manager.",
            ),
            Attr {
                name: "$ref",
                ty: AttrType::Reference,
                reference_types: &["User"],
                description: "The URI of the manager's User resource.",
                ..STRING
            },
            Attr {
                name: "displayName",
                mutability: Mutability::ReadOnly,
                description: "The displayName of the User's manager.",
                ..STRING
            },
        ],
        ..COMPLEX
    },
];

pub static GROUP_ATTRS: &[Attr] = &[
    Attr {
        name: "displayName",
        required: true,
        uniqueness: Uniqueness::Server,
        description: "A human-readable name for the Group.",
        ..STRING
    },
    Attr {
        name: "members",
        description: "A list of members of the Group.",
        sub_attributes: &[
            Attr {
                name: "value",
                case_exact: true,
                mutability: Mutability::Immutable,
                description: "Identifier of the member of this Group.",
                ..STRING
            },
            Attr {
                name: "$ref",
                ty: AttrType::Reference,
                case_exact: true,
                mutability: Mutability::Immutable,
                reference_types: &["User", "Group"],
                description: "The URI of the member resource.",
                ..STRING
            },
            Attr {
                name: "type",
                mutability: Mutability::Immutable,
                canonical_values: &["User", "Group"],
                description: "The type of the member.",
                ..STRING
            },
        ],
        ..MULTI_COMPLEX
    },
];

static USER_EXTENSIONS: &[(&str, &[Attr])] = &[(ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_ATTRS)];

/// A resource type we serve: its endpoint, core schema and extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    User,
    Group,
}

impl ResourceKind {
    pub fn name(self) -> &'static str {
        match self {
            ResourceKind::User => "User",
            ResourceKind::Group => "Group",
        }
    }
    pub fn endpoint(self) -> &'static str {
        match self {
            ResourceKind::User => "/Users",
            ResourceKind::Group => "/Groups",
        }
    }
    pub fn core_schema(self) -> &'static str {
        match self {
            ResourceKind::User => USER_SCHEMA,
            ResourceKind::Group => GROUP_SCHEMA,
        }
    }
    pub fn core_attrs(self) -> &'static [Attr] {
        match self {
            ResourceKind::User => USER_ATTRS,
            ResourceKind::Group => GROUP_ATTRS,
        }
    }
    /// Extension schemas with their attributes.
    pub fn extensions(self) -> &'static [(&'static str, &'static [Attr])] {
        match self {
            ResourceKind::User => USER_EXTENSIONS,
            ResourceKind::Group => &[],
        }
    }

    /// The extension URN a key names, matched case-insensitively.
    pub fn extension(self, urn: &str) -> Option<(&'static str, &'static [Attr])> {
        self.extensions()
            .iter()
            .copied()
            .find(|(u, _)| u.eq_ignore_ascii_case(urn))
    }

    /// Finds a top-level attribute: common ones, then the core schema, case-insensitively.
    pub fn core_attr(self, name: &str) -> Option<&'static Attr> {
        [&ID, &EXTERNAL_ID, &META]
            .into_iter()
            .chain(self.core_attrs())
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Resolves `urn` (optional) and `name` to an attribute definition and the
    /// extension it lives in (None for core attributes).
    pub fn resolve(
        self,
        urn: Option<&str>,
        name: &str,
    ) -> Option<(Option<&'static str>, &'static Attr)> {
        match urn {
            None => self.core_attr(name).map(|a| (None, a)),
            Some(u) if u.eq_ignore_ascii_case(self.core_schema()) => {
                self.core_attr(name).map(|a| (None, a))
            }
            Some(u) => {
                let (urn, attrs) = self.extension(u)?;
                attrs
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(name))
                    .map(|a| (Some(urn), a))
            }
        }
    }

    pub fn all_schemas(self) -> Vec<&'static str> {
        let mut v = vec![self.core_schema()];
        v.extend(self.extensions().iter().map(|(u, _)| *u));
        v
    }
}

/// The `/Schemas` representation of one schema (RFC 7643 §7).
pub fn schema_json(id: &str, base_url: &str) -> Option<Value> {
    let (name, description, attrs): (&str, &str, &[Attr]) = match id {
        USER_SCHEMA => ("User", "User Account", USER_ATTRS),
        GROUP_SCHEMA => ("Group", "Group", GROUP_ATTRS),
        ENTERPRISE_USER_SCHEMA => ("EnterpriseUser", "Enterprise User", ENTERPRISE_USER_ATTRS),
        _ => return None,
    };
    Some(json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": id,
        "name": name,
        "description": description,
        "attributes": attrs.iter().map(|a| a.to_json()).collect::<Vec<_>>(),
        "meta": {
            "resourceType": "Schema",
            "location": format!("{base_url}/Schemas/{id}"),
        }
    }))
}

pub const ALL_SCHEMA_IDS: [&str; 3] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_attributes_case_insensitively_and_by_urn() {
        let (ext, a) = ResourceKind::User.resolve(None, "USERNAME").unwrap();
        assert_eq!((ext, a.name), (None, "userName"));
        let (ext, a) = ResourceKind::User
            .resolve(Some(ENTERPRISE_USER_SCHEMA), "Manager")
            .unwrap();
        assert_eq!((ext, a.name), (Some(ENTERPRISE_USER_SCHEMA), "manager"));
        assert!(ResourceKind::Group.resolve(None, "userName").is_none());
        assert_eq!(
            ResourceKind::User
                .resolve(Some(USER_SCHEMA), "emails")
                .unwrap()
                .1
                .sub("VALUE")
                .unwrap()
                .name,
            "value"
        );
    }

    #[test]
    fn schema_json_lists_every_attribute() {
        let v = schema_json(USER_SCHEMA, "http://x/scim/v2").unwrap();
        assert_eq!(v["attributes"].as_array().unwrap().len(), USER_ATTRS.len());
        assert_eq!(v["attributes"][0]["name"], "userName");
        assert_eq!(v["attributes"][0]["uniqueness"], "server");
    }
}
