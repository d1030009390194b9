//! What changed between two OpenAPI 3.1 documents, and which changes break clients.
//!
//! [`diff`] walks the operations of both documents (matched by method and path template),
//! their parameters, request bodies and responses, and follows `$ref`s into the components,
//! comparing each schema in the context it is used in: what a client *sends* (request) may
//! only widen, what it *receives* (response) may only narrow. A component used in both is
//! compared under both sets of rules. Components that no operation reaches are compared
//! under both too. Every change is reported with a JSON pointer into the document (the new
//! one, or the old one for what was removed):
//!
//! - [`operations`]: paths, operations, parameters, request bodies, responses, headers;
//! - [`schema`]: types, nullability, formats, enums, properties, bounds, compositions;
//! - [`release`]: the released documents under `openapi/released/` and the version gate;
//! - [`changelog`]: `docs/api/CHANGELOG.md` from the diffs between released versions.

pub mod changelog;
pub mod cli;
mod operations;
pub mod release;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde_json::Value;

/// How a change affects clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A client written against the old document may fail against the new one.
    Breaking,
    /// Clients of the old document keep working (an addition, a widened request, …).
    NonBreaking,
    /// Descriptions, summaries, examples, titles: text only.
    Docs,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::NonBreaking => "non-breaking",
            Kind::Docs => "docs",
        }
    }
}

/// One change: where (a JSON pointer into the document), how it affects clients, and what.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    pub pointer: String,
    pub kind: Kind,
    pub message: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<12}  {}  {}", self.kind.label(), self.pointer, self.message)
    }
}

/// Where a schema is used: what the client sends, or what it receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Request,
    Response,
}

impl Context {
    fn word(self) -> &'static str {
        match self {
            Context::Request => "request",
            Context::Response => "response",
        }
    }
}

/// A location in both documents: the pointer into the old one and into the new one (they
/// differ only where a `$ref` led to differently named components or inline schemas).
#[derive(Clone, Debug)]
struct Loc {
    old: String,
    new: String,
}

impl Loc {
    fn join(&self, key: &str) -> Loc {
        Loc { old: join(&self.old, key), new: join(&self.new, key) }
    }
}

/// `base` + `/` + `key` escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`).
pub fn join(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The document a pointer (`#/components/...` or `/components/...`) leads to, if any.
fn at<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    doc.pointer(pointer.trim_start_matches('#'))
}

/// Keywords that only document: a change to them is [`Kind::Docs`].
const ANNOTATIONS: &[&str] = &["description", "summary", "title", "example", "examples", "externalDocs", "$comment"];

/// The comparison in progress.
struct Differ<'a> {
    old: &'a Value,
    new: &'a Value,
    changes: Vec<Change>,
    /// Schema pairs (old pointer, new pointer, context) already compared: each component is
    /// compared once per context, and recursive schemas end.
    seen: HashSet<(String, String, Context)>,
}

impl<'a> Differ<'a> {
    fn push(&mut self, pointer: &str, kind: Kind, message: impl Into<String>) {
        let change = Change { pointer: pointer.to_owned(), kind, message: message.into() };
        if !self.changes.contains(&change) {
            self.changes.push(change);
        }
    }

    /// Breaking when `breaking`, else non-breaking.
    fn push_if(&mut self, pointer: &str, breaking: bool, message: impl Into<String>) {
        self.push(pointer, if breaking { Kind::Breaking } else { Kind::NonBreaking }, message);
    }

    /// Reports changed annotations among `keys` of two objects as documentation changes.
    fn annotations(&mut self, o: &Value, n: &Value, at: &Loc, what: &str) {
        for key in ANNOTATIONS {
            if o.get(key) != n.get(key) {
                let pointer = if n.get(key).is_some() { join(&at.new, key) } else { join(&at.old, key) };
                let verb = match (o.get(key), n.get(key)) {
                    (None, _) => "added",
                    (_, None) => "removed",
                    _ => "changed",
                };
                self.push(&pointer, Kind::Docs, format!("{what}: {key} {verb}"));
            }
        }
    }

    fn document(&mut self) {
        let (o, n) = (self.old, self.new);
        if o["openapi"] != n["openapi"] {
            self.push("/openapi", Kind::NonBreaking, format!("OpenAPI version {} → {}", o["openapi"], n["openapi"]));
        }
        if o["info"]["version"] != n["info"]["version"] {
            self.push("/info/version", Kind::NonBreaking, format!("info.version {} → {}", o["info"]["version"], n["info"]["version"]));
        }
        for key in ["title", "description", "license", "contact", "termsOfService", "summary"] {
            if o["info"].get(key) != n["info"].get(key) {
                self.push(&join("/info", key), Kind::Docs, format!("info.{key} changed"));
            }
        }
        let servers =
            |d: &Value| -> BTreeSet<String> { d["servers"].as_array().into_iter().flatten().filter_map(|s| s["url"].as_str().map(str::to_owned)).collect() };
        let (so, sn) = (servers(o), servers(n));
        for url in so.difference(&sn) {
            self.push("/servers", Kind::Breaking, format!("server {url} removed (clients' base URL)"));
        }
        for url in sn.difference(&so) {
            self.push("/servers", Kind::NonBreaking, format!("server {url} added"));
        }
        if o["tags"] != n["tags"] {
            self.push("/tags", Kind::Docs, "tags changed");
        }
        self.paths();
        self.components();
    }

    /// Components by name: removed schemas and security schemes break (generated clients
    /// name their types after schemas); schemas no operation reached are compared here under
    /// both sets of rules.
    fn components(&mut self) {
        let (o, n) = (self.old, self.new);
        for section in ["schemas", "securitySchemes", "parameters", "requestBodies", "responses", "headers"] {
            let base = format!("/components/{section}");
            let empty = serde_json::Map::new();
            let om = o["components"][section].as_object().unwrap_or(&empty);
            let nm = n["components"][section].as_object().unwrap_or(&empty);
            for (name, ov) in om {
                let pointer = join(&base, name);
                let Some(nv) = nm.get(name) else {
                    // Generated clients name their types after schemas; a security scheme
                    // is how they authenticate. Other components count where they are used.
                    match section {
                        "schemas" => self.push(&pointer, Kind::Breaking, format!("component {section}/{name} removed (generated clients lose the type)")),
                        "securitySchemes" => self.push(&pointer, Kind::Breaking, format!("component {section}/{name} removed")),
                        _ => self.push(&pointer, Kind::NonBreaking, format!("component {section}/{name} removed")),
                    }
                    continue;
                };
                match section {
                    "schemas" => {
                        let reached = self.seen.iter().any(|(a, b, _)| *a == pointer && *b == pointer);
                        if !reached {
                            let loc = Loc { old: pointer.clone(), new: pointer.clone() };
                            self.schema(ov, nv, &loc, Context::Request);
                            self.schema(ov, nv, &loc, Context::Response);
                        }
                    }
                    "securitySchemes" if ov != nv => {
                        self.push(&pointer, Kind::Breaking, format!("security scheme {name} changed"));
                    }
                    _ => {}
                }
            }
            for name in nm.keys().filter(|k| !om.contains_key(*k)) {
                self.push(&join(&base, name), Kind::NonBreaking, format!("component {section}/{name} added"));
            }
        }
    }
}

/// Every change from `old` to `new`, in the order found.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut d = Differ { old, new, changes: Vec::new(), seen: HashSet::new() };
    d.document();
    d.changes
}

/// Whether any of `changes` breaks clients.
pub fn any_breaking(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.kind == Kind::Breaking)
}

/// `N changes: B breaking, M non-breaking, D documentation`.
pub fn summary(changes: &[Change]) -> String {
    let count = |k| changes.iter().filter(|c| c.kind == k).count();
    format!("{} changes: {} breaking, {} non-breaking, {} documentation", changes.len(), count(Kind::Breaking), count(Kind::NonBreaking), count(Kind::Docs))
}
