//! SCIM filter expressions (RFC 7644 §3.4.2.2) and attribute paths (§3.5.2): one
//! parser that points at the offending position, and one evaluator that honours the
//! schema's case-exactness and types. Client-side validation, the sandbox's queries
//! and PATCH value filters all go through here.

use std::cmp::Ordering;
use std::fmt;

use serde_json::Value;

use super::error::{ScimError, ScimType};
use super::json_ci::get_ci;
use super::schema::{Attr, AttrType, ResourceKind};

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

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    LBracket,
    RBracket,
    Str(String),
    Word(String),
    End,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn err(&self, at: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            position: at,
        }
    }

    fn next(&mut self) -> Result<(Tok, usize), ParseError> {
        let rest = &self.src[self.pos..];
        let trimmed = rest.trim_start();
        self.pos += rest.len() - trimmed.len();
        let start = self.pos;
        let Some(c) = trimmed.chars().next() else {
            return Ok((Tok::End, start));
        };
        let simple = match c {
            '(' => Some(Tok::Open),
            ')' => Some(Tok::Close),
            '[' => Some(Tok::LBracket),
            ']' => Some(Tok::RBracket),
            _ => None,
        };
        if let Some(t) = simple {
            self.pos += 1;
            return Ok((t, start));
        }
        if c == '"' {
            return self.string(start).map(|s| (Tok::Str(s), start));
        }
        let len = trimmed
            .find(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '"'))
            .unwrap_or(trimmed.len());
        self.pos += len;
        Ok((Tok::Word(trimmed[..len].to_owned()), start))
    }

    fn string(&mut self, start: usize) -> Result<String, ParseError> {
        let bytes = self.src.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => {
                    let raw = &self.src[start..=i];
                    self.pos = i + 1;
                    return serde_json::from_str::<String>(raw)
                        .map_err(|_| self.err(start, "invalid escape in string"));
                }
                _ => i += 1,
            }
        }
        Err(self.err(start, "unterminated string"))
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    tok: Tok,
    at: usize,
    depth: usize,
    terms: usize,
}

/// How deep parentheses, `not (…)` and value filters may nest.
pub const MAX_DEPTH: usize = 64;
/// How many attribute expressions one filter may hold.
pub const MAX_TERMS: usize = 1000;
/// How long a filter may be, in bytes.
pub const MAX_FILTER_BYTES: usize = 64 * 1024;

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Result<Self, ParseError> {
        let mut lex = Lexer { src, pos: 0 };
        let (tok, at) = lex.next()?;
        Ok(Parser {
            lex,
            tok,
            at,
            depth: 0,
            terms: 0,
        })
    }

    fn bump(&mut self) -> Result<(), ParseError> {
        let (tok, at) = self.lex.next()?;
        self.tok = tok;
        self.at = at;
        Ok(())
    }

    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            position: self.at,
        }
    }

    fn is_word(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
    }

    fn filter(&mut self) -> Result<Filter, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err("filter nests too deeply"));
        }
        let mut any = vec![self.and()?];
        while self.is_word("or") {
            self.bump()?;
            any.push(self.and()?);
        }
        self.depth -= 1;
        Ok(if any.len() == 1 {
            any.pop().expect("one element")
        } else {
            Filter::Or(any)
        })
    }

    fn and(&mut self) -> Result<Filter, ParseError> {
        let mut all = vec![self.unary()?];
        while self.is_word("and") {
            self.bump()?;
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.pop().expect("one element")
        } else {
            Filter::And(all)
        })
    }

    fn unary(&mut self) -> Result<Filter, ParseError> {
        if self.is_word("not") {
            self.bump()?;
            if self.tok != Tok::Open {
                return Err(self.err("expected '(' after 'not'"));
            }
            return Ok(Filter::Not(Box::new(self.group()?)));
        }
        if self.tok == Tok::Open {
            return self.group();
        }
        self.attr_expr()
    }

    fn group(&mut self) -> Result<Filter, ParseError> {
        self.bump()?; // '('
        let inner = self.filter()?;
        if self.tok != Tok::Close {
            return Err(self.err("expected ')'"));
        }
        self.bump()?;
        Ok(inner)
    }

    fn attr_expr(&mut self) -> Result<Filter, ParseError> {
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(self.err(format!(
                "the filter has more than {MAX_TERMS} attribute expressions"
            )));
        }
        let path = self.path()?;
        if self.is_word("pr") {
            self.bump()?;
            return Ok(Filter::Present(path));
        }
        let op = match &self.tok {
            Tok::Word(w) => CompareOp::parse(w),
            _ => None,
        };
        let Some(op) = op else {
            if path.filter.is_some() && path.sub.is_none() {
                return Ok(Filter::Has(path));
            }
            return Err(self.err(match &self.tok {
                Tok::End => {
                    "expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) at the end"
                        .to_owned()
                }
                _ => "expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)".to_owned(),
            }));
        };
        self.bump()?;
        let value = match std::mem::replace(&mut self.tok, Tok::End) {
            Tok::Str(s) => Value::String(s),
            Tok::Word(w) => word_value(&w),
            other => {
                self.tok = other;
                return Err(self.err("expected a value after the operator"));
            }
        };
        self.bump()?;
        Ok(Filter::Compare(path, op, value))
    }

    fn path(&mut self) -> Result<Path, ParseError> {
        let word = match &self.tok {
            Tok::Word(w) => w.clone(),
            Tok::End => {
                return Err(self.err("expected an attribute name, found the end of the filter"));
            }
            _ => return Err(self.err("expected an attribute name")),
        };
        let start = self.at;
        let mut path = split_attr_path(&word).map_err(|m| ParseError {
            message: m,
            position: start,
        })?;
        self.bump()?;
        if self.tok == Tok::LBracket {
            if path.sub.is_some() {
                return Err(self.err("a value filter applies to an attribute, not a sub-attribute"));
            }
            self.bump()?;
            let inner = self.filter()?;
            if self.tok != Tok::RBracket {
                return Err(self.err("expected ']'"));
            }
            path.filter = Some(Box::new(inner));
            // A sub-attribute may follow directly: `emails[type eq "work"].value`.
            let rest = &self.lex.src[self.lex.pos..];
            if let Some(after) = rest.strip_prefix('.') {
                let len = after
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '$'))
                    .unwrap_or(after.len());
                if len == 0 {
                    return Err(ParseError {
                        message: "expected a sub-attribute after '.'".into(),
                        position: self.lex.pos + 1,
                    });
                }
                path.sub = Some(after[..len].to_owned());
                self.lex.pos += 1 + len;
            }
            self.bump()?;
        }
        Ok(path)
    }
}

/// An unquoted value: a keyword, a number, or (leniently, as Entra's examples show
/// with GUIDs) a bare word taken as a string.
fn word_value(w: &str) -> Value {
    match w.to_ascii_lowercase().as_str() {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        "null" => return Value::Null,
        _ => {}
    }
    if let Ok(n) = serde_json::from_str::<serde_json::Number>(w) {
        return Value::Number(n);
    }
    Value::String(w.to_owned())
}

fn valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '$' || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$')
}

/// Splits `urn:…:Schema:attr.sub` or `attr.sub` into its parts.
fn split_attr_path(word: &str) -> Result<Path, String> {
    // `get` rather than slicing: the word may start with a multi-byte character
    // (found by tests/fuzz_parsers.rs).
    let (urn, rest) = if word.len() > 4
        && word
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
    {
        match word.rfind(':') {
            Some(i) => (Some(word[..i].to_owned()), &word[i + 1..]),
            None => (None, word),
        }
    } else {
        (None, word)
    };
    let (attr, sub) = match rest.split_once('.') {
        Some((a, s)) => (a, Some(s)),
        None => (rest, None),
    };
    if !valid_name(attr) {
        return Err(format!("'{word}' is not an attribute name"));
    }
    if let Some(s) = sub
        && !valid_name(s)
    {
        return Err(format!("'{word}' is not an attribute path"));
    }
    Ok(Path {
        urn,
        attr: attr.to_owned(),
        filter: None,
        sub: sub.map(str::to_owned),
    })
}

/// Parses a filter expression.
pub fn parse(src: &str) -> Result<Filter, ParseError> {
    if src.len() > MAX_FILTER_BYTES {
        return Err(ParseError {
            message: format!("the filter is longer than {MAX_FILTER_BYTES} bytes"),
            position: MAX_FILTER_BYTES,
        });
    }
    let mut p = Parser::new(src)?;
    if p.tok == Tok::End {
        return Err(p.err("the filter is empty"));
    }
    let f = p.filter()?;
    if p.tok != Tok::End {
        return Err(p.err("unexpected text after the end of the filter"));
    }
    Ok(f)
}

/// Parses a PATCH `path` (RFC 7644 §3.5.2): an attribute path with an optional value filter.
pub fn parse_path(src: &str) -> Result<Path, ParseError> {
    if src.len() > MAX_FILTER_BYTES {
        return Err(ParseError {
            message: format!("the path is longer than {MAX_FILTER_BYTES} bytes"),
            position: MAX_FILTER_BYTES,
        });
    }
    let mut p = Parser::new(src)?;
    let path = p.path()?;
    if p.tok != Tok::End {
        return Err(p.err("unexpected text after the path"));
    }
    Ok(path)
}

impl From<ParseError> for ScimError {
    fn from(e: ParseError) -> Self {
        ScimError::bad_request(ScimType::InvalidFilter, e.to_string())
    }
}

/// Where attribute names in a filter are looked up: a resource, or an element of a
/// multi-valued complex attribute (inside `[...]`).
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Resource(ResourceKind),
    Element(&'static Attr),
}

impl Filter {
    /// Whether `resource` matches, per RFC 7644 §3.4.2.2.
    pub fn matches(&self, resource: &Value, scope: Scope) -> Result<bool, ScimError> {
        Ok(match self {
            Filter::And(all) => {
                for f in all {
                    if !f.matches(resource, scope)? {
                        return Ok(false);
                    }
                }
                true
            }
            Filter::Or(any) => {
                for f in any {
                    if f.matches(resource, scope)? {
                        return Ok(true);
                    }
                }
                false
            }
            Filter::Not(a) => !a.matches(resource, scope)?,
            Filter::Present(p) => operands(p, resource, scope, false)?
                .values
                .iter()
                .any(|v| is_present(v)),
            Filter::Has(p) => !operands(p, resource, scope, false)?.values.is_empty(),
            Filter::Compare(p, op, expected) => {
                let ops = operands(p, resource, scope, true)?;
                let def = ops.def;
                if *expected == Value::Null {
                    let present = ops.values.iter().any(|v| is_present(v));
                    return match op {
                        CompareOp::Eq => Ok(!present),
                        CompareOp::Ne => Ok(present),
                        _ => Err(ScimError::bad_request(
                            ScimType::InvalidFilter,
                            format!("'{}' cannot compare with null", op.as_str()),
                        )),
                    };
                }
                if let Some(d) = def {
                    check_operator(d, *op)?;
                }
                let mut any = false;
                for v in &ops.values {
                    if compare(v, *op, expected, def) {
                        any = true;
                        break;
                    }
                }
                // `ne` on a multi-valued attribute: no value equals (RFC is silent; this is
                // the reading most servers take, and absent attributes are "not equal").
                if *op == CompareOp::Ne {
                    !ops.values
                        .iter()
                        .any(|v| compare(v, CompareOp::Eq, expected, def))
                } else {
                    any
                }
            }
        })
    }

    /// Checks the whole filter against the schema before any resource is read:
    /// an operator an attribute cannot take, a comparison with null other than
    /// eq/ne, or a value filter on a simple attribute is a 400 invalidFilter
    /// whatever the data (evaluation would only raise it on a row that gets that
    /// far). Unknown attributes stay allowed: they match nothing.
    pub fn bind(&self, scope: Scope) -> Result<(), ScimError> {
        match self {
            Filter::And(parts) | Filter::Or(parts) => parts.iter().try_for_each(|p| p.bind(scope)),
            Filter::Not(a) => a.bind(scope),
            Filter::Present(p) | Filter::Has(p) => bind_path(p, scope).map(|_| ()),
            Filter::Compare(p, op, expected) => {
                let def = bind_path(p, scope)?;
                if *expected == Value::Null && !matches!(op, CompareOp::Eq | CompareOp::Ne) {
                    return Err(ScimError::bad_request(
                        ScimType::InvalidFilter,
                        format!("'{}' cannot compare with null", op.as_str()),
                    ));
                }
                match def {
                    Some(d) => check_operator(d, *op),
                    None => Ok(()),
                }
            }
        }
    }

    /// Every path the filter names, outermost first.
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = Vec::new();
        self.collect_paths(&mut out);
        out
    }

    fn collect_paths<'a>(&'a self, out: &mut Vec<&'a Path>) {
        match self {
            Filter::And(parts) | Filter::Or(parts) => {
                for p in parts {
                    p.collect_paths(out);
                }
            }
            Filter::Not(a) => a.collect_paths(out),
            Filter::Present(p) | Filter::Compare(p, _, _) | Filter::Has(p) => out.push(p),
        }
    }

    /// The `attr eq "string"` terms that must all hold (top-level conjuncts), so a
    /// store can narrow candidates with an index before evaluating the whole filter.
    pub fn required_equalities(&self) -> Vec<(&Path, &str)> {
        match self {
            Filter::And(all) => all.iter().flat_map(Filter::required_equalities).collect(),
            Filter::Compare(p, CompareOp::Eq, Value::String(s)) if p.filter.is_none() => {
                vec![(p, s.as_str())]
            }
            _ => Vec::new(),
        }
    }
}

/// Resolves `path` in `scope` as evaluation does; returns the definition of what
/// a comparison compares (the sub-attribute, or a complex attribute's `value`).
fn bind_path(path: &Path, scope: Scope) -> Result<Option<&'static Attr>, ScimError> {
    let def = match scope {
        Scope::Resource(kind) => kind
            .resolve(path.urn.as_deref(), &path.attr)
            .map(|(_, d)| d),
        Scope::Element(parent) => parent.sub(&path.attr),
    };
    if let Some(flt) = &path.filter {
        let Some(d) = def.filter(|d| d.is_complex()) else {
            return Err(ScimError::bad_request(
                ScimType::InvalidFilter,
                format!("'{}' has no sub-attributes to filter on", path.attr),
            ));
        };
        flt.bind(Scope::Element(d))?;
    }
    Ok(match (&path.sub, def) {
        (Some(s), Some(d)) => d.sub(s),
        (None, Some(d)) if d.is_complex() => d.sub("value"),
        (_, d) => d.filter(|_| path.sub.is_none()),
    })
}

fn check_operator(def: &Attr, op: CompareOp) -> Result<(), ScimError> {
    let ordering = matches!(
        op,
        CompareOp::Gt | CompareOp::Ge | CompareOp::Lt | CompareOp::Le
    );
    if ordering && matches!(def.ty, AttrType::Boolean | AttrType::Binary) {
        return Err(ScimError::bad_request(
            ScimType::InvalidFilter,
            format!(
                "'{}' cannot be used with the {} attribute '{}'",
                op.as_str(),
                def.ty_name(),
                def.name
            ),
        ));
    }
    Ok(())
}

impl Attr {
    fn ty_name(&self) -> &'static str {
        match self.ty {
            AttrType::Boolean => "boolean",
            AttrType::Binary => "binary",
            _ => "other",
        }
    }
}

struct Operands<'v> {
    values: Vec<&'v Value>,
    def: Option<&'static Attr>,
}

fn is_present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// The values a path selects in `resource`, with the definition of what they are.
/// `comparing`: a complex attribute without a sub-attribute compares its `value`.
fn operands<'v>(
    path: &Path,
    resource: &'v Value,
    scope: Scope,
    comparing: bool,
) -> Result<Operands<'v>, ScimError> {
    let (container, def): (Option<&'v Value>, Option<&'static Attr>) = match scope {
        Scope::Resource(kind) => match kind.resolve(path.urn.as_deref(), &path.attr) {
            Some((Some(ext), def)) => (
                get_ci(resource, ext).and_then(|e| get_ci(e, def.name)),
                Some(def),
            ),
            Some((None, def)) => (get_ci(resource, def.name), Some(def)),
            None => (None, None),
        },
        Scope::Element(parent) => match parent.sub(&path.attr) {
            Some(def) => (get_ci(resource, def.name), Some(def)),
            None => (get_ci(resource, &path.attr), None),
        },
    };
    let Some(found) = container else {
        return Ok(Operands {
            values: Vec::new(),
            def,
        });
    };
    let mut elements: Vec<&'v Value> = match found {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        v => vec![v],
    };
    if let Some(flt) = &path.filter {
        let Some(d) = def.filter(|d| d.is_complex()) else {
            return Err(ScimError::bad_request(
                ScimType::InvalidFilter,
                format!("'{}' has no sub-attributes to filter on", path.attr),
            ));
        };
        let mut kept = Vec::new();
        for e in elements {
            if flt.matches(e, Scope::Element(d))? {
                kept.push(e);
            }
        }
        elements = kept;
    }
    let sub_name = match (&path.sub, def) {
        (Some(s), _) => Some(s.as_str()),
        (None, Some(d)) if comparing && d.is_complex() => Some("value"),
        _ => None,
    };
    match sub_name {
        None => Ok(Operands {
            values: elements,
            def,
        }),
        Some(name) => {
            let sub_def = def.and_then(|d| d.sub(name));
            let values = elements
                .into_iter()
                .filter_map(|e| get_ci(e, name))
                .collect();
            Ok(Operands {
                values,
                def: sub_def,
            })
        }
    }
}

fn compare(actual: &Value, op: CompareOp, expected: &Value, def: Option<&Attr>) -> bool {
    let ty = def.map(|d| d.ty).unwrap_or(AttrType::String);
    let case_exact = def.map(|d| d.case_exact).unwrap_or(false);
    match (actual, expected) {
        (Value::Bool(a), e) => {
            let e = match e {
                Value::Bool(b) => *b,
                Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                _ => return false,
            };
            match op {
                CompareOp::Eq => *a == e,
                CompareOp::Ne => *a != e,
                _ => false,
            }
        }
        (Value::Number(a), Value::Number(e)) => {
            let (Some(a), Some(e)) = (a.as_f64(), e.as_f64()) else {
                return false;
            };
            ordered(a.partial_cmp(&e), op)
        }
        (Value::String(a), Value::String(e)) => {
            if ty == AttrType::DateTime
                && let (Ok(a), Ok(e)) = (a.parse::<jiff::Timestamp>(), e.parse::<jiff::Timestamp>())
            {
                return ordered(Some(a.cmp(&e)), op);
            }
            let (a, e) = if case_exact {
                (a.clone(), e.clone())
            } else {
                (a.to_lowercase(), e.to_lowercase())
            };
            match op {
                CompareOp::Co => a.contains(&e),
                CompareOp::Sw => a.starts_with(&e),
                CompareOp::Ew => a.ends_with(&e),
                _ => ordered(Some(a.cmp(&e)), op),
            }
        }
        (Value::String(a), Value::Number(e)) => compare(
            &Value::String(a.clone()),
            op,
            &Value::String(e.to_string()),
            def,
        ),
        _ => false,
    }
}

fn ordered(ord: Option<Ordering>, op: CompareOp) -> bool {
    let Some(ord) = ord else { return false };
    match op {
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
