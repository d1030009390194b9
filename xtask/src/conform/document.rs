//! The operations of the OpenAPI document the runner holds the server to.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// One documented operation.
#[derive(Clone)]
pub struct Op {
    pub id: String,
    pub method: String,
    pub path: String,
    pub tag: String,
    pub responses: Value,
    pub public: bool,
    pub body_schema: Option<Value>,
    /// Whether the operation documents a request body (required or not).
    pub has_body: bool,
    /// Path parameters documented as UUIDs.
    pub uuid_params: Vec<String>,
}

impl Op {
    pub(super) fn declares(&self, status: u16) -> bool {
        self.responses.get(status.to_string()).is_some()
    }
    pub(super) fn declared(&self) -> BTreeSet<u16> {
        self.responses.as_object().into_iter().flatten().filter_map(|(k, _)| k.parse().ok()).collect()
    }
    pub(super) fn path_params(&self) -> Vec<String> {
        self.path.split('/').filter(|s| s.starts_with('{')).map(|s| s.trim_matches(|c| c == '{' || c == '}').to_owned()).collect()
    }
}

/// The operations of a document, by operationId.
pub fn operations(doc: &Value) -> BTreeMap<String, Op> {
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op["operationId"].as_str() else { continue };
            let public = op["security"].as_array().is_some_and(|reqs| reqs.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty())));
            out.insert(
                id.to_owned(),
                Op {
                    id: id.to_owned(),
                    method: method.to_uppercase(),
                    path: path.clone(),
                    tag: op["tags"][0].as_str().unwrap_or_default().to_owned(),
                    responses: op["responses"].clone(),
                    public,
                    body_schema: op.pointer("/requestBody/content/application~1json/schema").cloned(),
                    has_body: op.get("requestBody").is_some(),
                    uuid_params: op["parameters"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|p| p["in"] == "path" && p["schema"]["format"] == "uuid")
                        .filter_map(|p| p["name"].as_str().map(str::to_owned))
                        .collect(),
                },
            );
        }
    }
    out
}
