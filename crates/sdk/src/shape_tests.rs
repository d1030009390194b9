//! Every wire type against the rules of how Coder's Go server writes it
//! ([`crate::shapes`]): key by key, with every optional member unset and with everything
//! set; and the generated schemas against the same rules.

use serde_json::{json, Map, Value};

use crate::shapes::{self, is_nullable, Kind, Rule};
use crate::tests::schemas;

type RoundTrip = fn(Value) -> Result<Value, String>;

/// The Rust type of every object schema (the registered structs, [`crate::registry`]).
fn object_types() -> Vec<(&'static str, RoundTrip)> {
    crate::registry::wire_types()
        .into_iter()
        .filter(|t| t.kind != Kind::Enum && shapes::shape(t.name()).is_some_and(|s| s.properties.iter().any(|p| p.rule != Rule::Never)))
        .map(|t| (t.name(), t.round_trip))
        .collect()
}

/// A JSON value for `schema`: Go's zero value (`set` false) or a non-empty one (`set` true).
/// Objects get every property when `set`; otherwise only their required ones, `null` where
/// nullable and the zero value elsewhere.
fn sample(schemas: &Map<String, Value>, schema: &Value, set: bool) -> Value {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/components/schemas/");
        return sample(schemas, &schemas[name], set);
    }
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        let branch = branches
            .iter()
            .find(|b| b.get("type") != Some(&json!("null")))
            .expect("a non-null branch");
        return sample(schemas, branch, set);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let pick = if set {
            values.iter().find(|v| *v != "")
        } else {
            None
        };
        return pick.unwrap_or(&values[0]).clone();
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ => {
            return if set {
                json!({ "key": "value" })
            } else {
                Value::Null
            }
        }
    };
    match (ty, schema.get("format").and_then(Value::as_str)) {
        ("string", Some("uuid")) => json!(if set {
            "0c8b6a3e-8d1f-4a59-9a53-2f4e8c1d7b10"
        } else {
            "00000000-0000-0000-0000-000000000000"
        }),
        ("string", Some("date-time")) => json!(if set {
            "2026-11-24T10:30:00Z"
        } else {
            "0001-01-01T00:00:00Z"
        }),
        ("string", Some("uri")) => json!(if set { "https://example.com/a.png" } else { "" }),
        ("string", Some("email")) => json!(if set { "a@example.com" } else { "" }),
        ("string", _) => json!(if set { "text" } else { "" }),
        ("integer", _) => json!(if set { 7 } else { 0 }),
        ("number", _) => json!(if set { 1.5 } else { 0.0 }),
        ("boolean", _) => json!(set),
        ("array", _) => {
            if set {
                json!([sample(schemas, &schema["items"], true)])
            } else {
                json!([])
            }
        }
        ("object", _) => match schema.get("properties").and_then(Value::as_object) {
            Some(props) => {
                let required: Vec<&str> = schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let mut out = Map::new();
                for (key, prop) in props {
                    if set {
                        out.insert(key.clone(), sample(schemas, prop, true));
                    } else if required.contains(&key.as_str()) {
                        let zero = if is_nullable(schemas, prop) {
                            Value::Null
                        } else {
                            sample(schemas, prop, false)
                        };
                        out.insert(key.clone(), zero);
                    }
                }
                Value::Object(out)
            }
            None if set => {
                json!({ "key": sample(schemas, schema.get("additionalProperties").unwrap_or(&json!({})), true) })
            }
            None => json!({}),
        },
        _ => Value::Null,
    }
}

#[test]
fn every_wire_type_writes_its_keys_as_coder_does() {
    let schemas = schemas();
    let types = object_types();
    let table = shapes::shapes();
    let mut problems = Vec::new();
    let mut walked = 0;
    for shape in &table {
        if shape.kind == Kind::Enum || shape.properties.iter().all(|p| p.rule == Rule::Never) {
            // String enums, and uuid.NullUUID (written as a string or null; see
            // `null_uuid_is_a_string_or_null`).
            continue;
        }
        let Some((_, round_trip)) = types.iter().find(|(name, _)| *name == shape.name) else {
            problems.push(format!(
                "{}: no Rust type registered (wire_type!)",
                shape.name
            ));
            continue;
        };
        let schema = json!({ "$ref": format!("#/components/schemas/{}", shape.name) });
        for set in [false, true] {
            let input = sample(&schemas, &schema, set);
            let written = match round_trip(input.clone()) {
                Ok(Value::Object(map)) => map,
                Ok(other) => {
                    problems.push(format!("{}: written as {other}, not an object", shape.name));
                    continue;
                }
                Err(e) => {
                    problems.push(format!("{}: {input} does not read: {e}", shape.name));
                    continue;
                }
            };
            let state = if set { "set" } else { "unset" };
            for key in written.keys() {
                if shape.property(key).is_none_or(|p| p.rule == Rule::Never) {
                    problems.push(format!(
                        "{}.{key}: written, but Coder never writes it",
                        shape.name
                    ));
                }
            }
            for p in &shape.properties {
                let have = written.get(p.name);
                let ok = match (p.rule, set, have) {
                    (Rule::Never, _, None) => true,
                    (Rule::Never, _, Some(_)) => false,
                    (Rule::NullWhenUnset, false, Some(v)) => v.is_null(),
                    (Rule::OmittedWhenEmpty, false, None) => true,
                    (Rule::OmittedWhenEmpty, false, Some(_)) => false,
                    (_, _, Some(v)) => !v.is_null(),
                    (_, _, None) => false,
                };
                if !ok {
                    problems.push(format!(
                        "{}.{} ({}), {state}: written as {have:?}",
                        shape.name, p.name, p.rule
                    ));
                }
            }
        }
        walked += 1;
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(walked, types.len(), "every registered type is walked");
    // The 53 objects of this writing (uuid.NullUUID, never an object, aside).
    assert!(walked >= 53, "{walked}");
}

/// A request member the document calls nullable is read when it is `null` (as unset), and
/// one it does not is refused: what schemathesis and generated clients rely on.
#[test]
fn request_members_accept_null_as_documented() {
    let schemas = schemas();
    let types = object_types();
    let mut problems = Vec::new();
    let mut checked = 0;
    for shape in shapes::shapes().iter().filter(|s| s.kind == Kind::Request) {
        let Some((_, round_trip)) = types.iter().find(|(name, _)| *name == shape.name) else {
            continue;
        };
        let schema = json!({ "$ref": format!("#/components/schemas/{}", shape.name) });
        let full = sample(&schemas, &schema, true);
        let props = schemas[shape.name]["properties"].as_object().cloned().unwrap_or_default();
        for (key, prop) in &props {
            if shape.property(key).is_some_and(|p| p.required_by_server) {
                // The server refuses to go without it: null is refused too (when read, by
                // the service), so the document never calls it nullable.
                if is_nullable(&schemas, prop) {
                    problems.push(format!("{}.{key}: required by the server, yet nullable", shape.name));
                }
                continue;
            }
            let mut body = full.clone();
            body[key.as_str()] = Value::Null;
            let read = round_trip(body).is_ok();
            let documented = is_nullable(&schemas, prop);
            if read != documented {
                problems.push(format!("{}.{key}: null is read: {read}, nullable in the document: {documented}", shape.name));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert!(checked > 20);
}

#[test]
fn the_table_names_every_schema_and_the_schemas_agree_with_it() {
    let schemas = schemas();
    let table = shapes::shapes();
    let mut named: Vec<&str> = table.iter().map(|s| s.name).collect();
    named.sort_unstable();
    let mut documented: Vec<&str> = schemas.keys().map(String::as_str).collect();
    documented.sort_unstable();
    assert_eq!(
        named, documented,
        "the table and the components name the same schemas"
    );
    let problems = shapes::document_disagreements(&schemas);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_table_reads() {
    let table = shapes::shapes();
    // The 81 schemas of this writing.
    assert!(table.len() >= 81, "{}", table.len());
    let workspace = shapes::shape("codersdk.Workspace").unwrap();
    assert_eq!(workspace.kind, Kind::Response);
    assert_eq!(
        workspace.property("ttl_ms").unwrap().rule,
        Rule::OmittedWhenEmpty
    );
    assert_eq!(
        workspace.property("task_id").unwrap().rule,
        Rule::NullWhenUnset
    );
    assert_eq!(workspace.property("id").unwrap().rule, Rule::Always);
    let create = shapes::shape("codersdk.CreateWorkspaceRequest").unwrap();
    assert_eq!(create.kind, Kind::Request);
    assert!(create.property("name").unwrap().required_by_server);
    assert!(!create.property("template_id").unwrap().required_by_server);
    assert_eq!(
        shapes::shape("uuid.NullUUID")
            .unwrap()
            .property("valid")
            .unwrap()
            .rule,
        Rule::Never
    );
    assert_eq!(
        shapes::shape("codersdk.WorkspaceStatus").unwrap().kind,
        Kind::Enum
    );
}

#[test]
fn the_samples_follow_go_zero_values() {
    let schemas = schemas();
    let unset = sample(
        &schemas,
        &json!({ "$ref": "#/components/schemas/codersdk.WorkspaceAgentHealth" }),
        false,
    );
    assert_eq!(unset, json!({ "healthy": false }));
    let set = sample(
        &schemas,
        &json!({ "$ref": "#/components/schemas/codersdk.WorkspaceAgentHealth" }),
        true,
    );
    assert_eq!(set, json!({ "healthy": true, "reason": "text" }));
}
