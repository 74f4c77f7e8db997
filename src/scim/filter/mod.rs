//! SCIM filter expressions (RFC 7644 §3.4.2.2) and attribute paths (§3.5.2): one
//! parser that points at the offending position, and one evaluator that honours the
//! schema's case-exactness and types. Client-side validation, the sandbox's queries
//! and PATCH value filters all go through here.

use std::fmt;

use serde_json::Value;

mod eval;
mod parse;

pub use eval::Scope;
pub use parse::{MAX_DEPTH, MAX_FILTER_BYTES, MAX_TERMS, parse, parse_path};

use super::error::{ScimError, ScimType};

/// A parse failure with the character offset where it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at position {position}")]
pub struct ParseError {
    pub message: String,
    pub position: usize,
}

impl ParseError {
    /// The input with a caret under the failing position, for terminal output.
    pub fn pointer(&self, input: &str) -> String {
        let col = input
            .char_indices()
            .take_while(|(i, _)| *i < self.position)
            .count();
        format!("{input}\n{}^", " ".repeat(col))
    }
}

/// `[urn:…:]attr[ "[" filter "]" ][.sub]` — a filter operand or a PATCH target.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub urn: Option<String>,
    pub attr: String,
    pub filter: Option<Box<Filter>>,
    pub sub: Option<String>,
}

impl Path {
    pub fn simple(attr: &str) -> Path {
        Path {
            urn: None,
            attr: attr.to_owned(),
            filter: None,
            sub: None,
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(u) = &self.urn {
            write!(f, "{u}:")?;
        }
        f.write_str(&self.attr)?;
        if let Some(flt) = &self.filter {
            write!(f, "[{flt}]")?;
        }
        if let Some(s) = &self.sub {
            write!(f, ".{s}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    fn parse(word: &str) -> Option<CompareOp> {
        Some(match word.to_ascii_lowercase().as_str() {
            "eq" => CompareOp::Eq,
            "ne" => CompareOp::Ne,
            "co" => CompareOp::Co,
            "sw" => CompareOp::Sw,
            "ew" => CompareOp::Ew,
            "gt" => CompareOp::Gt,
            "ge" => CompareOp::Ge,
            "lt" => CompareOp::Lt,
            "le" => CompareOp::Le,
            _ => return None,
        })
    }
    fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Co => "co",
            CompareOp::Sw => "sw",
            CompareOp::Ew => "ew",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// All of these hold. Chains are flat (`a and b and c` is one node), so a long
    /// chain cannot nest deep enough to exhaust the stack when walked or dropped.
    And(Vec<Filter>),
    /// One of these holds (flat, as `And`).
    Or(Vec<Filter>),
    Not(Box<Filter>),
    Present(Path),
    Compare(Path, CompareOp, Value),
    /// A bare value path such as `emails[type eq "work"]`: some element matches.
    Has(Path),
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::And(all) => write_joined(f, all, " and "),
            Filter::Or(any) => write_joined(f, any, " or "),
            Filter::Not(a) => write!(f, "not ({a})"),
            Filter::Present(p) => write!(f, "{p} pr"),
            Filter::Compare(p, op, v) => write!(f, "{p} {} {v}", op.as_str()),
            Filter::Has(p) => write!(f, "{p}"),
        }
    }
}

fn write_joined(f: &mut fmt::Formatter<'_>, parts: &[Filter], sep: &str) -> fmt::Result {
    f.write_str("(")?;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{p}")?;
    }
    f.write_str(")")
}

impl From<ParseError> for ScimError {
    fn from(e: ParseError) -> Self {
        ScimError::bad_request(ScimType::InvalidFilter, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::schema::ResourceKind;
    use serde_json::json;

    fn user() -> Value {
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "abc-123",
            "externalId": "EXT-1",
            "userName": "Alice@Example.com",
            "name": {"givenName": "Alice", "familyName": "Liddell"},
            "active": true,
            "emails": [
                {"value": "alice@work.example", "type": "work", "primary": true},
                {"value": "alice@home.example", "type": "home"}
            ],
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "42", "manager": {"value": "boss-1"}
            },
            "meta": {"created": "2026-01-02T03:04:05Z", "lastModified": "2026-02-01T00:00:00.5Z"}
        })
    }

    fn m(f: &str) -> bool {
        parse(f)
            .unwrap_or_else(|e| panic!("{e}"))
            .matches(&user(), Scope::Resource(ResourceKind::User))
            .unwrap()
    }

    #[test]
    fn every_operator() {
        assert!(m(r#"userName eq "alice@example.com""#));
        assert!(!m(r#"userName ne "ALICE@example.com""#));
        assert!(m(r#"userName co "EXAMPLE""#));
        assert!(m(r#"userName sw "ali""#));
        assert!(m(r#"userName ew ".COM""#));
        assert!(m(r#"userName gt "a""#));
        assert!(m(r#"userName ge "alice@example.com""#));
        assert!(m(r#"userName lt "b""#));
        assert!(m(r#"userName le "alice@example.com""#));
        assert!(!m("title pr"));
        assert!(m("userName pr"));
    }

    #[test]
    fn case_exactness_follows_the_schema() {
        assert!(!m(r#"externalId eq "ext-1""#), "externalId is caseExact");
        assert!(m(r#"externalId eq "EXT-1""#));
        assert!(!m(r#"id eq "ABC-123""#));
        assert!(
            m(r#"USERNAME Eq "ALICE@EXAMPLE.COM""#),
            "attribute names and operators are case-insensitive"
        );
    }

    #[test]
    fn logic_and_grouping() {
        assert!(m(
            r#"userName sw "a" and (active eq false or name.givenName eq "alice")"#
        ));
        assert!(m(r#"not (userName eq "bob") and active eq true"#));
        assert!(!m(r#"userName eq "bob" or active eq false"#));
        // `and` binds tighter than `or`.
        assert!(m(
            r#"userName eq "bob" and active eq false or active eq true"#
        ));
    }

    #[test]
    fn value_paths_and_multi_valued() {
        assert!(m(r#"emails[type eq "work" and value co "@work"]"#));
        assert!(!m(r#"emails[type eq "other"]"#));
        assert!(m(r#"emails[type eq "work"].value eq "alice@work.example""#));
        assert!(m(r#"emails.value eq "alice@home.example""#));
        assert!(
            m(r#"emails eq "alice@home.example""#),
            "a complex attribute compares its value"
        );
        assert!(m(r#"emails.type eq "home""#));
    }

    #[test]
    fn urns_dates_and_references() {
        assert!(m(
            r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "42""#
        ));
        assert!(m(
            r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "boss-1""#
        ));
        assert!(m(
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "alice""#
        ));
        assert!(m(r#"meta.created gt "2026-01-01T00:00:00Z""#));
        assert!(
            m(r#"meta.lastModified lt "2026-02-01T00:00:01+00:00""#),
            "dateTime compares as instants"
        );
        assert!(!m(r#"meta.lastModified gt "2026-02-01T00:00:00.5Z""#));
    }

    #[test]
    fn booleans_accept_entra_strings_but_not_ordering() {
        assert!(m(r#"active eq "True""#));
        let f = parse("active gt true").unwrap();
        let e = f
            .matches(&user(), Scope::Resource(ResourceKind::User))
            .unwrap_err();
        assert_eq!(e.scim_type, Some(ScimType::InvalidFilter));
    }

    #[test]
    fn bare_words_are_strings_like_entra_sends() {
        assert!(m(
            "id eq abc-123 and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq boss-1"
        ));
    }

    #[test]
    fn errors_point_at_the_position() {
        let e = parse(r#"userName eq "x" and"#).unwrap_err();
        assert_eq!(e.position, 19);
        let e = parse(r#"userName xx "x""#).unwrap_err();
        assert_eq!(e.position, 9);
        assert!(e.pointer(r#"userName xx "x""#).ends_with("\n         ^"));
        let e = parse(r#"userName eq "x"#).unwrap_err();
        assert_eq!(
            (e.position, e.message.as_str()),
            (12, "unterminated string")
        );
        assert_eq!(
            parse("emails[type eq \"work\"").unwrap_err().message,
            "expected ']'"
        );
        assert!(parse("").is_err());
        assert!(parse("(userName pr").is_err());
        assert!(parse("userName pr extra").is_err());
        assert!(parse("not userName pr").is_err());
        assert!(parse("1abc eq \"x\"").is_err());
    }

    #[test]
    fn paths_parse_for_patch() {
        let p = parse_path(r#"members[value eq "u1"]"#).unwrap();
        assert_eq!(p.attr, "members");
        assert!(p.filter.is_some());
        let p = parse_path(r#"emails[type eq "work"].value"#).unwrap();
        assert_eq!(p.sub.as_deref(), Some("value"));
        let p = parse_path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager")
            .unwrap();
        assert_eq!(
            p.urn.as_deref(),
            Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        );
        assert_eq!(p.attr, "manager");
        let p = parse_path("name.givenName").unwrap();
        assert_eq!(
            (p.attr.as_str(), p.sub.as_deref()),
            ("name", Some("givenName"))
        );
        assert!(parse_path("name.givenName extra").is_err());
    }

    #[test]
    fn display_round_trips() {
        let src = r#"userName eq "a\"b" and not (emails[type eq "work"] or title pr)"#;
        let f = parse(src).unwrap();
        assert_eq!(parse(&f.to_string()).unwrap(), f);
    }

    #[test]
    fn required_equalities_are_top_level_conjuncts() {
        let f = parse(r#"userName eq "a" and (active eq true or title eq "x")"#).unwrap();
        let eqs = f.required_equalities();
        assert_eq!(eqs.len(), 1);
        assert_eq!(eqs[0].1, "a");
    }

    #[test]
    fn multi_byte_words_are_errors_not_panics() {
        // found by tests/fuzz_parsers.rs: slicing the first four bytes of "#𐒠" panicked
        assert!(parse("#𐒠").is_err());
        // these must not panic, whatever they parse to
        let _ = parse_path("urn𐒠:x");
        let _ = parse("ü𐒠 eq \"x\"");
    }
}
