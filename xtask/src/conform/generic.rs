//! The cases every operation gets from the document alone (401, 400 for a path id that is
//! not a UUID or for a body that is a JSON array, 404, 413), and the driver of an operation
//! simple enough to be derived from the document: path parameters the fixtures fill, no
//! request body or a JSON one with an example (sent as it is), one success status answered
//! as JSON or with no body (not a stream).

use serde_json::Value;

use super::client::{override_param, Conform, Req};
use super::document::Op;

impl Conform {
    /// The valid values of every path parameter, from the fixtures.
    pub(super) fn default_param(&self, name: &str) -> Option<String> {
        Some(match name {
            "workspace" => self.fx.workspace_id.clone(),
            "user" => "me".to_owned(),
            "organization" => self.fx.org_id.clone(),
            "template" => self.fx.template_id.clone(),
            "workspacename" => self.fx.workspace_name.clone(),
            _ => return None,
        })
    }

    /// The cases every operation gets from the document alone.
    pub(super) fn generic(&mut self, op: &Op) {
        let params: Vec<String> = op.path_params();
        let base = |c: &Conform| {
            let mut req = Req::new();
            for p in &params {
                if let Some(v) = c.default_param(p) {
                    req = req.p(p, v);
                }
            }
            if let Some(example) = op.body_schema.as_ref().and_then(|s| c.example_of(s)) {
                req = req.json(example);
            }
            req
        };
        if !op.public && op.declares(401) {
            self.check(&op.id, "no session token", base(self).anonymous(), 401);
            self.check(&op.id, "an unknown session token", base(self).token("AbCdEfGhIj-0123456789abcdefghijkl"), 401);
        }
        for id_param in ["workspace", "template", "organization"] {
            if !params.iter().any(|p| p == id_param) {
                continue;
            }
            // (An organization is found by ID or by name, as in Coder: any text is a name,
            // so only workspace and template IDs answer 400 when they are not UUIDs.)
            if op.declares(400) && id_param != "organization" && op.uuid_params.iter().any(|p| p == id_param) {
                let req = base(self).p(id_param, "not-a-uuid");
                let req = Req { params: override_param(&req.params, id_param, "not-a-uuid"), ..req };
                self.check(&op.id, &format!("{id_param} is not a UUID"), req, 400);
            }
            if op.declares(404) {
                let unknown = "7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a";
                let req = base(self);
                let req = Req { params: override_param(&req.params, id_param, unknown), ..req };
                self.check(&op.id, &format!("unknown {id_param}"), req, 404);
            }
        }
        if op.body_schema.is_some() && op.declares(400) {
            // Go reads a JSON object into a struct and refuses anything else.
            self.check(&op.id, "body is a JSON array", base(self).json(serde_json::json!([])), 400);
        }
        if op.declares(413) {
            let mut big = Vec::with_capacity(1 << 21);
            big.extend_from_slice(b"{\"name\":\"");
            big.resize((1 << 20) + 4096, b'a');
            big.extend_from_slice(b"\"}");
            let req = base(self).raw(big);
            self.check(&op.id, "a body over 1 MiB", req, 413);
        }
    }

    /// The first example of a request body schema (a `$ref` to a component, or `oneOf` one).
    pub(super) fn example_of(&self, schema: &Value) -> Option<Value> {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            return self.components["schemas"][name]["examples"][0].clone().into();
        }
        schema["oneOf"].as_array()?.iter().find_map(|s| self.example_of(s))
    }

    /// The derived driver of `op` (see [`derived_success`]): one request on the fixtures,
    /// with the example body if it takes one, expecting the documented success status.
    pub(super) fn derived(&mut self, op: &Op, status: u16) {
        let mut req = Req::new();
        for p in op.path_params() {
            if let Some(v) = self.default_param(&p) {
                req = req.p(&p, v);
            }
        }
        if let Some(example) = op.body_schema.as_ref().and_then(|s| self.example_of(s)) {
            req = req.json(example);
        }
        self.check(&op.id, "derived from the document: the fixtures and the example body", req, status);
    }
}

/// The success status of an operation whose driver can be derived from the document: every
/// path parameter is one the fixtures fill, it takes no request body or a JSON one whose
/// schema has an example (`body_example`: the document's first), and it declares one 2xx
/// answer, JSON or empty. (What the example cannot reach, such as a member naming something
/// the run made, needs a hand-written driver.)
pub(super) fn derived_success(op: &Op, body_example: Option<&Value>) -> Option<u16> {
    const FIXTURE_PARAMS: [&str; 5] = ["workspace", "user", "organization", "template", "workspacename"];
    if !op.path_params().iter().all(|p| FIXTURE_PARAMS.contains(&p.as_str())) {
        return None;
    }
    if op.has_body && (op.body_schema.is_none() || body_example.is_none()) {
        return None;
    }
    let successes: Vec<(u16, &Value)> = op
        .responses
        .as_object()?
        .iter()
        .filter_map(|(k, v)| k.parse::<u16>().ok().filter(|s| (200..300).contains(s)).map(|s| (s, v)))
        .collect();
    let [(status, answer)] = successes.as_slice() else { return None };
    let json_or_empty = match answer["content"].as_object() {
        None => true,
        Some(content) => content.keys().all(|t| t == "application/json"),
    };
    json_or_empty.then_some(*status)
}
