//! How Coder's Go server writes each key of every wire type, as data: the facts the
//! types of this crate follow (through the helpers of [`crate::wire`]) and that the tests
//! check them, and the OpenAPI document, against. Each type's rules are written beside it,
//! in its `wire_type!` (see [`crate::registry`]), read near the contract's version from
//! Coder's source (codersdk structs, their json tags, the db2sdk converters):
//!
//! ```text
//! <property> <rule> [required]  rule: always | null-when-unset | omitted-when-empty | never
//! ```
//!
//! one key a line, in Go's order. **always**: present, never null (a list is `[]` when
//! empty, a map `{}`); **null-when-unset**: present, null when unset; **omitted-when-empty**:
//! absent when empty (`""`, 0, false, nil, empty list or map), never null; **never**: not
//! written at all. `required` (request bodies only) marks a member the server refuses to go
//! without; every other request member may be left out by clients that are not Go (Go
//! always writes an `always` member, as its zero value when unset: the nil UUID, `""`, 0 or
//! false). Text after `#` is a comment. A request body's rules say how Coder's Go SDK
//! writes it; a string enum has no keys.

use std::fmt;

/// How Go writes one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Present, never null.
    Always,
    /// Present; null when unset.
    NullWhenUnset,
    /// Absent when empty; never null.
    OmittedWhenEmpty,
    /// Never written.
    Never,
}

impl Rule {
    fn parse(s: &str) -> Option<Rule> {
        Some(match s {
            "always" => Rule::Always,
            "null-when-unset" => Rule::NullWhenUnset,
            "omitted-when-empty" => Rule::OmittedWhenEmpty,
            "never" => Rule::Never,
            _ => return None,
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rule::Always => "always",
            Rule::NullWhenUnset => "null-when-unset",
            Rule::OmittedWhenEmpty => "omitted-when-empty",
            Rule::Never => "never",
        })
    }
}

/// What a schema is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An object the server writes.
    Response,
    /// A request body (written by clients).
    Request,
    /// A string enum.
    Enum,
}

/// One key of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: &'static str,
    pub rule: Rule,
    /// Request bodies: the server refuses a body without it.
    pub required_by_server: bool,
}

/// One schema and its rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Coder's schema name, e.g. `codersdk.Workspace`.
    pub name: &'static str,
    pub kind: Kind,
    /// The keys in Go's order.
    pub properties: Vec<Property>,
}

impl Shape {
    /// The property called `name`.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// Every registered wire type's rules ([`crate::registry`]), by schema name.
pub fn shapes() -> Vec<Shape> {
    crate::registry::wire_types().into_iter().map(|t| read(t.name(), t.kind, t.keys)).collect()
}

/// The rules of the schema `name` of kind `kind`, from its `wire_type!`'s text.
fn read(name: &'static str, kind: Kind, keys: &'static str) -> Shape {
    let mut properties = Vec::new();
    for raw in keys.lines() {
        let line = raw.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let bad = || -> ! { panic!("{name}: cannot read the rule {raw:?}") };
        let mut words = line.split_whitespace();
        let (Some(property), Some(rule)) = (words.next(), words.next().and_then(Rule::parse)) else {
            bad()
        };
        let required_by_server = match words.next() {
            None => false,
            Some("required") => true,
            Some(_) => bad(),
        };
        if kind == Kind::Enum || (required_by_server && kind != Kind::Request) {
            bad();
        }
        properties.push(Property { name: property, rule, required_by_server });
    }
    Shape { name, kind, properties }
}

/// The schema called `name`.
pub fn shape(name: &str) -> Option<Shape> {
    shapes().into_iter().find(|s| s.name == name)
}

/// Whether a property schema admits `null` (following `$ref`s into `schemas`; a schema
/// without a type admits anything).
pub fn is_nullable(
    schemas: &serde_json::Map<String, serde_json::Value>,
    schema: &serde_json::Value,
) -> bool {
    use serde_json::Value;
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/components/schemas/");
        return schemas.get(name).is_some_and(|s| is_nullable(schemas, s));
    }
    if let Some(branches) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        return branches.iter().any(|b| is_nullable(schemas, b));
    }
    match schema.get("type") {
        None => schema.get("allOf").is_none() && schema.get("enum").is_none(),
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        Some(_) => false,
    }
}

/// Where the `components.schemas` of an OpenAPI document disagree with the rules, for the
/// schemas both name: an **always** property must be required and not nullable, a
/// **null-when-unset** one required and nullable, an **omitted-when-empty** one optional and
/// not nullable, a **never** one absent. In request bodies a property is required only when
/// the server refuses a body without it (Go clients send every member anyway).
pub fn document_disagreements(schemas: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    use serde_json::Value;
    let mut problems = Vec::new();
    for shape in shapes() {
        let Some(schema) = schemas.get(shape.name) else {
            continue;
        };
        let name = shape.name;
        if shape.kind == Kind::Enum {
            if schema.get("enum").is_none() {
                problems.push(format!(
                    "{name}: registered as a string enum, the document has none"
                ));
            }
            continue;
        }
        let empty = serde_json::Map::new();
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for key in props.keys() {
            if shape.property(key).is_none_or(|p| p.rule == Rule::Never) {
                problems.push(format!(
                    "{name}.{key}: in the document, but Coder never writes it"
                ));
            }
        }
        for p in &shape.properties {
            let Some(prop) = props.get(p.name) else {
                if p.rule != Rule::Never {
                    problems.push(format!(
                        "{name}.{}: {} in its rules, missing from the document",
                        p.name, p.rule
                    ));
                }
                continue;
            };
            let nullable = is_nullable(schemas, prop);
            let is_required = required.contains(&p.name);
            let (want_required, want_nullable) = match p.rule {
                Rule::Always => (true, false),
                Rule::NullWhenUnset => (true, true),
                Rule::OmittedWhenEmpty => (false, false),
                Rule::Never => continue,
            };
            // A request member is nullable exactly when the server reads `null` as unset
            // (as Coder's Go decoder does, and Coder's TypeScript client sends): the
            // types are held to that by `request_members_accept_null_as_documented`.
            let (want_required, want_nullable) = if shape.kind == Kind::Request {
                (p.required_by_server, nullable)
            } else {
                (want_required, want_nullable)
            };
            if is_required != want_required || nullable != want_nullable {
                problems.push(format!(
                    "{name}.{}: {} wants required={want_required} nullable={want_nullable}, the document has required={is_required} nullable={nullable}",
                    p.name, p.rule
                ));
            }
        }
    }
    problems
}
