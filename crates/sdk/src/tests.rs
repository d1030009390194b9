//! Round trips of the examples and sanity checks of the generated OpenAPI components.

use serde_json::{json, Value};
use utoipa::OpenApi;

use crate::examples as ex;
use crate::*;

/// The component name of every registered wire type.
fn listed_names() -> Vec<String> {
    crate::registry::wire_types().iter().map(|t| t.name().to_owned()).collect()
}

/// The components of every registered wire type, with what utoipa adds of the schemas
/// they refer to: they must be exactly the registered types.
pub(crate) fn schemas() -> serde_json::Map<String, Value> {
    crate::registry::components()
}

fn roundtrip<T>(value: T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(&value).expect("serialises");
    let back: T = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, value, "round trip of {json}");
}

#[test]
fn every_example_round_trips() {
    roundtrip(ex::response());
    roundtrip(ex::validation_error());
    roundtrip(ex::minimal_user());
    roundtrip(ex::reduced_user());
    roundtrip(ex::user());
    roundtrip(ex::template());
    roundtrip(ex::build_info_response());
    roundtrip(ex::create_workspace_build_request());
    roundtrip(ex::shared_workspace_actor());
    roundtrip(ex::shared_workspace_actor_group());
    roundtrip(ex::workspace_user());
    roundtrip(ex::workspace_group());
    roundtrip(ex::workspace_acl());
    roundtrip(ex::update_workspace_acl());
    roundtrip(ex::workspace_agent_port_share());
    roundtrip(ex::workspace_agent_port_shares());
    roundtrip(ex::upsert_workspace_agent_port_share_request());
    roundtrip(ex::delete_workspace_agent_port_share_request());
    roundtrip(ex::derp_region());
    roundtrip(ex::healthcheck());
    roundtrip(ex::workspace_agent_health());
    roundtrip(ex::workspace_agent_log_source());
    roundtrip(ex::workspace_agent_script());
    roundtrip(ex::workspace_app_status());
    roundtrip(ex::workspace_app());
    roundtrip(ex::workspace_app_terminal());
    roundtrip(ex::workspace_agent());
    roundtrip(ex::workspace_build_parameter());
    roundtrip(ex::provisioner_job_input());
    roundtrip(ex::provisioner_job_metadata());
    roundtrip(ex::provisioner_job());
    roundtrip(ex::matched_provisioners());
    roundtrip(ex::workspace_resource_metadata());
    roundtrip(ex::workspace_resource());
    roundtrip(ex::workspace_build());
    roundtrip(ex::provisioner_timing());
    roundtrip(ex::agent_script_timing());
    roundtrip(ex::agent_connection_timing());
    roundtrip(ex::workspace_build_timings());
    roundtrip(ex::null_uuid());
    roundtrip(NullUUID::NONE);
    roundtrip(ex::workspace_health());
    roundtrip(ex::workspace());
    roundtrip(ex::workspaces_response());
    roundtrip(ex::server_sent_event());
    roundtrip(ServerSentEvent::ping());
    roundtrip(ex::resolve_autostart_response());
    roundtrip(ex::create_workspace_request());
    roundtrip(ex::update_workspace_request());
    roundtrip(ex::update_workspace_ttl_request());
    roundtrip(ex::update_workspace_autostart_request());
    roundtrip(ex::put_extend_workspace_request());
    roundtrip(ex::post_workspace_usage_request());
    roundtrip(ex::update_workspace_dormancy());
    roundtrip(ex::update_workspace_automatic_updates_request());
}

/// Every registered type's schema examples read as the type and are written back exactly
/// (a new type's example included, wherever it is written).
#[test]
fn every_registered_example_round_trips() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for t in crate::registry::wire_types() {
        let mut own = Vec::new();
        (t.schemas)(&mut own);
        let schema = serde_json::to_value(&own[0].1).unwrap();
        for example in schema["examples"].as_array().into_iter().flatten() {
            match (t.round_trip)(example.clone()) {
                Ok(back) if back == *example => checked += 1,
                Ok(back) => problems.push(format!("{}: {example} is written back as {back}", t.name())),
                Err(e) => problems.push(format!("{}: {example} does not read: {e}", t.name())),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 81, "every registered type has an example: {checked}");
}

#[test]
fn enums_match_their_wire_strings() {
    let mut count = 0;
    for t in crate::registry::wire_types().into_iter().filter(|t| t.kind == crate::shapes::Kind::Enum) {
        let name = t.name();
        let (Some(variants), Some(parse)) = (t.variants, t.parse) else {
            panic!("{name}: an enum registered without its variants")
        };
        let variants = variants();
        assert!(!variants.is_empty(), "{name}");
        for wire in variants {
            // Written as its wire string, read back from it; parsed from it (`FromStr`) and
            // displayed as it.
            assert_eq!((t.round_trip)(json!(wire)), Ok(json!(wire)), "{name}");
            assert_eq!(parse(wire), Ok(wire.to_owned()), "{name}");
        }
        let err = parse("definitely-not-a-variant").unwrap_err();
        assert!(err.starts_with("\"definitely-not-a-variant\" is not a valid "), "{name}: {err}");
        count += 1;
    }
    // The 27 of this writing, registered by `wire_enum!`.
    assert!(count >= 27, "{count}");
    assert_eq!(WorkspaceAppOpenIn::SlimWindow.as_str(), "slim-window");
    assert_eq!(UsageAppName::ReconnectingPty.as_str(), "reconnecting-pty");
    assert_eq!(
        JobErrorCode::RequiredTemplateVariables.as_str(),
        "REQUIRED_TEMPLATE_VARIABLES"
    );
    assert_eq!(WorkspaceRole::Deleted.as_str(), "");
    assert_eq!(LoginType::Unknown.as_str(), "");
    assert_eq!(
        "bogus".parse::<WorkspaceStatus>().unwrap_err().to_string(),
        "\"bogus\" is not a valid workspace status"
    );
}

#[test]
fn port_share_levels_are_ranked() {
    use WorkspaceAgentPortShareLevel as L;
    assert!(L::Owner.rank() < L::Organization.rank());
    assert!(L::Organization.rank() < L::Authenticated.rank());
    assert!(L::Authenticated.rank() < L::Public.rank());
    assert!(L::Organization.is_within(L::Authenticated));
    assert!(!L::Public.is_within(L::Organization));
}

#[test]
fn workspace_status_follows_the_job() {
    use ProvisionerJobStatus as J;
    use WorkspaceTransition as T;
    assert_eq!(
        WorkspaceStatus::from_job(T::Start, J::Succeeded),
        WorkspaceStatus::Running
    );
    assert_eq!(
        WorkspaceStatus::from_job(T::Stop, J::Running),
        WorkspaceStatus::Stopping
    );
    assert_eq!(
        WorkspaceStatus::from_job(T::Delete, J::Succeeded),
        WorkspaceStatus::Deleted
    );
    assert_eq!(
        WorkspaceStatus::from_job(T::Start, J::Pending),
        WorkspaceStatus::Pending
    );
}

#[test]
fn response_leaves_out_empty_members() {
    let plain = serde_json::to_value(Response::new("Forbidden.")).unwrap();
    assert_eq!(plain, json!({"message": "Forbidden."}));

    let full = Response::new("Validation failed.")
        .with_detail("name: bad")
        .with_validation("name", "Must be alphanumeric.");
    assert_eq!(
        serde_json::to_value(&full).unwrap(),
        json!({
            "detail": "name: bad",
            "message": "Validation failed.",
            "validations": [{"detail": "Must be alphanumeric.", "field": "name"}],
        })
    );
    let back: Response = serde_json::from_value(json!({"message": "Forbidden."})).unwrap();
    assert_eq!(back, Response::new("Forbidden."));
}

#[test]
fn options_follow_coders_rules() {
    let mut workspace = ex::workspace();
    workspace.ttl_ms = None;
    workspace.autostart_schedule = None;
    workspace.latest_app_status = None;
    workspace.shared_with.clear();
    let value = serde_json::to_value(&workspace).unwrap();
    let object = value.as_object().unwrap();
    // omitted-when-empty: absent.
    for key in ["ttl_ms", "autostart_schedule", "shared_with"] {
        assert!(!object.contains_key(key), "{key} is written");
    }
    // null-when-unset: null.
    assert_eq!(value["latest_app_status"], Value::Null);
    assert!(object.contains_key("deleting_at"));
    assert_eq!(value["deleting_at"], Value::Null);
    assert_eq!(value["task_id"], Value::Null);
    assert!(object.contains_key("task_id"));
    assert_eq!(
        value["latest_build"]["resources"][0]["type"],
        "docker_container"
    );
    assert_eq!(value["latest_build"]["job"]["type"], "workspace_build");

    // A Go pointer that is set is written even when it points at a zero value.
    workspace.ttl_ms = Some(0);
    assert_eq!(serde_json::to_value(&workspace).unwrap()["ttl_ms"], 0);

    let mut agent = ex::workspace_agent();
    agent.instance_id = String::new();
    agent.latency.clear();
    agent.environment_variables = None;
    let value = serde_json::to_value(&agent).unwrap();
    assert!(value.get("instance_id").is_none());
    assert!(value.get("latency").is_none());
    assert_eq!(value["environment_variables"], Value::Null);
}

#[test]
fn go_zero_values_in_requests_mean_absent() {
    let nil = "00000000-0000-0000-0000-000000000000";
    let create: CreateWorkspaceRequest = serde_json::from_value(json!({
        "template_id": ex::TEMPLATE_ID,
        "template_version_id": nil,
        "name": "dev-env",
        "template_version_preset_id": nil,
    }))
    .unwrap();
    assert_eq!(create.template_id, Some(ex::TEMPLATE_ID));
    assert_eq!(create.template_version_id, None);
    assert_eq!(create.template_version_preset_id, None);
    // null and a missing key read the same.
    let create: CreateWorkspaceRequest = serde_json::from_value(json!({
        "name": "dev-env", "template_id": null, "ttl_ms": null, "rich_parameter_values": null,
    }))
    .unwrap();
    assert_eq!(
        (
            create.template_id,
            create.ttl_ms,
            create.rich_parameter_values
        ),
        (None, None, None)
    );
    // Written as Go writes it: the nil UUID for an unset id, optional members left out.
    let written = serde_json::to_value(CreateWorkspaceRequest {
        automatic_updates: None,
        autostart_schedule: None,
        name: "dev-env".into(),
        rich_parameter_values: None,
        template_id: Some(ex::TEMPLATE_ID),
        template_version_id: None,
        template_version_preset_id: None,
        ttl_ms: None,
    })
    .unwrap();
    assert_eq!(
        written,
        json!({"name": "dev-env", "template_id": ex::TEMPLATE_ID, "template_version_id": nil, "template_version_preset_id": nil})
    );
    let usage: PostWorkspaceUsageRequest =
        serde_json::from_value(json!({"agent_id": nil, "app_name": ""})).unwrap();
    assert_eq!((usage.agent_id, usage.app_name), (None, None));
    let upsert: UpsertWorkspaceAgentPortShareRequest = serde_json::from_value(
        json!({"agent_name": "", "port": 0, "share_level": "", "protocol": ""}),
    )
    .unwrap();
    assert_eq!(upsert, serde_json::from_value(json!({})).unwrap());
    assert!(serde_json::from_value::<CreateWorkspaceRequest>(
        json!({"name": "a", "template_id": "nope"})
    )
    .is_err());
    // A UUID member is read by Go's parser, with its texts.
    let e = serde_json::from_value::<PostWorkspaceUsageRequest>(json!({"agent_id": "nope"})).unwrap_err();
    assert_eq!(e.to_string(), "invalid UUID length: 4");
    let usage: PostWorkspaceUsageRequest =
        serde_json::from_value(json!({"agent_id": format!("urn:uuid:{}", ex::AGENT_ID)})).unwrap();
    assert_eq!(usage.agent_id, Some(ex::AGENT_ID));
}

#[test]
fn requests_accept_missing_members() {
    let empty = json!({});
    assert_eq!(
        serde_json::from_value::<UpdateWorkspaceTTLRequest>(empty.clone()).unwrap(),
        UpdateWorkspaceTTLRequest { ttl_ms: None }
    );
    serde_json::from_value::<UpdateWorkspaceRequest>(empty.clone()).unwrap();
    serde_json::from_value::<UpdateWorkspaceAutostartRequest>(empty.clone()).unwrap();
    serde_json::from_value::<PostWorkspaceUsageRequest>(empty.clone()).unwrap();
    serde_json::from_value::<UpsertWorkspaceAgentPortShareRequest>(empty.clone()).unwrap();
    serde_json::from_value::<DeleteWorkspaceAgentPortShareRequest>(empty.clone()).unwrap();
    serde_json::from_value::<UpdateWorkspaceACL>(empty.clone()).unwrap();
    serde_json::from_value::<UpdateWorkspaceDormancy>(empty.clone()).unwrap();
    serde_json::from_value::<UpdateWorkspaceAutomaticUpdatesRequest>(empty.clone()).unwrap();
    assert!(serde_json::from_value::<CreateWorkspaceRequest>(empty.clone()).is_err());
    assert!(serde_json::from_value::<PutExtendWorkspaceRequest>(empty).is_err());

    let create: CreateWorkspaceRequest =
        serde_json::from_value(json!({"name": "dev-env"})).unwrap();
    assert_eq!(create.name, "dev-env");
    assert_eq!(create.template_id, None);

    let ttl: UpdateWorkspaceTTLRequest = serde_json::from_value(json!({"ttl_ms": null})).unwrap();
    assert_eq!(ttl.ttl_ms, None);

    let acl: UpdateWorkspaceACL =
        serde_json::from_value(json!({"user_roles": {"x": "", "z": null}, "group_roles": {"y": "admin"}}))
            .unwrap();
    assert_eq!(acl.user_roles["x"], WorkspaceRole::Deleted.into());
    assert_eq!(acl.user_roles["z"], WorkspaceRole::Deleted.into(), "Go reads null into a string as \"\"");
    assert_eq!(acl.group_roles["y"], WorkspaceRole::Admin.into());
}

/// Members typed as a Go string enum are read from any string, as Go reads them (the server
/// answers an unknown value with Coder's own text); anything but a string is refused.
#[test]
fn go_string_enums_in_requests_are_lenient() {
    let acl: UpdateWorkspaceACL = serde_json::from_value(json!({"user_roles": {"x": "owner"}})).unwrap();
    assert_eq!(acl.user_roles["x"], wire::Lenient::Unknown("owner".into()));
    assert_eq!(acl.user_roles["x"].raw(), "owner");
    assert_eq!(serde_json::to_value(&acl).unwrap(), json!({"user_roles": {"x": "owner"}}));
    let e = serde_json::from_str::<UpdateWorkspaceACL>(r#"{"user_roles": {"x": 5}}"#).unwrap_err();
    assert_eq!(e.to_string(), "invalid type: integer `5`, expected a string at line 1 column 22");

    let upsert: UpsertWorkspaceAgentPortShareRequest =
        serde_json::from_value(json!({"share_level": "everyone", "protocol": "https"})).unwrap();
    assert_eq!(upsert.share_level, Some(wire::Lenient::Unknown("everyone".into())));
    assert_eq!(upsert.protocol, Some(WorkspaceAgentPortShareProtocol::Https.into()));
    let e = serde_json::from_str::<UpsertWorkspaceAgentPortShareRequest>(r#"{"share_level": 3}"#).unwrap_err();
    assert_eq!(e.to_string(), "invalid type: integer `3`, expected a string at line 1 column 17");

    let usage: PostWorkspaceUsageRequest = serde_json::from_value(json!({"app_name": "emacs"})).unwrap();
    assert_eq!(usage.app_name, Some(wire::Lenient::Unknown("emacs".into())));
    let updates: UpdateWorkspaceAutomaticUpdatesRequest =
        serde_json::from_value(json!({"automatic_updates": "sometimes"})).unwrap();
    assert_eq!(updates.automatic_updates.unwrap().known(), None);
    let e = serde_json::from_str::<UpdateWorkspaceAutomaticUpdatesRequest>(r#"{"automatic_updates":true}"#).unwrap_err();
    assert_eq!(e.to_string(), "invalid type: boolean `true`, expected a string at line 1 column 25");
    let updates: UpdateWorkspaceAutomaticUpdatesRequest = serde_json::from_value(json!({"automatic_updates": ""})).unwrap();
    assert_eq!(updates.automatic_updates, None);
}

#[test]
fn null_uuid_is_a_string_or_null() {
    assert_eq!(NullUUID::NONE.get(), None);
    assert_eq!(NullUUID::default(), NullUUID::NONE);
    assert_eq!(ex::null_uuid().get(), Some(ex::TASK_ID));
    assert_eq!(NullUUID::from(Some(ex::TASK_ID)), ex::null_uuid());
    assert_eq!(
        serde_json::to_value(ex::null_uuid()).unwrap(),
        json!(ex::TASK_ID.to_string())
    );
    assert_eq!(serde_json::to_value(NullUUID::NONE).unwrap(), Value::Null);
    assert_eq!(
        serde_json::from_value::<NullUUID>(Value::Null).unwrap(),
        NullUUID::NONE
    );
    let schema = &schemas()["uuid.NullUUID"];
    assert_eq!(schema["type"], json!(["string", "null"]));
    assert_eq!(schema["format"], "uuid");
    assert!(schema.get("properties").is_none());
}

#[test]
fn components_carry_coder_names() {
    let schemas = schemas();
    let mut names: Vec<&str> = schemas.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected = listed_names();
    expected.sort_unstable();
    assert_eq!(names, expected, "the registry lists every component, and each once");
    for name in &expected {
        assert!(name.starts_with("codersdk.") || name.starts_with("uuid."), "{name}: not named after Coder's Go package");
    }
    for name in ["codersdk.Workspace", "codersdk.Response", "uuid.NullUUID"] {
        assert!(schemas.contains_key(name), "{name} missing");
    }
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "$ref" {
                    out.push(inner.as_str().unwrap().to_owned());
                } else if key != "examples" {
                    collect_refs(inner, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let schemas = schemas();
    let mut refs = Vec::new();
    collect_refs(&Value::Object(schemas.clone()), &mut refs);
    assert!(refs.len() > 50);
    for reference in refs {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected reference {reference}"));
        assert!(schemas.contains_key(name), "dangling reference {reference}");
    }
}

#[test]
fn enum_schemas_list_exact_wire_strings() {
    let schemas = schemas();
    assert_eq!(
        schemas["codersdk.WorkspaceRole"]["enum"],
        json!(["admin", "use", ""])
    );
    assert_eq!(
        schemas["codersdk.LoginType"]["enum"],
        json!(["", "password", "github", "oidc", "token", "none"])
    );
    assert_eq!(
        schemas["codersdk.WorkspaceAppOpenIn"]["enum"],
        json!(["slim-window", "tab"])
    );
    assert_eq!(schemas["codersdk.WorkspaceStatus"]["type"], "string");
    assert_eq!(
        schemas["codersdk.WorkspaceStatus"]["examples"],
        json!(["running"])
    );
    assert!(schemas["codersdk.WorkspaceStatus"]["description"].is_string());
    let workspace = &schemas["codersdk.Workspace"]["properties"];
    assert_eq!(
        workspace["automatic_updates"]["$ref"],
        "#/components/schemas/codersdk.AutomaticUpdates"
    );
}

#[test]
fn every_object_schema_has_an_example() {
    for (name, schema) in schemas() {
        let examples = schema
            .get("examples")
            .unwrap_or_else(|| panic!("{name} has no examples"));
        let first = &examples.as_array().expect("examples is an array")[0];
        if schema.get("type") == Some(&json!("object")) {
            assert!(first.is_object(), "{name}: example is not an object");
            // Every key of the example is a property, every required property is in it.
            let props = schema["properties"].as_object().expect("properties");
            for key in first.as_object().unwrap().keys() {
                assert!(
                    props.contains_key(key),
                    "{name}: example key {key} not in schema"
                );
            }
            let required = schema
                .get("required")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for key in required {
                let key = key.as_str().unwrap();
                assert!(
                    first.as_object().unwrap().contains_key(key),
                    "{name}: required property {key} missing from the example"
                );
            }
        } else if name == "uuid.NullUUID" {
            assert!(first.is_string(), "{name}: example is not a UUID string");
        } else {
            assert!(
                schema.get("enum").is_some(),
                "{name}: neither object nor enum"
            );
            assert!(first.is_string(), "{name}: enum example is not a string");
        }
    }
}

#[test]
fn option_fields_are_nullable_in_openapi_31() {
    let schemas = schemas();
    let workspace = &schemas["codersdk.Workspace"]["properties"];
    // omitted-when-empty: optional and never null.
    assert_eq!(workspace["autostart_schedule"]["type"], "string");
    assert_eq!(workspace["ttl_ms"]["type"], "integer");
    // null-when-unset: required and nullable.
    assert_eq!(workspace["dormant_at"]["type"], json!(["string", "null"]));
    assert_eq!(workspace["dormant_at"]["format"], "date-time");
    let app_status = &workspace["latest_app_status"]["oneOf"];
    assert!(
        app_status
            .as_array()
            .unwrap()
            .contains(&json!({"type": "null"})),
        "latest_app_status is not nullable: {app_status}"
    );
    // Non-optional members are plain and required.
    assert_eq!(workspace["name"]["type"], "string");
    let required = schemas["codersdk.Workspace"]["required"]
        .as_array()
        .unwrap();
    assert!(required.contains(&json!("latest_build")));
    assert!(required.contains(&json!("dormant_at")));
    assert!(required.contains(&json!("task_id")));
    assert!(!required.contains(&json!("ttl_ms")));
    assert!(!required.contains(&json!("shared_with")));

    // Response: detail and validations are optional.
    let response = &schemas["codersdk.Response"];
    assert_eq!(response["required"], json!(["message"]));

    // Request bodies: only the documented members are required.
    assert_eq!(
        schemas["codersdk.CreateWorkspaceRequest"]["required"],
        json!(["name"])
    );
    assert_eq!(
        schemas["codersdk.PutExtendWorkspaceRequest"]["required"],
        json!(["deadline"])
    );
    assert!(schemas["codersdk.UpdateWorkspaceTTLRequest"]
        .get("required")
        .is_none());
}

#[test]
fn nested_schemas_are_collected_from_a_root() {
    #[derive(OpenApi)]
    #[openapi(components(schemas(Workspace, WorkspaceACL)))]
    struct Small;
    let doc = serde_json::to_value(Small::openapi()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "codersdk.Workspace",
        "codersdk.WorkspaceBuild",
        "codersdk.ProvisionerJob",
        "codersdk.WorkspaceAgent",
        "codersdk.WorkspaceApp",
        "codersdk.WorkspaceStatus",
        "codersdk.WorkspaceRole",
        "codersdk.ReducedUser",
        "codersdk.LoginType",
        "uuid.NullUUID",
    ] {
        assert!(schemas.contains_key(name), "{name} not collected");
    }
}
