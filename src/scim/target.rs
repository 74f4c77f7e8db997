//! An attribute path bound to the schema once (RFC 7644 §3.10): which extension,
//! which attribute, which sub-attribute, which value filter. Filter evaluation,
//! PATCH, projection and sort all start from a [`Target`], so the schema's names,
//! case rules and multi-valuedness are looked up in one place.

use serde_json::Value;

use super::filter::{Filter, Path};
use super::json_ci::get_ci;
use super::schema::{Attr, ResourceKind};

/// A path whose attribute (and sub-attribute, when one is named) the schema knows.
#[derive(Debug, Clone, Copy)]
pub struct Target<'p> {
    /// The extension URN the attribute lives under, or `None` for the core schema.
    pub ext: Option<&'static str>,
    pub attr: &'static Attr,
    /// The sub-attribute named after a `.`, if the path names one.
    pub sub: Option<&'static Attr>,
    /// Whether the path named a sub-attribute the schema doesn't have.
    pub unknown_sub: bool,
    /// The value filter in `attr[…]`.
    pub filter: Option<&'p Filter>,
}

impl Path {
    /// Binds the path in a resource of `kind`; `None` when the schema has no such
    /// attribute.
    pub fn target(&self, kind: ResourceKind) -> Option<Target<'_>> {
        let (ext, attr) = kind.resolve(self.urn.as_deref(), &self.attr)?;
        let sub = self.sub.as_deref().and_then(|s| attr.sub(s));
        Some(Target {
            ext,
            attr,
            sub,
            unknown_sub: self.sub.is_some() && sub.is_none(),
            filter: self.filter.as_deref(),
        })
    }
}

impl Target<'_> {
    /// What a comparison or sort compares: the sub-attribute, a complex
    /// attribute's `value`, or the attribute itself.
    pub fn compared(&self) -> &'static Attr {
        self.sub
            .or_else(|| {
                self.attr
                    .is_complex()
                    .then(|| self.attr.sub("value"))
                    .flatten()
            })
            .unwrap_or(self.attr)
    }

    /// Whether the path names one stored scalar (no value filter, not
    /// multi-valued, a sub-attribute if the attribute is complex) — what SQL can
    /// read with `json_extract`.
    pub fn is_single_scalar(&self) -> bool {
        self.filter.is_none()
            && !self.unknown_sub
            && !self.attr.multi_valued
            && (self.sub.is_some() || !self.attr.is_complex())
    }

    /// The attribute's value in a resource document (under its extension).
    pub fn value_in<'v>(&self, resource: &'v Value) -> Option<&'v Value> {
        let container = match self.ext {
            Some(urn) => get_ci(resource, urn)?,
            None => resource,
        };
        get_ci(container, self.attr.name)
    }

    /// An SQLite JSON path to the stored scalar, built from the schema's own names
    /// (never the request's spelling), for [`Target::is_single_scalar`] targets.
    pub fn json_path(&self) -> Option<String> {
        if !self.is_single_scalar() {
            return None;
        }
        let mut p = String::from("$");
        if let Some(urn) = self.ext {
            p.push_str(&format!(".\"{urn}\""));
        }
        p.push_str(&format!(".\"{}\"", self.attr.name));
        if let Some(sub) = self.sub {
            p.push_str(&format!(".\"{}\"", sub.name));
        }
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::filter::parse_path;
    use crate::scim::schema::ENTERPRISE_USER_SCHEMA;

    fn target(
        kind: ResourceKind,
        path: &str,
    ) -> Option<(
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
        bool,
    )> {
        let p = parse_path(path).unwrap();
        let t = p.target(kind)?;
        Some((
            t.ext,
            t.attr.name,
            t.sub.map(|s| s.name),
            t.is_single_scalar(),
        ))
    }

    #[test]
    fn binds_names_case_insensitively_to_the_schema_spelling() {
        use ResourceKind::User;
        assert_eq!(
            target(User, "USERNAME"),
            Some((None, "userName", None, true))
        );
        assert_eq!(
            target(User, "name.FAMILYNAME"),
            Some((None, "name", Some("familyName"), true))
        );
        assert_eq!(
            target(User, "name"),
            Some((None, "name", None, false)),
            "complex, no sub"
        );
        assert_eq!(
            target(User, "emails.value"),
            Some((None, "emails", Some("value"), false)),
            "multi-valued"
        );
        assert_eq!(
            target(User, &format!("{ENTERPRISE_USER_SCHEMA}:manager.value")),
            Some((Some(ENTERPRISE_USER_SCHEMA), "manager", Some("value"), true))
        );
        assert_eq!(target(User, "nosuch"), None);
        assert_eq!(target(ResourceKind::Group, "userName"), None);
        let p = parse_path("name.nosuch").unwrap();
        assert!(p.target(User).unwrap().unknown_sub);
        let p = parse_path("emails[type eq \"work\"].value").unwrap();
        let t = p.target(User).unwrap();
        assert!(t.filter.is_some() && !t.is_single_scalar());
        assert_eq!(t.compared().name, "value");
    }

    #[test]
    fn json_paths_use_the_schema_spelling() {
        let p = parse_path("NAME.familyname").unwrap();
        assert_eq!(
            p.target(ResourceKind::User).unwrap().json_path().as_deref(),
            Some("$.\"name\".\"familyName\"")
        );
        let p = parse_path("emails.value").unwrap();
        assert_eq!(p.target(ResourceKind::User).unwrap().json_path(), None);
    }
}
