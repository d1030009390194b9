//! One test per rule, on small documents made here. Each asserts the change is found (so a
//! rule that stopped seeing it fails), and whether it breaks, at which JSON pointer.

mod operations;
mod release;
mod schema;

use serde_json::{json, Value};

use super::{diff, Change, Kind};

/// A document with `POST /things/{id}`: a path parameter, a JSON body of `Req`, a `200`
/// answering `Res`, a `404`.
fn api(req: Value, res: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {
            "/things/{id}": {
                "post": {
                    "operationId": "make-thing",
                    "parameters": [
                        {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}
                    ],
                    "requestBody": {
                        "required": true,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Req"}}}
                    },
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Res"}}}},
                        "404": {"description": "no such thing"}
                    },
                    "security": [{"Token": []}]
                }
            }
        },
        "components": {
            "schemas": {"Req": req, "Res": res},
            "securitySchemes": {"Token": {"type": "apiKey", "in": "header", "name": "Token"}}
        }
    })
}

/// [`api`] with plain object schemas.
fn plain() -> Value {
    api(
        json!({"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}),
        json!({"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}),
    )
}

/// The operation of [`api`].
const OP: &str = "/paths/~1things~1{id}/post";

fn edit(doc: &Value, pointer: &str, f: impl FnOnce(&mut Value)) -> Value {
    let mut doc = doc.clone();
    f(doc.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer} in the test document")));
    doc
}

fn show(changes: &[Change]) -> String {
    changes.iter().map(|c| format!("\n  {c}")).collect()
}

/// Asserts a breaking change at `pointer` (and returns all changes).
#[track_caller]
fn breaks_at(old: &Value, new: &Value, pointer: &str) -> Vec<Change> {
    let changes = diff(old, new);
    assert!(changes.iter().any(|c| c.kind == Kind::Breaking && c.pointer == pointer), "expected a breaking change at {pointer}, got:{}", show(&changes));
    changes
}

/// Asserts a change was found at `pointer` and none breaks.
#[track_caller]
fn accepted_at(old: &Value, new: &Value, pointer: &str) -> Vec<Change> {
    let changes = diff(old, new);
    assert!(changes.iter().any(|c| c.pointer == pointer), "expected a change at {pointer}, got:{}", show(&changes));
    assert!(changes.iter().all(|c| c.kind != Kind::Breaking), "expected nothing breaking, got:{}", show(&changes));
    changes
}

#[test]
fn identical_documents_have_no_changes() {
    assert_eq!(diff(&plain(), &plain()), vec![]);
}

#[test]
fn a_description_change_is_documentation_only() {
    let new = edit(&plain(), "/components/schemas/Res/properties/id", |s| s["description"] = json!("The id."));
    let changes = accepted_at(&plain(), &new, "/components/schemas/Res/properties/id/description");
    assert!(changes.iter().all(|c| c.kind == Kind::Docs), "{}", show(&changes));
}

#[test]
fn a_pointer_escapes_slashes_and_tildes() {
    assert_eq!(super::join("/paths", "/a/{b}~c"), "/paths/~1a~1{b}~0c");
}
