//! A small validator for the JSON Schema subset our documents use (type, enum,
//! const, date-time, the few patterns we use, required, properties,
//! additionalProperties, items, oneOf, allOf, `$ref`), over the files under docs/:
//! a `$ref` is `[file]#/json/pointer`, the file relative to the one that
//! refers to it (docs/schemas/*.json refer to common.json and to the admin
//! API's OpenAPI components).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

pub struct Schemas {
    docs: Mutex<HashMap<PathBuf, &'static Value>>,
}

/// The docs/ directory of this checkout.
pub fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

impl Schemas {
    pub fn new() -> Schemas {
        Schemas {
            docs: Mutex::new(HashMap::new()),
        }
    }

    /// The document at `path` (read once, kept for the test's life).
    pub fn doc(&self, path: &Path) -> &'static Value {
        let mut docs = self.docs.lock().unwrap();
        docs.entry(path.to_path_buf()).or_insert_with(|| {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let v: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Box::leak(Box::new(v))
        })
    }

    /// Checks `v` against the whole document at `path`.
    pub fn validate_file(&self, path: &Path, v: &Value) -> Result<(), String> {
        let schema = self.doc(path);
        self.validate(path, schema, v, "$")
    }

    /// Follows `$ref` (repeatedly): the schema it names, and the file it is in.
    fn resolve(&self, file: &Path, schema: &'static Value) -> (PathBuf, &'static Value) {
        let mut file = file.to_path_buf();
        let mut schema = schema;
        while let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let (target, pointer) = r.split_once('#').unwrap_or((r, ""));
            if !target.is_empty() {
                file = normalize(&file.parent().unwrap().join(target));
            }
            let doc = self.doc(&file);
            schema = doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{}: $ref {r} names nothing", file.display()));
        }
        (file, schema)
    }

    pub fn validate(
        &self,
        file: &Path,
        schema: &'static Value,
        v: &Value,
        at: &str,
    ) -> Result<(), String> {
        let (file, schema) = self.resolve(file, schema);
        let file = file.as_path();
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.validate(file, part, v, at)?;
        }
        if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
            let ok = options
                .iter()
                .filter(|o| self.validate(file, o, v, at).is_ok())
                .count();
            return if ok == 1 {
                Ok(())
            } else {
                let why: Vec<String> = options
                    .iter()
                    .filter_map(|o| self.validate(file, o, v, at).err())
                    .collect();
                Err(format!(
                    "{at}: matches {ok} of the oneOf options ({})",
                    why.join("; ")
                ))
            };
        }
        if let Some(t) = schema.get("type") {
            let types: Vec<&str> = match t {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            let actual = match v {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                Value::Number(_) => "number",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
            };
            let ok = types
                .iter()
                .any(|t| *t == actual || (*t == "number" && actual == "integer"));
            if !ok {
                return Err(format!("{at}: expected {types:?}, got {actual}"));
            }
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array)
            && !e.contains(v)
        {
            return Err(format!("{at}: {v} is not one of {e:?}"));
        }
        if let Some(c) = schema.get("const")
            && c != v
        {
            return Err(format!("{at}: expected {c}"));
        }
        if let Some(s) = v.as_str() {
            if schema.get("format").and_then(Value::as_str) == Some("date-time")
                && s.parse::<jiff::Timestamp>().is_err()
            {
                return Err(format!("{at}: '{s}' is not an RFC 3339 date-time"));
            }
            if let Some(p) = schema.get("pattern").and_then(Value::as_str)
                && !matches_pattern(p, s)
            {
                return Err(format!("{at}: '{s}' does not match {p}"));
            }
        }
        if let Value::Object(obj) = v {
            let props = schema.get("properties").and_then(Value::as_object);
            for r in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let r = r.as_str().unwrap();
                if !obj.contains_key(r) {
                    return Err(format!("{at}: missing required '{r}'"));
                }
            }
            for (k, val) in obj {
                match props.and_then(|p| p.get(k)) {
                    Some(s) => self.validate(file, s, val, &format!("{at}.{k}"))?,
                    None => match schema.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            return Err(format!("{at}: '{k}' is not in the schema"));
                        }
                        Some(s @ Value::Object(_)) => {
                            self.validate(file, s, val, &format!("{at}.{k}"))?
                        }
                        _ => {}
                    },
                }
            }
        }
        if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
            for (i, item) in items.iter().enumerate() {
                self.validate(file, s, item, &format!("{at}[{i}]"))?;
            }
        }
        Ok(())
    }
}

/// The one pattern of our timestamps (`scimctl::timestamp`).
pub const TIMESTAMP_MS: &str =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$";
const FINGERPRINT: &str = "^sha256:[0-9a-f]{16}$";

/// The patterns our documents use, each checked by hand (no regex engine
/// here); any other pattern is a test failure, never silently unchecked.
fn matches_pattern(pattern: &str, s: &str) -> bool {
    match pattern {
        TIMESTAMP_MS => is_rfc3339_ms(s),
        FINGERPRINT => {
            s.len() == 23
                && s.starts_with("sha256:")
                && s[7..]
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }
        other => panic!(
            "the validator does not know the pattern {other}; teach tests/common/jsonschema.rs"
        ),
    }
}

/// `2026-12-02T13:00:41.370Z`: what `scimctl::timestamp` writes.
pub fn is_rfc3339_ms(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 24
        && s.ends_with('Z')
        && b[19] == b'.'
        && b[20..23].iter().all(u8::is_ascii_digit)
        && s.parse::<jiff::Timestamp>().is_ok()
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The schema file of a command's `-o json`, by the name
/// `scimctl::commands::formats` gives it: `token rotate` →
/// docs/schemas/token-rotate.json, `simulate --load` → simulate-load.json.
pub fn command_schema(command: &str) -> PathBuf {
    let stem = command.replace(" --", "-").replace(' ', "-");
    docs_dir().join("schemas").join(format!("{stem}.json"))
}

/// Panics unless `stdout`, what `command` printed for `-o json` (or each line
/// of `-o ndjson`), matches the command's schema.
pub fn check_command_output(schemas: &Schemas, command: &str, format: &str, stdout: &str) {
    let path = command_schema(command);
    let fail = |e: String, doc: &str| {
        panic!(
            "`scimctl {command} -o {format}` breaks {}: {e}\n{doc}",
            path.display()
        )
    };
    let parse = |doc: &str| -> Value {
        serde_json::from_str(doc).unwrap_or_else(|e| {
            fail(e.to_string(), doc);
            Value::Null
        })
    };
    match format {
        "json" => {
            if let Err(e) = schemas.validate_file(&path, &parse(stdout)) {
                fail(e, stdout);
            }
        }
        "ndjson" => {
            // Each line is one item of what -o json prints as an array.
            let schema = schemas.doc(&path);
            let item = schema.get("items").unwrap_or(schema);
            for line in stdout.lines() {
                if let Err(e) = schemas.validate(&path, item, &parse(line), "$") {
                    fail(e, line);
                }
            }
        }
        _ => {}
    }
}
