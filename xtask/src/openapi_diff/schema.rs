//! Schema rules. A request schema (what clients send) may only widen: a removed type,
//! format, enum value or property, a new required property, a tightened bound or a value
//! no longer nullable breaks. A response schema (what clients receive) may only narrow: a
//! removed or newly optional property, a value that may now be null, a widened type or
//! format, a loosened bound breaks. A removed enum value breaks in both (generated clients'
//! enum types lose it). `oneOf`/`anyOf` of a schema and `{"type": "null"}` (how utoipa
//! writes an optional reference) reads as that schema, nullable.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{at, join, Context, Differ, Kind, Loc, ANNOTATIONS};

/// Keywords this module compares; any other keyword that changes is reported as breaking,
/// since the gate cannot tell what it means for clients.
const HANDLED: &[&str] = &[
    "type",
    "format",
    "enum",
    "const",
    "nullable",
    "properties",
    "required",
    "items",
    "additionalProperties",
    "propertyNames",
    "oneOf",
    "anyOf",
    "allOf",
    "deprecated",
    "default",
    "readOnly",
    "writeOnly",
    "pattern",
    "uniqueItems",
    "multipleOf",
    "$ref",
];

/// Lower bounds: a higher or new one tightens.
const LOWER: &[&str] = &["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"];
/// Upper bounds: a lower or new one tightens.
const UPPER: &[&str] = &["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"];

/// A schema with its `$ref`s followed and a nullable wrapper taken off.
struct Norm<'a> {
    schema: &'a Value,
    pointer: String,
    wrapped_nullable: bool,
    reference: Option<String>,
}

/// `{"type": "null"}` (with annotations at most).
fn is_null_schema(s: &Value) -> bool {
    s.get("type").and_then(Value::as_str) == Some("null") && s.as_object().is_some_and(|m| m.keys().all(|k| k == "type" || ANNOTATIONS.contains(&k.as_str())))
}

/// For `oneOf`/`anyOf` of exactly one schema and null: the keyword, the other's index and it.
fn nullable_member(s: &Value) -> Option<(&'static str, usize, &Value)> {
    for key in ["oneOf", "anyOf"] {
        let Some(members) = s.get(key).and_then(Value::as_array) else { continue };
        if members.len() == 2 && members.iter().filter(|m| is_null_schema(m)).count() == 1 {
            let i = members.iter().position(|m| !is_null_schema(m))?;
            return Some((key, i, &members[i]));
        }
    }
    None
}

fn normalize<'a>(doc: &'a Value, mut schema: &'a Value, mut pointer: String) -> Norm<'a> {
    let (mut wrapped_nullable, mut reference) = (false, None);
    // Bounded: a chain of references to references ends somewhere sensible.
    for _ in 0..32 {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let Some(target) = at(doc, r) else { break };
            schema = target;
            pointer = r.trim_start_matches('#').to_owned();
            reference = Some(r.rsplit('/').next().unwrap_or(r).to_owned());
            continue;
        }
        if let Some((key, i, inner)) = nullable_member(schema) {
            schema = inner;
            pointer = join(&join(&pointer, key), &i.to_string());
            wrapped_nullable = true;
            continue;
        }
        break;
    }
    Norm { schema, pointer, wrapped_nullable, reference }
}

/// The types a schema allows, null left out; `None` when it says none (any type).
fn types(s: &Value) -> Option<BTreeSet<String>> {
    let t = s.get("type")?;
    let all: BTreeSet<String> = match t {
        Value::String(one) => [one.clone()].into(),
        Value::Array(many) => many.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => return None,
    };
    Some(all.into_iter().filter(|t| t != "null").collect())
}

fn is_nullable(n: &Norm) -> bool {
    let s = n.schema;
    n.wrapped_nullable
        || s.get("nullable") == Some(&Value::Bool(true))
        || match s.get("type") {
            Some(Value::String(t)) => t == "null",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
            _ => false,
        }
}

/// Types in `a` that `b` does not accept (an integer is a number).
fn not_covered(a: &BTreeSet<String>, b: &BTreeSet<String>) -> BTreeSet<String> {
    a.iter().filter(|t| !(b.contains(*t) || (*t == "integer" && b.contains("number")))).cloned().collect()
}

fn list(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join(", ")
}

/// Whether format `to` accepts every value of format `from` (`None`: any string or number).
fn format_widens(from: Option<&str>, to: Option<&str>) -> bool {
    matches!((from, to), (_, None) | (Some("int32"), Some("int64")) | (Some("float"), Some("double")))
}

/// The allowed values (`enum`, or `const` as one), null left out.
fn allowed(s: &Value) -> Option<Vec<&Value>> {
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter(|v| !v.is_null()).collect());
    }
    s.get("const").filter(|v| !v.is_null()).map(|v| vec![v])
}

fn num(s: &Value, key: &str) -> Option<f64> {
    s.get(key).and_then(Value::as_f64)
}

impl Differ<'_> {
    /// Compares a schema as used at `at` in `ctx`, following references.
    pub(super) fn schema(&mut self, o: &Value, n: &Value, at: &Loc, ctx: Context) {
        let on = normalize(self.old, o, at.old.clone());
        let nn = normalize(self.new, n, at.new.clone());
        let w = ctx.word();
        let (o_null, n_null) = (is_nullable(&on), is_nullable(&nn));
        if o_null && !n_null {
            self.push_if(&at.new, ctx == Context::Request, format!("{w}: no longer nullable"));
        } else if n_null && !o_null {
            self.push_if(&at.new, ctx == Context::Response, format!("{w}: may now be null"));
        }
        if let (Some(a), Some(b)) = (&on.reference, &nn.reference) {
            if a != b {
                self.push(&at.new, Kind::NonBreaking, format!("now refers to {b} instead of {a} (compared by structure)"));
            }
        }
        if !self.seen.insert((on.pointer.clone(), nn.pointer.clone(), ctx)) {
            return;
        }
        let here = Loc { old: on.pointer, new: nn.pointer };
        self.body(on.schema, nn.schema, &here, ctx);
    }

    fn body(&mut self, o: &Value, n: &Value, at: &Loc, ctx: Context) {
        let (req, w) = (ctx == Context::Request, ctx.word());
        // Types.
        match (types(o), types(n)) {
            (Some(to), Some(tn)) => {
                let (lost, gained) = (not_covered(&to, &tn), not_covered(&tn, &to));
                if !lost.is_empty() || !gained.is_empty() {
                    let breaking = if req { !lost.is_empty() } else { !gained.is_empty() };
                    self.push_if(&join(&at.new, "type"), breaking, format!("{w}: type [{}] → [{}]", list(&to), list(&tn)));
                }
            }
            (None, Some(tn)) => self.push_if(&join(&at.new, "type"), req, format!("{w}: type restricted to [{}]", list(&tn))),
            (Some(to), None) => self.push_if(&at.new, !req, format!("{w}: type [{}] no longer stated (any type)", list(&to))),
            (None, None) => {}
        }
        // Format.
        let (fo, fne) = (o.get("format").and_then(Value::as_str), n.get("format").and_then(Value::as_str));
        if fo != fne {
            let breaking = if req { !format_widens(fo, fne) } else { !format_widens(fne, fo) };
            self.push_if(&join(&at.new, "format"), breaking, format!("{w}: format {} → {}", fo.unwrap_or("(none)"), fne.unwrap_or("(none)")));
        }
        self.enums(o, n, at, ctx);
        self.bounds(o, n, at, ctx);
        self.properties(o, n, at, ctx);
        for key in ["items", "additionalProperties", "propertyNames"] {
            match (o.get(key), n.get(key)) {
                (Some(a), Some(b)) if a.is_object() && b.is_object() => self.schema(a, b, &at.join(key), ctx),
                (a, b) if a != b && key == "additionalProperties" => {
                    // How much more it lets in: `false` nothing, a schema its values,
                    // absent or `true` anything.
                    let level = |v: Option<&Value>| match v {
                        Some(Value::Bool(false)) => 0,
                        Some(Value::Object(_)) => 1,
                        _ => 2,
                    };
                    let breaking = if req { level(b) < level(a) } else { level(b) > level(a) };
                    self.push_if(&join(&at.new, key), breaking, format!("{w}: additionalProperties {} → {}", show(a), show(b)));
                }
                (a, b) if a != b => {
                    let breaking = if req { b.is_some() } else { a.is_some() };
                    self.push_if(&join(&at.new, key), breaking, format!("{w}: {key} {} → {}", show(a), show(b)));
                }
                _ => {}
            }
        }
        self.compositions(o, n, at, ctx);
        // Annotations and flags.
        self.annotations(o, n, at, "schema");
        for key in ["deprecated", "default", "readOnly", "writeOnly"] {
            if o.get(key) != n.get(key) {
                self.push(&join(&at.new, key), Kind::NonBreaking, format!("{w}: {key} {} → {}", show(o.get(key)), show(n.get(key))));
            }
        }
        // Anything else: unknown to the gate, so treated as breaking.
        let keys: BTreeSet<&String> = o.as_object().into_iter().chain(n.as_object()).flat_map(|m| m.keys()).collect();
        for key in keys {
            let k = key.as_str();
            if HANDLED.contains(&k) || ANNOTATIONS.contains(&k) || LOWER.contains(&k) || UPPER.contains(&k) {
                continue;
            }
            if o.get(k) != n.get(k) {
                self.push(&join(&at.new, k), Kind::Breaking, format!("{w}: keyword {k} changed (not understood by the gate: treated as breaking)"));
            }
        }
    }

    fn enums(&mut self, o: &Value, n: &Value, at: &Loc, ctx: Context) {
        let (req, w) = (ctx == Context::Request, ctx.word());
        let pointer = join(&at.new, if n.get("const").is_some() && n.get("enum").is_none() { "const" } else { "enum" });
        match (allowed(o), allowed(n)) {
            (Some(vo), Some(vn)) => {
                for v in vo.iter().filter(|v| !vn.contains(v)) {
                    self.push(&pointer, Kind::Breaking, format!("{w}: enum value {v} removed"));
                }
                for v in vn.iter().filter(|v| !vo.contains(v)) {
                    self.push(&pointer, Kind::NonBreaking, format!("{w}: enum value {v} added"));
                }
            }
            (None, Some(vn)) => {
                let values: Vec<String> = vn.iter().map(|v| v.to_string()).collect();
                self.push_if(&pointer, req, format!("{w}: restricted to the values [{}]", values.join(", ")));
            }
            (Some(_), None) => self.push_if(&at.new, !req, format!("{w}: no longer restricted to an enum")),
            (None, None) => {}
        }
    }

    /// Bounds: tightening breaks requests, loosening breaks responses.
    fn bounds(&mut self, o: &Value, n: &Value, at: &Loc, ctx: Context) {
        let (req, w) = (ctx == Context::Request, ctx.word());
        for (keys, lower) in [(LOWER, true), (UPPER, false)] {
            for key in keys.iter().copied() {
                let (a, b) = (num(o, key), num(n, key));
                if a == b {
                    continue;
                }
                let tightened = match (a, b) {
                    (None, Some(_)) => true,
                    (Some(_), None) => false,
                    (Some(a), Some(b)) => (b > a) == lower,
                    (None, None) => continue,
                };
                let verb = if tightened { "tightened" } else { "loosened" };
                self.push_if(&join(&at.new, key), tightened == req, format!("{w}: {key} {verb}: {} → {}", show(o.get(key)), show(n.get(key))));
            }
        }
        // Patterns and multiples cannot be compared: any new or changed one tightens.
        for key in ["pattern", "multipleOf"] {
            let (a, b) = (o.get(key), n.get(key));
            if a != b {
                let tightened = b.is_some();
                let loosened = a.is_some();
                let breaking = if req { tightened } else { loosened };
                self.push_if(&join(&at.new, key), breaking, format!("{w}: {key} {} → {}", show(a), show(b)));
            }
        }
        let unique = |s: &Value| s.get("uniqueItems") == Some(&Value::Bool(true));
        if unique(o) != unique(n) {
            self.push_if(&join(&at.new, "uniqueItems"), req == unique(n), format!("{w}: uniqueItems {} → {}", unique(o), unique(n)));
        }
    }

    fn properties(&mut self, o: &Value, n: &Value, at: &Loc, ctx: Context) {
        let (req, w) = (ctx == Context::Request, ctx.word());
        let empty = serde_json::Map::new();
        let po = o.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let pn = n.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let required = |s: &Value| -> BTreeSet<String> {
            s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
        };
        let (ro, rn) = (required(o), required(n));
        let props = at.join("properties");
        for (name, ov) in po {
            let here = props.join(name);
            let Some(nv) = pn.get(name) else {
                let why = if req { " (clients that send it are refused or lose its effect)" } else { "" };
                self.push(&here.old, Kind::Breaking, format!("{w}: property {name} removed{why}"));
                continue;
            };
            match (ro.contains(name), rn.contains(name)) {
                (false, true) => self.push_if(&here.new, req, format!("{w}: property {name} became required")),
                (true, false) => self.push_if(&here.new, !req, format!("{w}: property {name} became optional")),
                _ => {}
            }
            self.schema(ov, nv, &here, ctx);
        }
        for name in pn.keys().filter(|k| !po.contains_key(*k)) {
            let needed = rn.contains(name);
            let what = if needed { "required" } else { "optional" };
            self.push_if(&props.join(name).new, req && needed, format!("{w}: {what} property {name} added"));
        }
    }

    /// `oneOf`/`anyOf`/`allOf` left after unwrapping nullables: members compared by index.
    fn compositions(&mut self, o: &Value, n: &Value, at: &Loc, ctx: Context) {
        let (req, w) = (ctx == Context::Request, ctx.word());
        for key in ["oneOf", "anyOf", "allOf"] {
            let none = Vec::new();
            let mo = o.get(key).and_then(Value::as_array).unwrap_or(&none);
            let mn = n.get(key).and_then(Value::as_array).unwrap_or(&none);
            let here = at.join(key);
            for (i, (a, b)) in mo.iter().zip(mn).enumerate() {
                self.schema(a, b, &here.join(&i.to_string()), ctx);
            }
            if mo.len() != mn.len() {
                // One more alternative widens; one more conjunct narrows.
                let widened = (mn.len() > mo.len()) != (key == "allOf");
                let breaking = if req { !widened } else { widened };
                self.push_if(&here.new, breaking, format!("{w}: {key} has {} members instead of {}", mn.len(), mo.len()));
            }
        }
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "(none)".to_owned(), Value::to_string)
}
