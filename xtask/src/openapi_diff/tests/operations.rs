//! Operations, parameters, request bodies, responses, headers, security.

use serde_json::json;

use super::{accepted_at, breaks_at, edit, plain, OP};

#[test]
fn a_removed_operation_breaks() {
    let new = edit(&plain(), "/paths", |p| p["/things/{id}"].as_object_mut().unwrap().clear());
    let changes = breaks_at(&plain(), &new, OP);
    assert!(changes[0].message.contains("POST /things/{id}: operation removed"), "{}", changes[0].message);
}

#[test]
fn a_new_operation_is_accepted() {
    let new = edit(&plain(), "/paths/~1things~1{id}", |item| item["get"] = json!({"operationId": "get-thing", "responses": {"200": {"description": "ok"}}}));
    accepted_at(&plain(), &new, "/paths/~1things~1{id}/get");
}

#[test]
fn a_renamed_path_parameter_is_the_same_operation() {
    let new = edit(&plain(), "/paths", |p| {
        let item = p["/things/{id}"].take();
        p.as_object_mut().unwrap().remove("/things/{id}");
        p["/things/{thing}"] = item;
    });
    let changes = super::diff(&plain(), &new);
    assert!(changes.iter().all(|c| !c.message.contains("operation removed")), "{}", super::show(&changes));
}

#[test]
fn a_removed_parameter_breaks() {
    let old =
        edit(&plain(), &format!("{OP}/parameters"), |ps| ps.as_array_mut().unwrap().push(json!({"name": "q", "in": "query", "schema": {"type": "string"}})));
    breaks_at(&old, &plain(), &format!("{OP}/parameters/1"));
}

#[test]
fn a_new_required_parameter_breaks() {
    let new = edit(&plain(), &format!("{OP}/parameters"), |ps| {
        ps.as_array_mut().unwrap().push(json!({"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}))
    });
    breaks_at(&plain(), &new, &format!("{OP}/parameters/1"));
}

#[test]
fn a_new_optional_header_parameter_is_accepted() {
    let new = edit(&plain(), &format!("{OP}/parameters"), |ps| {
        ps.as_array_mut().unwrap().push(json!({"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}))
    });
    let changes = accepted_at(&plain(), &new, &format!("{OP}/parameters/1"));
    assert!(changes[0].message.contains("optional header parameter If-None-Match added"), "{}", changes[0].message);
}

#[test]
fn a_parameter_that_becomes_required_breaks() {
    let old =
        edit(&plain(), &format!("{OP}/parameters"), |ps| ps.as_array_mut().unwrap().push(json!({"name": "q", "in": "query", "schema": {"type": "string"}})));
    let new = edit(&old, &format!("{OP}/parameters/1"), |p| p["required"] = json!(true));
    breaks_at(&old, &new, &format!("{OP}/parameters/1"));
    accepted_at(&new, &old, &format!("{OP}/parameters/1"));
}

#[test]
fn a_tightened_parameter_schema_breaks() {
    let old = edit(&plain(), &format!("{OP}/parameters"), |ps| {
        ps.as_array_mut().unwrap().push(json!({"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}}))
    });
    let new = edit(&old, &format!("{OP}/parameters/1/schema"), |s| s["maximum"] = json!(50));
    breaks_at(&old, &new, &format!("{OP}/parameters/1/schema/maximum"));
}

#[test]
fn a_path_item_parameter_counts_for_its_operations() {
    let old = edit(&plain(), "/paths/~1things~1{id}", |item| item["parameters"] = json!([{"name": "v", "in": "query", "schema": {"type": "string"}}]));
    breaks_at(&old, &plain(), "/paths/~1things~1{id}/parameters/0");
}

#[test]
fn a_removed_status_code_breaks() {
    let new = edit(&plain(), &format!("{OP}/responses"), |r| {
        r.as_object_mut().unwrap().remove("404");
    });
    breaks_at(&plain(), &new, &format!("{OP}/responses/404"));
}

#[test]
fn a_new_status_code_such_as_304_is_accepted() {
    let new = edit(&plain(), &format!("{OP}/responses"), |r| r["304"] = json!({"description": "Not modified."}));
    accepted_at(&plain(), &new, &format!("{OP}/responses/304"));
}

#[test]
fn a_new_response_header_is_accepted_and_a_removed_one_breaks() {
    let new = edit(&plain(), &format!("{OP}/responses/200"), |r| r["headers"] = json!({"ETag": {"schema": {"type": "string"}}}));
    accepted_at(&plain(), &new, &format!("{OP}/responses/200/headers/ETag"));
    breaks_at(&new, &plain(), &format!("{OP}/responses/200/headers/ETag"));
}

#[test]
fn a_response_header_schema_follows_the_response_rules() {
    let old = edit(&plain(), &format!("{OP}/responses/200"), |r| r["headers"] = json!({"X-Count": {"schema": {"type": "integer", "format": "int32"}}}));
    let new = edit(&old, &format!("{OP}/responses/200/headers/X-Count/schema"), |s| s["format"] = json!("int64"));
    breaks_at(&old, &new, &format!("{OP}/responses/200/headers/X-Count/schema/format"));
}

#[test]
fn a_removed_response_media_type_breaks_and_a_new_one_is_accepted() {
    let new = edit(&plain(), &format!("{OP}/responses/404"), |r| r["content"] = json!({"application/json": {"schema": {"type": "object"}}}));
    accepted_at(&plain(), &new, &format!("{OP}/responses/404/content/application~1json"));
    breaks_at(&new, &plain(), &format!("{OP}/responses/404/content/application~1json"));
}

#[test]
fn a_new_required_request_body_breaks_and_an_optional_one_is_accepted() {
    let old = edit(&plain(), OP, |op| {
        op.as_object_mut().unwrap().remove("requestBody");
    });
    breaks_at(&old, &plain(), &format!("{OP}/requestBody"));
    let optional = edit(&plain(), &format!("{OP}/requestBody"), |b| b["required"] = json!(false));
    accepted_at(&old, &optional, &format!("{OP}/requestBody"));
    breaks_at(&optional, &plain(), &format!("{OP}/requestBody"));
}

#[test]
fn a_removed_request_media_type_breaks() {
    let new = edit(&plain(), &format!("{OP}/requestBody/content"), |c| {
        let body = c["application/json"].take();
        c.as_object_mut().unwrap().remove("application/json");
        c["application/merge-patch+json"] = body;
    });
    breaks_at(&plain(), &new, &format!("{OP}/requestBody/content/application~1json"));
}

#[test]
fn a_changed_operation_id_breaks() {
    let new = edit(&plain(), OP, |op| op["operationId"] = json!("create-thing"));
    breaks_at(&plain(), &new, &format!("{OP}/operationId"));
}

#[test]
fn a_new_security_requirement_breaks_and_dropping_one_is_accepted() {
    let open = edit(&plain(), OP, |op| op["security"] = json!([{}]));
    breaks_at(&open, &plain(), &format!("{OP}/security"));
    accepted_at(&plain(), &open, &format!("{OP}/security"));
}

#[test]
fn a_removed_component_schema_breaks_and_a_new_one_is_accepted() {
    let more = edit(&plain(), "/components/schemas", |s| s["Extra"] = json!({"type": "string"}));
    accepted_at(&plain(), &more, "/components/schemas/Extra");
    breaks_at(&more, &plain(), "/components/schemas/Extra");
}

#[test]
fn the_etag_change_is_accepted_whole() {
    // The conditional GET of issue 20: an optional If-None-Match, an ETag header on 200, a 304.
    let new = edit(&plain(), OP, |op| {
        op["parameters"].as_array_mut().unwrap().push(json!({"name": "If-None-Match", "in": "header", "required": false, "schema": {"type": "string"}}));
        op["responses"]["200"]["headers"] = json!({"ETag": {"description": "Strong tag of the body.", "schema": {"type": "string"}}});
        op["responses"]["304"] = json!({"description": "Not modified.", "headers": {"ETag": {"schema": {"type": "string"}}}});
    });
    let changes = accepted_at(&plain(), &new, &format!("{OP}/responses/304"));
    assert_eq!(changes.len(), 3, "{}", super::show(&changes));
}

#[test]
fn an_unknown_operation_keyword_that_changes_is_treated_as_breaking() {
    let new = edit(&plain(), OP, |op| op["servers"] = json!([{"url": "/v3"}]));
    breaks_at(&plain(), &new, &format!("{OP}/servers"));
}
