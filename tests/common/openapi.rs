//! Checks admin API responses against docs/admin-api.openapi.json: the status must
//! be documented for that operation, and the body must match its schema. A small
//! validator for the JSON Schema subset the file uses.

use serde_json::Value;

pub struct Spec {
    doc: Value,
}

impl Spec {
    pub fn load() -> Spec {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/admin-api.openapi.json"
        ))
        .expect("openapi file");
        Spec {
            doc: serde_json::from_str(&text).expect("openapi JSON"),
        }
    }

    /// Panics unless `status` and `body` are what the spec documents for `method template`.
    pub fn check(&self, method: &str, template: &str, status: u16, body: &Value) {
        let op = &self.doc["paths"][template][method.to_ascii_lowercase()];
        assert!(op.is_object(), "{method} {template} is not documented");
        let resp = &op["responses"][status.to_string()];
        assert!(
            resp.is_object(),
            "{method} {template} answered {status}, which the spec does not document: {body}"
        );
        match resp["content"]["application/json"]["schema"].clone() {
            Value::Null => assert!(
                body.is_null(),
                "{method} {template} {status} should have no body, got {body}"
            ),
            schema => {
                if let Err(e) = self.validate(&schema, body, "$") {
                    panic!("{method} {template} {status}: {e}\nbody: {body}");
                }
            }
        }
    }

    /// The name of the model type documented for an answer: the component a
    /// `$ref` names, or for an inline list wrapper its one property (`users`).
    pub fn response_type(&self, method: &str, template: &str, status: u16) -> Option<String> {
        let op = &self.doc["paths"][template][method.to_ascii_lowercase()];
        let schema = &op["responses"][status.to_string()]["content"]["application/json"]["schema"];
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            return Some(r.trim_start_matches("#/components/schemas/").to_owned());
        }
        let props = schema.get("properties")?.as_object()?;
        (props.len() == 1).then(|| props.keys().next().unwrap().clone())
    }

    /// The schema of an operation's request body.
    pub fn request_schema(&self, method: &str, template: &str) -> Value {
        self.doc["paths"][template][method.to_ascii_lowercase()]["requestBody"]["content"]
            ["application/json"]["schema"]
            .clone()
    }

    /// Every component schema's name.
    pub fn component_names(&self) -> Vec<String> {
        self.doc["components"]["schemas"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Every (method, template, status) the spec documents.
    pub fn operations(&self) -> Vec<(String, String, u16)> {
        let mut out = Vec::new();
        for (template, ops) in self.doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in ops.as_object().into_iter().flatten() {
                for status in op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(s, _)| s)
                {
                    out.push((
                        method.to_uppercase(),
                        template.clone(),
                        status.parse().unwrap(),
                    ));
                }
            }
        }
        out
    }

    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/components/schemas/");
                &self.doc["components"]["schemas"][name]
            }
            None => schema,
        }
    }

    pub fn validate(&self, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
        let schema = self.resolve(schema);
        if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
            let ok = options
                .iter()
                .filter(|o| self.validate(o, v, at).is_ok())
                .count();
            return if ok == 1 {
                Ok(())
            } else {
                Err(format!("{at}: matches {ok} of the oneOf options"))
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
        if schema.get("format").and_then(Value::as_str) == Some("date-time")
            && let Some(s) = v.as_str()
            && s.parse::<jiff::Timestamp>().is_err()
        {
            return Err(format!("{at}: '{s}' is not an RFC 3339 date-time"));
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
                    Some(s) => self.validate(s, val, &format!("{at}.{k}"))?,
                    None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                        return Err(format!("{at}: '{k}' is not in the schema"));
                    }
                    None => {}
                }
            }
        }
        if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
            for (i, item) in items.iter().enumerate() {
                self.validate(s, item, &format!("{at}[{i}]"))?;
            }
        }
        Ok(())
    }
}
