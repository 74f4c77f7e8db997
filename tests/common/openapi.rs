//! Checks admin API responses against docs/admin-api.openapi.json: the status must
//! be documented for that operation, and the body must match its schema
//! (validated by `super::jsonschema`).

use std::path::PathBuf;

use serde_json::Value;

use super::jsonschema::{Schemas, docs_dir};

pub struct Spec {
    schemas: Schemas,
    path: PathBuf,
    doc: &'static Value,
}

impl Spec {
    pub fn load() -> Spec {
        let schemas = Schemas::new();
        let path = docs_dir().join("admin-api.openapi.json");
        let doc = schemas.doc(&path);
        Spec { schemas, path, doc }
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
        match &resp["content"]["application/json"]["schema"] {
            Value::Null => assert!(
                body.is_null(),
                "{method} {template} {status} should have no body, got {body}"
            ),
            schema => {
                if let Err(e) = self.validate(schema, body, "$") {
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
    pub fn request_schema(&self, method: &str, template: &str) -> &'static Value {
        &self.doc["paths"][template][method.to_ascii_lowercase()]["requestBody"]["content"]["application/json"]
            ["schema"]
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

    pub fn validate(&self, schema: &'static Value, v: &Value, at: &str) -> Result<(), String> {
        self.schemas.validate(&self.path, schema, v, at)
    }
}
