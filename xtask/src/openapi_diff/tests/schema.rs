//! Schema rules, in request and response context, through `$ref`s.

use serde_json::{json, Value};

use super::{accepted_at, api, breaks_at, edit, plain};

const REQ: &str = "/components/schemas/Req";
const RES: &str = "/components/schemas/Res";

/// [`api`] whose request body has one property `p` of schema `req` and whose response has
/// one required property `p` of schema `res`.
fn with(req: Value, res: Value) -> Value {
    api(json!({"type": "object", "properties": {"p": req}}), json!({"type": "object", "required": ["p"], "properties": {"p": res}}))
}

fn string() -> Value {
    json!({"type": "string"})
}

#[test]
fn a_removed_response_property_breaks() {
    let new = edit(&plain(), RES, |s| {
        s["properties"].as_object_mut().unwrap().remove("id");
    });
    breaks_at(&plain(), &new, &format!("{RES}/properties/id"));
}

#[test]
fn a_new_response_property_is_accepted() {
    let new = edit(&plain(), RES, |s| {
        s["properties"]["etag"] = string();
        s["required"].as_array_mut().unwrap().push(json!("etag"));
    });
    accepted_at(&plain(), &new, &format!("{RES}/properties/etag"));
}

#[test]
fn a_new_required_request_property_breaks() {
    let new = edit(&plain(), REQ, |s| {
        s["properties"]["size"] = json!({"type": "integer"});
        s["required"].as_array_mut().unwrap().push(json!("size"));
    });
    breaks_at(&plain(), &new, &format!("{REQ}/properties/size"));
}

#[test]
fn a_new_optional_request_property_is_accepted() {
    let new = edit(&plain(), REQ, |s| s["properties"]["size"] = json!({"type": ["integer", "null"]}));
    accepted_at(&plain(), &new, &format!("{REQ}/properties/size"));
}

#[test]
fn a_removed_request_property_breaks() {
    let new = edit(&plain(), REQ, |s| {
        s["properties"].as_object_mut().unwrap().remove("name");
        s["required"] = json!([]);
    });
    breaks_at(&plain(), &new, &format!("{REQ}/properties/name"));
}

#[test]
fn a_request_property_that_becomes_required_breaks_and_optional_is_accepted() {
    let new = edit(&plain(), REQ, |s| s["required"] = json!([]));
    accepted_at(&plain(), &new, &format!("{REQ}/properties/name"));
    breaks_at(&new, &plain(), &format!("{REQ}/properties/name"));
}

#[test]
fn a_response_property_that_becomes_optional_breaks_and_required_is_accepted() {
    let new = edit(&plain(), RES, |s| s["required"] = json!([]));
    breaks_at(&plain(), &new, &format!("{RES}/properties/id"));
    accepted_at(&new, &plain(), &format!("{RES}/properties/id"));
}

#[test]
fn a_response_property_that_may_become_null_breaks() {
    let old = with(string(), string());
    for nullable in [json!({"type": ["string", "null"]}), json!({"oneOf": [{"type": "string"}, {"type": "null"}]})] {
        let new = with(string(), nullable);
        breaks_at(&old, &new, &format!("{RES}/properties/p"));
        accepted_at(&new, &old, &format!("{RES}/properties/p"));
    }
}

#[test]
fn a_request_property_no_longer_nullable_breaks() {
    let old = with(json!({"type": ["string", "null"]}), string());
    let new = with(string(), string());
    breaks_at(&old, &new, &format!("{REQ}/properties/p"));
    accepted_at(&new, &old, &format!("{REQ}/properties/p"));
}

#[test]
fn a_nullable_reference_reads_as_the_referenced_schema() {
    // utoipa's `oneOf: [$ref, null]` to a bare `$ref`: only the nullability changed.
    let wrapped = |doc: &Value| {
        edit(doc, "/components/schemas", |s| {
            s["Kind"] = json!({"type": "string", "enum": ["a", "b"]});
            s["Req"]["properties"]["k"] = json!({"oneOf": [{"$ref": "#/components/schemas/Kind"}, {"type": "null"}]});
        })
    };
    let old = wrapped(&plain());
    let new = edit(&old, "/components/schemas/Req/properties/k", |k| *k = json!({"$ref": "#/components/schemas/Kind"}));
    let changes = breaks_at(&old, &new, &format!("{REQ}/properties/k"));
    assert_eq!(changes.len(), 1, "only the nullability: {}", super::show(&changes));
}

#[test]
fn a_narrowed_request_type_breaks_and_a_widened_one_is_accepted() {
    let two = json!({"type": ["string", "integer"]});
    breaks_at(&with(two.clone(), string()), &with(string(), string()), &format!("{REQ}/properties/p/type"));
    accepted_at(&with(string(), string()), &with(two, string()), &format!("{REQ}/properties/p/type"));
    // An integer is a number.
    accepted_at(&with(json!({"type": "integer"}), string()), &with(json!({"type": "number"}), string()), &format!("{REQ}/properties/p/type"));
}

#[test]
fn a_widened_response_type_breaks() {
    breaks_at(&with(string(), json!({"type": "integer"})), &with(string(), json!({"type": "number"})), &format!("{RES}/properties/p/type"));
    breaks_at(&with(string(), string()), &with(string(), json!({"type": "integer"})), &format!("{RES}/properties/p/type"));
}

#[test]
fn a_narrowed_request_format_breaks() {
    let fmt = |f: &str| json!({"type": "string", "format": f});
    breaks_at(&with(string(), string()), &with(fmt("uuid"), string()), &format!("{REQ}/properties/p/format"));
    breaks_at(&with(fmt("uuid"), string()), &with(fmt("date-time"), string()), &format!("{REQ}/properties/p/format"));
    let int = |f: &str| json!({"type": "integer", "format": f});
    breaks_at(&with(int("int64"), string()), &with(int("int32"), string()), &format!("{REQ}/properties/p/format"));
    accepted_at(&with(int("int32"), string()), &with(int("int64"), string()), &format!("{REQ}/properties/p/format"));
    accepted_at(&with(fmt("uuid"), string()), &with(string(), string()), &format!("{REQ}/properties/p/format"));
}

#[test]
fn a_widened_response_format_breaks() {
    let int = |f: &str| json!({"type": "integer", "format": f});
    breaks_at(&with(string(), int("int32")), &with(string(), int("int64")), &format!("{RES}/properties/p/format"));
    accepted_at(&with(string(), int("int64")), &with(string(), int("int32")), &format!("{RES}/properties/p/format"));
}

#[test]
fn a_removed_enum_value_breaks_in_requests_and_responses() {
    let e = |values: Value| json!({"type": "string", "enum": values});
    breaks_at(&with(e(json!(["a", "b"])), string()), &with(e(json!(["a"])), string()), &format!("{REQ}/properties/p/enum"));
    breaks_at(&with(string(), e(json!(["a", "b"]))), &with(string(), e(json!(["a"]))), &format!("{RES}/properties/p/enum"));
}

#[test]
fn a_new_enum_value_is_accepted_and_a_new_enum_on_a_request_breaks() {
    let e = |values: Value| json!({"type": "string", "enum": values});
    accepted_at(&with(e(json!(["a"])), string()), &with(e(json!(["a", "b"])), string()), &format!("{REQ}/properties/p/enum"));
    accepted_at(&with(string(), e(json!(["a"]))), &with(string(), e(json!(["a", "b"]))), &format!("{RES}/properties/p/enum"));
    breaks_at(&with(string(), string()), &with(e(json!(["a"])), string()), &format!("{REQ}/properties/p/enum"));
}

#[test]
fn each_tightened_request_bound_breaks_and_a_loosened_one_is_accepted() {
    let cases = [
        ("minLength", json!({"type": "string", "minLength": 1}), json!({"type": "string", "minLength": 2})),
        ("maxLength", json!({"type": "string", "maxLength": 32}), json!({"type": "string", "maxLength": 20})),
        ("minimum", json!({"type": "integer", "minimum": 0}), json!({"type": "integer", "minimum": 1})),
        ("maximum", json!({"type": "integer", "maximum": 65535}), json!({"type": "integer", "maximum": 1024})),
        ("exclusiveMaximum", json!({"type": "number"}), json!({"type": "number", "exclusiveMaximum": 10})),
        ("pattern", json!({"type": "string"}), json!({"type": "string", "pattern": "^[a-z]+$"})),
        (
            "maxItems",
            json!({"type": "array", "items": {"type": "string"}, "maxItems": 10}),
            json!({"type": "array", "items": {"type": "string"}, "maxItems": 5}),
        ),
        ("minItems", json!({"type": "array", "items": {"type": "string"}}), json!({"type": "array", "items": {"type": "string"}, "minItems": 1})),
        ("uniqueItems", json!({"type": "array", "items": {"type": "string"}}), json!({"type": "array", "items": {"type": "string"}, "uniqueItems": true})),
        ("multipleOf", json!({"type": "integer"}), json!({"type": "integer", "multipleOf": 2})),
    ];
    for (key, loose, tight) in cases {
        let pointer = format!("{REQ}/properties/p/{key}");
        breaks_at(&with(loose.clone(), string()), &with(tight.clone(), string()), &pointer);
        accepted_at(&with(tight.clone(), string()), &with(loose.clone(), string()), &pointer);
        // In a response, tightening is a narrower promise: accepted; loosening breaks.
        let pointer = format!("{RES}/properties/p/{key}");
        accepted_at(&with(string(), loose.clone()), &with(string(), tight.clone()), &pointer);
        breaks_at(&with(string(), tight), &with(string(), loose), &pointer);
    }
}

#[test]
fn array_items_are_compared() {
    let arr = |items: Value| json!({"type": "array", "items": items});
    breaks_at(
        &with(string(), arr(json!({"type": ["string", "integer"]}))),
        &with(string(), arr(json!({"type": ["string", "integer", "boolean"]}))),
        &format!("{RES}/properties/p/items/type"),
    );
}

#[test]
fn references_are_followed_into_nested_components() {
    let doc = |child: Value| {
        edit(&plain(), "/components/schemas", |s| {
            s["Child"] = child;
            s["Res"]["properties"]["child"] = json!({"$ref": "#/components/schemas/Child"});
        })
    };
    let old = doc(json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}));
    let new = doc(json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}));
    let changes = breaks_at(&old, &new, "/components/schemas/Child/properties/b");
    assert!(changes[0].message.starts_with("response:"), "compared as a response: {}", changes[0].message);
}

#[test]
fn a_schema_used_in_both_directions_takes_both_sets_of_rules() {
    let shared = |thing: Value| {
        let mut doc = api(json!({"$ref": "#/components/schemas/Thing"}), json!({"$ref": "#/components/schemas/Thing"}));
        doc["components"]["schemas"]["Thing"] = thing;
        doc
    };
    let both = shared(json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}));
    // Optional: fine to send, breaks who reads it.
    let optional = shared(json!({"type": "object", "properties": {"a": {"type": "string"}}}));
    let changes = breaks_at(&both, &optional, "/components/schemas/Thing/properties/a");
    assert!(changes.iter().any(|c| c.message.starts_with("response:") && c.kind == super::Kind::Breaking), "{}", super::show(&changes));
    // Required: fine to read, breaks who sends it.
    let changes = breaks_at(&optional, &both, "/components/schemas/Thing/properties/a");
    assert!(changes.iter().any(|c| c.message.starts_with("request:") && c.kind == super::Kind::Breaking), "{}", super::show(&changes));
}

#[test]
fn a_recursive_schema_ends() {
    let tree = |leaf: &str| {
        edit(&plain(), "/components/schemas", |s| {
            s["Node"] = json!({"type": "object", "properties": {"name": {"type": leaf}, "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}});
            s["Res"]["properties"]["tree"] = json!({"$ref": "#/components/schemas/Node"});
        })
    };
    breaks_at(&tree("string"), &tree("integer"), "/components/schemas/Node/properties/name/type");
}

#[test]
fn a_reference_to_an_equal_component_of_another_name_is_accepted() {
    let new = edit(&plain(), "/components/schemas", |s| {
        s["Result"] = s["Res"].clone();
        s["Res"] = json!({"$ref": "#/components/schemas/Result"});
    });
    let changes = super::diff(&plain(), &new);
    assert!(changes.iter().all(|c| c.kind != super::Kind::Breaking), "{}", super::show(&changes));
}

#[test]
fn an_unknown_keyword_that_changes_is_treated_as_breaking() {
    breaks_at(
        &with(string(), string()),
        &with(json!({"type": "string", "contentEncoding": "base64"}), string()),
        &format!("{REQ}/properties/p/contentEncoding"),
    );
}

#[test]
fn an_unreached_component_is_compared_under_both_rules() {
    let doc = |props: Value| edit(&plain(), "/components/schemas", |s| s["Loose"] = json!({"type": "object", "properties": props}));
    breaks_at(&doc(json!({"a": {"type": "string"}})), &doc(json!({})), "/components/schemas/Loose/properties/a");
}
