//! Operation rules: operations are matched by method and path template (parameter names
//! aside). Removing an operation, a parameter, a request media type, a response status, a
//! response media type or header breaks; so do a new required parameter or request body,
//! a parameter or body that becomes required, a changed `operationId` (generated clients
//! name their methods after it) and a security requirement a client may not meet. New
//! operations, optional parameters, status codes (a `304`, say), media types and headers
//! do not.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{at, join, Context, Differ, Kind, Loc};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The keys of an operation compared here.
const KNOWN: &[&str] = &["operationId", "summary", "description", "externalDocs", "tags", "deprecated", "security", "parameters", "requestBody", "responses"];

/// `/a/{x}/b` → `/a/{}/b`: a renamed path parameter is the same operation.
fn template(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The operations of a document: (template, method) → (path, operation, path item).
fn operations(doc: &Value) -> BTreeMap<(String, &'static str), (&String, &Value, &Value)> {
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            if let Some(op) = item.get(*method).filter(|op| op.is_object()) {
                out.insert((template(path), *method), (path, op, item));
            }
        }
    }
    out
}

/// Follows a `$ref` (to `components/parameters`, `requestBodies`, `responses`, `headers`).
fn deref<'a>(doc: &'a Value, v: &'a Value, pointer: String) -> (&'a Value, String) {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => at(doc, r).map_or((v, pointer), |t| (t, r.trim_start_matches('#').to_owned())),
        None => (v, pointer),
    }
}

/// An operation's parameters with the path item's: (in, name) → (parameter, pointer).
/// Header names are case-insensitive.
fn parameters<'a>(doc: &'a Value, path_ptr: &str, op_ptr: &str, item: &'a Value, op: &'a Value) -> BTreeMap<(String, String), (&'a Value, String)> {
    let mut out = BTreeMap::new();
    for (owner, base) in [(item, path_ptr), (op, op_ptr)] {
        for (i, p) in owner.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let (p, pointer) = deref(doc, p, join(&join(base, "parameters"), &i.to_string()));
            let place = p["in"].as_str().unwrap_or_default().to_owned();
            let name = p["name"].as_str().unwrap_or_default();
            let name = if place == "header" { name.to_ascii_lowercase() } else { name.to_owned() };
            out.insert((place, name), (p, pointer));
        }
    }
    out
}

/// The security alternatives that apply to an operation (its own, else the document's);
/// an empty set means none is needed.
fn security(doc: &Value, op: &Value) -> BTreeSet<String> {
    let reqs = op.get("security").or_else(|| doc.get("security"));
    let alts: BTreeSet<String> = reqs.and_then(Value::as_array).into_iter().flatten().map(Value::to_string).collect();
    if alts.contains("{}") {
        BTreeSet::new()
    } else {
        alts
    }
}

impl Differ<'_> {
    pub(super) fn paths(&mut self) {
        let (old_ops, new_ops) = (operations(self.old), operations(self.new));
        for (key, (path, op, item)) in &old_ops {
            let label = format!("{} {path}", key.1.to_uppercase());
            let old_ptr = join(&join("/paths", path), key.1);
            let Some((npath, nop, nitem)) = new_ops.get(key) else {
                self.push(&old_ptr, Kind::Breaking, format!("{label}: operation removed"));
                continue;
            };
            let loc = Loc { old: old_ptr, new: join(&join("/paths", npath), key.1) };
            let items = Loc { old: join("/paths", path), new: join("/paths", npath) };
            self.operation((op, item), (nop, nitem), &loc, &items, &label);
        }
        for (key, (path, ..)) in new_ops.iter().filter(|(k, _)| !old_ops.contains_key(*k)) {
            self.push(&join(&join("/paths", path), key.1), Kind::NonBreaking, format!("{} {path}: operation added", key.1.to_uppercase()));
        }
    }

    fn operation(&mut self, (o, oi): (&Value, &Value), (n, ni): (&Value, &Value), at: &Loc, items: &Loc, label: &str) {
        if o.get("operationId") != n.get("operationId") {
            self.push(
                &join(&at.new, "operationId"),
                Kind::Breaking,
                format!("{label}: operationId {} → {} (generated clients name their methods after it)", o["operationId"], n["operationId"]),
            );
        }
        self.annotations(o, n, at, label);
        for key in ["tags", "deprecated"] {
            if o.get(key) != n.get(key) {
                self.push(&join(&at.new, key), Kind::NonBreaking, format!("{label}: {key} {} → {}", o[key], n[key]));
            }
        }
        let (so, sn) = (security(self.old, o), security(self.new, n));
        if so != sn {
            // A client that met one of the old alternatives must meet one of the new.
            let breaking = !sn.is_empty() && (so.is_empty() || !so.is_subset(&sn));
            self.push_if(&join(&at.new, "security"), breaking, format!("{label}: security requirements changed"));
        }
        self.parameters((o, oi), (n, ni), at, items, label);
        self.request_body(o, n, at, label);
        self.responses(o, n, at, label);
        // Anything else (callbacks, servers, ...): unknown to the gate, so breaking.
        let keys: BTreeSet<&String> = o.as_object().into_iter().chain(n.as_object()).flat_map(|m| m.keys()).collect();
        for key in keys.into_iter().filter(|k| !KNOWN.contains(&k.as_str()) && o.get(k.as_str()) != n.get(k.as_str())) {
            self.push(&join(&at.new, key), Kind::Breaking, format!("{label}: {key} changed (not understood by the gate: treated as breaking)"));
        }
    }

    fn parameters(&mut self, (o, oi): (&Value, &Value), (n, ni): (&Value, &Value), at: &Loc, items: &Loc, label: &str) {
        let po = parameters(self.old, &items.old, &at.old, oi, o);
        let pn = parameters(self.new, &items.new, &at.new, ni, n);
        for ((place, name), (op, optr)) in &po {
            let what = format!("{label}: {place} parameter {}", op["name"].as_str().unwrap_or(name));
            let Some((np, nptr)) = pn.get(&(place.clone(), name.clone())) else {
                self.push(optr, Kind::Breaking, format!("{what} removed"));
                continue;
            };
            let required = |p: &Value| p.get("required") == Some(&Value::Bool(true));
            match (required(op), required(np)) {
                (false, true) => self.push(nptr, Kind::Breaking, format!("{what} became required")),
                (true, false) => self.push(nptr, Kind::NonBreaking, format!("{what} became optional")),
                _ => {}
            }
            for key in ["style", "explode", "content"] {
                if op.get(key) != np.get(key) {
                    self.push(&join(nptr, key), Kind::Breaking, format!("{what}: {key} changed"));
                }
            }
            let empty_ok = |p: &Value| p.get("allowEmptyValue") == Some(&Value::Bool(true));
            if empty_ok(op) != empty_ok(np) {
                self.push_if(&join(nptr, "allowEmptyValue"), empty_ok(op), format!("{what}: allowEmptyValue {} → {}", empty_ok(op), empty_ok(np)));
            }
            if op.get("deprecated") != np.get("deprecated") {
                self.push(&join(nptr, "deprecated"), Kind::NonBreaking, format!("{what}: deprecated changed"));
            }
            let here = Loc { old: optr.clone(), new: nptr.clone() };
            self.annotations(op, np, &here, &what);
            if let (Some(a), Some(b)) = (op.get("schema"), np.get("schema")) {
                self.schema(a, b, &here.join("schema"), Context::Request);
            }
        }
        for ((place, name), (np, nptr)) in pn.iter().filter(|(k, _)| !po.contains_key(*k)) {
            let needed = np.get("required") == Some(&Value::Bool(true));
            let what = if needed { "required" } else { "optional" };
            let name = np["name"].as_str().unwrap_or(name);
            self.push_if(nptr, needed, format!("{label}: {what} {place} parameter {name} added"));
        }
    }

    fn request_body(&mut self, o: &Value, n: &Value, at: &Loc, label: &str) {
        let ptr = at.join("requestBody");
        let required = |b: &Value| b.get("required") == Some(&Value::Bool(true));
        match (o.get("requestBody"), n.get("requestBody")) {
            (None, None) => {}
            (Some(_), None) => self.push(&ptr.old, Kind::Breaking, format!("{label}: request body removed")),
            (None, Some(b)) => {
                let (b, _) = deref(self.new, b, ptr.new.clone());
                let what = if required(b) { "required" } else { "optional" };
                self.push_if(&ptr.new, required(b), format!("{label}: {what} request body added"));
            }
            (Some(a), Some(b)) => {
                let (a, aptr) = deref(self.old, a, ptr.old.clone());
                let (b, bptr) = deref(self.new, b, ptr.new.clone());
                let here = Loc { old: aptr, new: bptr };
                match (required(a), required(b)) {
                    (false, true) => self.push(&here.new, Kind::Breaking, format!("{label}: request body became required")),
                    (true, false) => self.push(&here.new, Kind::NonBreaking, format!("{label}: request body became optional")),
                    _ => {}
                }
                self.annotations(a, b, &here, &format!("{label}: request body"));
                self.content(a, b, &here, Context::Request, &format!("{label}: request body"));
            }
        }
    }

    /// Media types of a request body or a response, and their schemas.
    fn content(&mut self, a: &Value, b: &Value, at: &Loc, ctx: Context, what: &str) {
        let empty = serde_json::Map::new();
        let co = a.get("content").and_then(Value::as_object).unwrap_or(&empty);
        let cn = b.get("content").and_then(Value::as_object).unwrap_or(&empty);
        let content = at.join("content");
        for (mt, mo) in co {
            let here = content.join(mt);
            let Some(mn) = cn.get(mt) else {
                self.push(&here.old, Kind::Breaking, format!("{what}: media type {mt} removed"));
                continue;
            };
            self.annotations(mo, mn, &here, &format!("{what} {mt}"));
            match (mo.get("schema"), mn.get("schema")) {
                (Some(x), Some(y)) => self.schema(x, y, &here.join("schema"), ctx),
                (None, Some(_)) => self.push_if(&here.new, ctx == Context::Request, format!("{what} {mt}: schema added")),
                (Some(_), None) => self.push_if(&here.new, ctx == Context::Response, format!("{what} {mt}: schema removed")),
                (None, None) => {}
            }
        }
        for mt in cn.keys().filter(|k| !co.contains_key(*k)) {
            self.push(&content.join(mt).new, Kind::NonBreaking, format!("{what}: media type {mt} added"));
        }
    }

    fn responses(&mut self, o: &Value, n: &Value, at: &Loc, label: &str) {
        let empty = serde_json::Map::new();
        let ro = o.get("responses").and_then(Value::as_object).unwrap_or(&empty);
        let rn = n.get("responses").and_then(Value::as_object).unwrap_or(&empty);
        let responses = at.join("responses");
        for (status, a) in ro {
            let here = responses.join(status);
            let Some(b) = rn.get(status) else {
                self.push(&here.old, Kind::Breaking, format!("{label}: response {status} removed"));
                continue;
            };
            let (a, aptr) = deref(self.old, a, here.old.clone());
            let (b, bptr) = deref(self.new, b, here.new.clone());
            let here = Loc { old: aptr, new: bptr };
            let what = format!("{label}: response {status}");
            self.annotations(a, b, &here, &what);
            self.content(a, b, &here, Context::Response, &what);
            self.headers(a, b, &here, &what);
        }
        for status in rn.keys().filter(|k| !ro.contains_key(*k)) {
            self.push(&responses.join(status).new, Kind::NonBreaking, format!("{label}: response {status} added"));
        }
    }

    fn headers(&mut self, a: &Value, b: &Value, at: &Loc, what: &str) {
        let lower = |r: &Value| -> BTreeMap<String, (String, Value)> {
            r.get("headers").and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (k.to_ascii_lowercase(), (k.clone(), v.clone()))).collect()
        };
        let (ho, hn) = (lower(a), lower(b));
        let headers = at.join("headers");
        for (key, (name, ov)) in &ho {
            let Some((nname, nv)) = hn.get(key) else {
                self.push(&headers.join(name).old, Kind::Breaking, format!("{what}: header {name} removed"));
                continue;
            };
            let (ov, optr) = deref(self.old, ov, headers.join(name).old);
            let (nv, nptr) = deref(self.new, nv, headers.join(nname).new);
            let here = Loc { old: optr, new: nptr };
            let required = |h: &Value| h.get("required") == Some(&Value::Bool(true));
            if required(ov) && !required(nv) {
                self.push(&here.new, Kind::Breaking, format!("{what}: header {name} no longer always sent"));
            } else if !required(ov) && required(nv) {
                self.push(&here.new, Kind::NonBreaking, format!("{what}: header {name} now always sent"));
            }
            self.annotations(ov, nv, &here, &format!("{what}: header {name}"));
            if let (Some(x), Some(y)) = (ov.get("schema"), nv.get("schema")) {
                let (x, y) = (x.clone(), y.clone());
                self.schema(&x, &y, &here.join("schema"), Context::Response);
            }
        }
        for (key, (name, _)) in &hn {
            if !ho.contains_key(key) {
                self.push(&headers.join(name).new, Kind::NonBreaking, format!("{what}: header {name} added"));
            }
        }
    }
}
