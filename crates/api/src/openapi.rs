//! The parts of the OpenAPI document that are not written on the handlers: `info`, tags,
//! the `CoderSessionToken` security scheme (required on every operation), and the
//! rendering of the document that is served and committed.

use actix_web::http::Method;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{InfoBuilder, OpenApi, OpenApiBuilder};

/// Where the running server serves its document.
pub const DOCUMENT_PATH: &str = "/api/v2/openapi.json";
/// The one security scheme, as Coder names it.
pub const SECURITY_SCHEME: &str = "CoderSessionToken";
/// The tags an operation may carry.
pub const TAGS: &[(&str, &str)] = &[
    ("Workspaces", "Create, find, list and manage workspaces."),
    ("PortSharing", "Share ports of a workspace's agents with other users."),
    ("Builds", "Start, stop and delete workspaces, and their build history."),
    ("Templates", "The templates workspaces are built from."),
    ("Users", "Who a user is."),
    ("General", "The server itself."),
];

/// Operations that need no session (Coder's `GET /buildinfo`).
pub const PUBLIC_OPERATIONS: &[&str] = &["build-info"];

/// The document's own semantic version (`info.version`), independent of the crate's: the
/// minor moves with additions, the major with a change that breaks clients. `cargo xtask
/// openapi --check` holds it to the released documents under `openapi/released/`.
pub const API_VERSION: &str = "1.1.0";

/// `info` and tags; the handlers add paths and schemas.
pub fn base_document() -> OpenApi {
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("workspaced — Coder Workspaces API")
                .version(API_VERSION)
                .description(Some(
                    "Coder's Workspaces and Port Sharing REST API (`/api/v2`), served by workspaced. \
                     Authenticate with a session token in the `Coder-Session-Token` header.",
                ))
                .license(Some(utoipa::openapi::LicenseBuilder::new().name("AGPL-3.0-only").identifier(Some("AGPL-3.0-only")).build()))
                .build(),
        )
        // Paths carry their full `/api/v2/...` prefix: the server is the origin serving
        // the document.
        .servers(Some([utoipa::openapi::ServerBuilder::new().url("/").build()]))
        .tags(Some(TAGS.iter().map(|(name, desc)| TagBuilder::new().name(*name).description(Some(*desc)).build())))
        .build()
}

/// Every operation of a path item with its method, in a fixed order.
pub fn operations_of(item: &PathItem) -> Vec<(Method, &Operation)> {
    [
        (Method::GET, &item.get),
        (Method::PUT, &item.put),
        (Method::POST, &item.post),
        (Method::DELETE, &item.delete),
        (Method::OPTIONS, &item.options),
        (Method::HEAD, &item.head),
        (Method::PATCH, &item.patch),
        (Method::TRACE, &item.trace),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    .collect()
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(|op| op.as_mut())
}

/// Adds the security scheme and puts it on every operation.
pub fn finish(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        SECURITY_SCHEME,
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "Coder-Session-Token",
            "A session token `<10 chars>-<22 chars>` (`workspaced tokens create`).",
        ))),
    );
    let mut used = std::collections::BTreeSet::new();
    for item in doc.paths.paths.values_mut() {
        for op in operations_mut(item) {
            let public = op.operation_id.as_deref().is_some_and(|id| PUBLIC_OPERATIONS.contains(&id));
            if public {
                // No session: no 401 either; an empty requirement says "anonymous" (linters
                // and generators want every operation to state its security).
                op.responses.responses.remove("401");
                op.security = Some(vec![SecurityRequirement::default()]);
            } else {
                op.security = Some(vec![SecurityRequirement::new(SECURITY_SCHEME, Vec::<String>::new())]);
            }
            // Coder's query parser (and `go.rs`) reads an empty value (`limit=`) as "not
            // given": say so, so that clients and fuzzers know `?limit=` is valid. utoipa has
            // no field for OpenAPI's `allowEmptyValue`; its extensions map is written flat.
            for param in op.parameters.iter_mut().flatten() {
                let utoipa::openapi::RefOr::T(param) = param else { continue };
                if param.parameter_in == utoipa::openapi::path::ParameterIn::Query {
                    param.extensions.get_or_insert_with(Default::default).insert("allowEmptyValue".into(), serde_json::Value::Bool(true));
                }
            }
            used.extend(op.tags.iter().flatten().cloned());
        }
    }
    // A tag without operations would show as an empty section in Swagger UI.
    if let Some(tags) = doc.tags.as_mut() {
        tags.retain(|t| used.contains(&t.name));
    }
}

/// The document as committed and served: pretty JSON with a trailing newline.
pub fn to_json(doc: &OpenApi) -> String {
    let mut s = serde_json::to_string_pretty(doc).expect("an OpenAPI document always serialises");
    s.push('\n');
    s
}

/// One line per operation: tag, operationId, method, path.
pub fn operations_index(doc: &OpenApi) -> String {
    let mut lines = Vec::new();
    for (path, item) in doc.paths.paths.iter() {
        for (method, op) in operations_of(item) {
            let tag = op.tags.as_ref().and_then(|t| t.first()).cloned().unwrap_or_default();
            let id = op.operation_id.clone().unwrap_or_default();
            lines.push(format!("{tag:<12} {id:<60} {:<6} {path}", method.as_str()));
        }
    }
    lines.sort();
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// The document as the server hands it out.
pub struct ServedDocument {
    pub json: String,
}

impl ServedDocument {
    pub fn new(doc: &OpenApi) -> ServedDocument {
        ServedDocument { json: to_json(doc) }
    }
}

/// Strict reading of the document's schemas, as the contract suite and `cargo xtask conform`
/// validate responses: every object schema with `properties` gets
/// `unevaluatedProperties: false`, so a key the document does not declare fails.
pub fn forbid_undeclared_properties(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.get("properties").is_some_and(Value::is_object) && !map.contains_key("unevaluatedProperties") {
                map.insert("unevaluatedProperties".into(), Value::Bool(false));
            }
            for (key, inner) in map.iter_mut() {
                if key != "examples" && key != "example" {
                    forbid_undeclared_properties(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_undeclared_properties),
        _ => {}
    }
}
