//! `cargo xtask docs [--check]`: the Markdown API reference under `docs/api/`, generated
//! from the committed OpenAPI document in the structure of Coder's reference pages — one
//! page per tag, each operation with its summary, a curl code sample, the method and path,
//! the body parameter, a parameters table, example responses and a responses table — and a
//! `schemas.md` with every schema's properties. `--check` fails when the pages are stale.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// Where the pages go, relative to the workspace.
const DIR: &str = "docs/api";

/// The pages for a document: file name → content.
pub fn pages(doc: &Value) -> BTreeMap<String, String> {
    let mut by_tag: BTreeMap<String, Vec<(String, String, &Value)>> = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let tag = op["tags"][0].as_str().unwrap_or("General").to_owned();
            by_tag.entry(tag).or_default().push((method.to_uppercase(), path.clone(), op));
        }
    }
    let tag_descriptions: BTreeMap<&str, &str> = doc["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| Some((t["name"].as_str()?, t["description"].as_str().unwrap_or_default())))
        .collect();
    // Tags in the document's order.
    let order: Vec<String> = doc["tags"].as_array().into_iter().flatten().filter_map(|t| t["name"].as_str().map(str::to_owned)).collect();
    let mut out = BTreeMap::new();
    let mut index = String::new();
    let title = doc["info"]["title"].as_str().unwrap_or("API");
    writeln!(index, "# {title}\n").unwrap();
    writeln!(index, "{}\n", doc["info"]["description"].as_str().unwrap_or_default().trim()).unwrap();
    writeln!(index, "Generated from `openapi/openapi.json` by `cargo xtask docs`; do not edit by hand.\n").unwrap();
    writeln!(index, "| Section | Operations | |\n| --- | --- | --- |").unwrap();
    for tag in &order {
        let Some(ops) = by_tag.get(tag) else { continue };
        let file = page_name(tag);
        writeln!(index, "| [{tag}]({file}) | {} | {} |", ops.len(), cell(tag_descriptions.get(tag.as_str()).copied().unwrap_or_default())).unwrap();
        out.insert(file, tag_page(doc, tag, tag_descriptions.get(tag.as_str()).copied().unwrap_or_default(), ops));
    }
    writeln!(index, "| [Schemas](schemas.md) | | Every request and response body. |\n").unwrap();
    writeln!(index, "## Authentication\n").unwrap();
    writeln!(
        index,
        "Every operation except `GET /api/v2/buildinfo` needs a session token in the `Coder-Session-Token` header \
         (`workspaced tokens create --user NAME` prints one). Errors are `codersdk.Response` bodies: `message`, \
         optionally `detail` and `validations` (one per field)."
    )
    .unwrap();
    out.insert("README.md".to_owned(), index);
    out.insert("schemas.md".to_owned(), schemas_page(doc));
    out
}

fn page_name(tag: &str) -> String {
    let mut s = String::new();
    for (i, c) in tag.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            s.push('-');
        }
        s.push(c.to_ascii_lowercase());
    }
    format!("{s}.md")
}

/// A schema name as an anchor of schemas.md (Coder's style: lowercase, dots dropped).
fn anchor(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').map(|c| c.to_ascii_lowercase()).collect()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn json_block(v: &Value) -> String {
    format!("```json\n{}\n```\n", serde_json::to_string_pretty(v).unwrap_or_default())
}

/// A schema as a type: `string(uuid)`, `[codersdk.X](schemas.md#codersdkx)`, `array of …`.
fn type_of(schema: &Value, link_prefix: &str) -> String {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return format!("[{name}]({link_prefix}#{})", anchor(name));
    }
    if let Some(branches) = schema["oneOf"].as_array().or_else(|| schema["anyOf"].as_array()) {
        return branches.iter().map(|b| type_of(b, link_prefix)).collect::<Vec<_>>().join(" or ");
    }
    let types: Vec<String> = match &schema["type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => vec![],
    };
    let mut parts = Vec::new();
    for t in &types {
        let s = match t.as_str() {
            "array" => format!("array of {}", type_of(&schema["items"], link_prefix)),
            "object" if schema.get("additionalProperties").is_some_and(Value::is_object) => {
                format!("map of {}", type_of(&schema["additionalProperties"], link_prefix))
            }
            other => match schema["format"].as_str() {
                Some(f) => format!("{other}({f})"),
                None => other.to_owned(),
            },
        };
        parts.push(s);
    }
    if parts.is_empty() {
        "any".to_owned()
    } else {
        parts.join(" or ")
    }
}

/// Constraints worth a reader's eye: pattern, lengths, bounds, enum values.
fn constraints(schema: &Value) -> String {
    let mut c = Vec::new();
    if let Some(p) = schema["pattern"].as_str() {
        c.push(format!("pattern `{p}`"));
    }
    if let Some(n) = schema["minLength"].as_u64() {
        c.push(format!("min length {n}"));
    }
    if let Some(n) = schema["maxLength"].as_u64() {
        c.push(format!("max length {n}"));
    }
    if let Some(n) = schema.get("minimum").filter(|v| v.is_number()) {
        c.push(format!("minimum {n}"));
    }
    if let Some(n) = schema.get("maximum").filter(|v| v.is_number()) {
        c.push(format!("maximum {n}"));
    }
    if let Some(values) = schema["enum"].as_array() {
        c.push(format!("one of {}", values.iter().map(|v| format!("`{}`", v.as_str().map_or(v.to_string(), |s| format!("{s:?}").trim_matches('"').to_owned()))).collect::<Vec<_>>().join(", ")));
    }
    c.join("; ")
}

fn reason(status: &str) -> (&'static str, &'static str) {
    match status {
        "200" => ("OK", "https://tools.ietf.org/html/rfc7231#section-6.3.1"),
        "201" => ("Created", "https://tools.ietf.org/html/rfc7231#section-6.3.2"),
        "204" => ("No Content", "https://tools.ietf.org/html/rfc7231#section-6.3.5"),
        "304" => ("Not Modified", "https://tools.ietf.org/html/rfc7232#section-4.1"),
        "400" => ("Bad Request", "https://tools.ietf.org/html/rfc7231#section-6.5.1"),
        "401" => ("Unauthorized", "https://tools.ietf.org/html/rfc7235#section-3.1"),
        "403" => ("Forbidden", "https://tools.ietf.org/html/rfc7231#section-6.5.3"),
        "404" => ("Not Found", "https://tools.ietf.org/html/rfc7231#section-6.5.4"),
        "409" => ("Conflict", "https://tools.ietf.org/html/rfc7231#section-6.5.8"),
        "410" => ("Gone", "https://tools.ietf.org/html/rfc7231#section-6.5.9"),
        "413" => ("Payload Too Large", "https://tools.ietf.org/html/rfc7231#section-6.5.11"),
        "500" => ("Internal Server Error", "https://tools.ietf.org/html/rfc7231#section-6.6.1"),
        _ => ("", ""),
    }
}

fn component_example<'a>(doc: &'a Value, schema: &Value) -> Option<&'a Value> {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return doc["components"]["schemas"][name]["examples"].get(0);
    }
    if let Some(branches) = schema["oneOf"].as_array() {
        return branches.iter().find_map(|b| component_example(doc, b));
    }
    if schema["type"] == "array" {
        return None;
    }
    None
}

/// The example of a response: its own, else the schema's (an array: of one item).
fn response_example(doc: &Value, content: &Value) -> Option<Value> {
    if let Some(e) = content.get("example") {
        return Some(e.clone());
    }
    let schema = &content["schema"];
    if let Some(e) = component_example(doc, schema) {
        return Some(e.clone());
    }
    if schema["type"] == "array" {
        return component_example(doc, &schema["items"]).map(|e| Value::Array(vec![e.clone()]));
    }
    None
}

fn tag_page(doc: &Value, tag: &str, description: &str, ops: &[(String, String, &Value)]) -> String {
    let mut s = String::new();
    writeln!(s, "# {tag}\n").unwrap();
    if !description.is_empty() {
        writeln!(s, "{description}\n").unwrap();
    }
    writeln!(s, "Generated from `openapi/openapi.json` by `cargo xtask docs`; do not edit by hand.\n").unwrap();
    for (method, path, op) in ops {
        let summary = op["summary"].as_str().unwrap_or_default();
        writeln!(s, "## {summary}\n").unwrap();
        if let Some(d) = op["description"].as_str() {
            writeln!(s, "{}\n", d.trim()).unwrap();
        }
        let body = op.pointer("/requestBody/content/application~1json");
        let public = op["security"].as_array().is_some_and(|r| r.iter().any(|x| x.as_object().is_some_and(|o| o.is_empty())));
        writeln!(s, "### Code samples\n").unwrap();
        writeln!(s, "```shell\n# Example request using curl").unwrap();
        let mut lines = vec![format!("curl -X {method} http://127.0.0.1:3000{path}")];
        if body.is_some() {
            lines.push("  -H 'Content-Type: application/json'".to_owned());
        }
        lines.push("  -H 'Accept: application/json'".to_owned());
        if !public {
            lines.push("  -H 'Coder-Session-Token: API_KEY'".to_owned());
        }
        if let Some(example) = body.and_then(|b| component_example(doc, &b["schema"])) {
            lines.push(format!("  -d '{}'", example.to_string().replace('\'', "'\\''")));
        }
        writeln!(s, "{}\n```\n", lines.join(" \\\n")).unwrap();
        writeln!(s, "`{method} {path}`\n").unwrap();
        if let Some(example) = body.and_then(|b| component_example(doc, &b["schema"])) {
            writeln!(s, "> Body parameter\n\n{}", json_block(example)).unwrap();
        }
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        if !params.is_empty() || body.is_some() {
            writeln!(s, "### Parameters\n\n| Name | In | Type | Required | Description |\n| --- | --- | --- | --- | --- |").unwrap();
            for p in &params {
                let mut desc = p["description"].as_str().unwrap_or_default().to_owned();
                let c = constraints(&p["schema"]);
                if !c.is_empty() {
                    desc = if desc.is_empty() { c } else { format!("{desc} ({c})") };
                }
                writeln!(
                    s,
                    "| `{}` | {} | {} | {} | {} |",
                    p["name"].as_str().unwrap_or_default(),
                    p["in"].as_str().unwrap_or_default(),
                    type_of(&p["schema"], "schemas.md"),
                    p["required"].as_bool().unwrap_or(false),
                    cell(&desc)
                )
                .unwrap();
            }
            if let Some(b) = body {
                let required = op["requestBody"]["required"].as_bool().unwrap_or(false);
                let desc = op["requestBody"]["description"].as_str().unwrap_or_default();
                writeln!(s, "| `body` | body | {} | {required} | {} |", type_of(&b["schema"], "schemas.md"), cell(desc)).unwrap();
            }
            writeln!(s).unwrap();
        }
        let responses = op["responses"].as_object().cloned().unwrap_or_default();
        let examples: Vec<(String, Value)> = responses
            .iter()
            .filter_map(|(status, r)| Some((status.clone(), response_example(doc, r.pointer("/content/application~1json")?)?)))
            .collect();
        if !examples.is_empty() {
            writeln!(s, "### Example responses\n").unwrap();
            for (status, e) in &examples {
                writeln!(s, "> {status} Response\n\n{}", json_block(e)).unwrap();
            }
        }
        writeln!(s, "### Responses\n\n| Status | Meaning | Description | Schema |\n| --- | --- | --- | --- |").unwrap();
        for (status, r) in &responses {
            let (meaning, link) = reason(status);
            let schema = r.pointer("/content/application~1json/schema").map(|sch| type_of(sch, "schemas.md")).unwrap_or_default();
            writeln!(s, "| {status} | [{meaning}]({link}) | {} | {schema} |", cell(r["description"].as_str().unwrap_or_default())).unwrap();
        }
        writeln!(s).unwrap();
        if public {
            writeln!(s, "This operation needs no authentication.\n").unwrap();
        } else {
            writeln!(s, "To perform this operation, you must be authenticated with a session token (`Coder-Session-Token`).\n").unwrap();
        }
    }
    s
}

fn schemas_page(doc: &Value) -> String {
    let mut s = String::new();
    writeln!(s, "# Schemas\n").unwrap();
    writeln!(s, "Generated from `openapi/openapi.json` by `cargo xtask docs`; do not edit by hand.\n").unwrap();
    for (name, schema) in doc["components"]["schemas"].as_object().into_iter().flatten() {
        writeln!(s, "## {name}\n").unwrap();
        if let Some(d) = schema["description"].as_str() {
            writeln!(s, "{}\n", d.trim()).unwrap();
        }
        if let Some(e) = schema["examples"].get(0) {
            writeln!(s, "{}", json_block(e)).unwrap();
        }
        if let Some(values) = schema["enum"].as_array() {
            writeln!(s, "#### Enumerated values\n\n| Value |\n| --- |").unwrap();
            for v in values {
                writeln!(s, "| `{}` |", v.as_str().map_or(v.to_string(), str::to_owned)).unwrap();
            }
            writeln!(s).unwrap();
            continue;
        }
        let Some(props) = schema["properties"].as_object() else {
            writeln!(s, "Type: {}\n", type_of(schema, "")).unwrap();
            continue;
        };
        let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        writeln!(s, "### Properties\n\n| Name | Type | Required | Description |\n| --- | --- | --- | --- |").unwrap();
        for (prop, p) in props {
            let mut desc = p["description"].as_str().unwrap_or_default().to_owned();
            let c = constraints(p);
            if !c.is_empty() {
                desc = if desc.is_empty() { c } else { format!("{desc} ({c})") };
            }
            writeln!(s, "| `{prop}` | {} | {} | {} |", type_of(p, ""), required.contains(&prop.as_str()), cell(&desc)).unwrap();
        }
        writeln!(s).unwrap();
    }
    s
}

/// Writes the pages (removing stale ones), or with `check` only compares; returns whether
/// they were current.
pub fn run(root: &Path, check: bool) -> Result<bool> {
    let doc_path = root.join("openapi/openapi.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&doc_path).with_context(|| format!("reading {}", doc_path.display()))?)?;
    let mut want = pages(&doc);
    let released = crate::openapi_diff::release::released(root)?;
    want.insert("CHANGELOG.md".to_owned(), crate::openapi_diff::changelog::render(&released, &doc));
    let dir = root.join(DIR);
    let mut stale = Vec::new();
    for (file, content) in &want {
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            stale.push(file.clone());
            if !check {
                std::fs::create_dir_all(&dir)?;
                std::fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
                println!("wrote {DIR}/{file}");
            }
        }
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !want.contains_key(&name) {
            stale.push(name.clone());
            if !check {
                std::fs::remove_file(entry.path())?;
                println!("removed {DIR}/{name}");
            }
        }
    }
    if check {
        if stale.is_empty() {
            println!("{DIR}/ is current");
        } else {
            eprintln!("{DIR}/ is stale ({}). Regenerate with: cargo xtask docs", stale.join(", "));
        }
        return Ok(stale.is_empty());
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_per_tag_with_every_operation() {
        let doc = serde_json::to_value(workspaced_api::openapi()).unwrap();
        let pages = pages(&doc);
        assert!(pages.contains_key("workspaces.md") && pages.contains_key("port-sharing.md") && pages.contains_key("schemas.md"));
        let all: String = pages.values().cloned().collect();
        for (_, item) in doc["paths"].as_object().unwrap() {
            for (_, op) in item.as_object().unwrap() {
                let summary = op["summary"].as_str().unwrap();
                assert!(all.contains(&format!("## {summary}\n")), "{summary} has a section");
            }
        }
        assert!(pages["workspaces.md"].contains("### Responses"));
    }
}
