//! Parsing filters and attribute paths (RFC 7644 §3.4.2.2, §3.5.2): a lexer and a
//! recursive-descent parser that point at the offending position, with bounded
//! depth, term count and length; `and`/`or` chains come out flat.

use serde_json::Value;

use super::{CompareOp, Filter, ParseError, Path};

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
