//! Typed path and query parameters. Each type is both the parser (Coder's rules and texts,
//! through [`crate::go`]) and, through `IntoParams`, the parameters' description in the
//! document: the two cannot disagree.
//!
//! Extraction never fails the request by itself: a [`Params<T>`] holds the parse result and
//! the handler asks for it after authentication, so a request without a session gets 401
//! whatever else is wrong with it (as in Coder, where the API key middleware runs first).

use std::collections::HashMap;
use std::future::{ready, Ready};

use actix_web::{FromRequest, HttpRequest};
use utoipa::IntoParams;
use uuid::Uuid;
use workspaced_sdk::ValidationError;

use crate::error::{ApiError, ApiResult};
use crate::go;

/// Parameters parsed from the request; the error is answered when the handler asks.
#[derive(Clone)]
pub struct Params<T>(Result<T, ApiError>);

impl<T> Params<T> {
    /// The parameters, or the 400 that describes what was wrong with them.
    pub fn get(self) -> ApiResult<T> {
        self.0
    }
}

/// A type parsed from a request's path and query.
pub trait FromParts: Sized {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self>;
}

impl<T: FromParts> FromRequest for Params<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Ok(Params(T::from_parts(req))))
    }
}

fn path_segment<'a>(req: &'a HttpRequest, name: &str) -> ApiResult<&'a str> {
    req.match_info()
        .get(name)
        .ok_or_else(|| ApiError::internal("Internal error.", format!("route has no {{{name}}} segment")))
}

/// A UUID path segment (`{name}`), read by Go's `uuid.Parse`, else Coder's 400
/// (`httpmw.ParseUUIDParam`).
fn uuid_segment(req: &HttpRequest, name: &str) -> ApiResult<Uuid> {
    let raw = path_segment(req, name)?;
    go::parse_coder_uuid(raw).map_err(|e| ApiError::invalid_uuid(raw, e))
}

/// A `{workspace}` path segment: a UUID, else Coder's 400.
pub(crate) fn workspace_id(req: &HttpRequest) -> ApiResult<Uuid> {
    uuid_segment(req, "workspace")
}

/// The query string as Go's `url.Values.Get` reads it: the first value of each key.
struct Query {
    values: HashMap<String, String>,
    errors: Vec<ValidationError>,
}

impl Query {
    fn new(req: &HttpRequest) -> Query {
        let mut values = HashMap::new();
        for (k, v) in form_urlencoded(req.query_string()) {
            values.entry(k).or_insert(v);
        }
        Query { values, errors: Vec::new() }
    }

    fn string(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }

    fn parsed<T>(&mut self, name: &str, parse: impl Fn(&str, &str) -> Result<T, String>) -> Option<T> {
        match self.values.get(name).map(String::as_str) {
            None | Some("") => None,
            Some(raw) => match parse(name, raw) {
                Ok(v) => Some(v),
                Err(detail) => {
                    self.errors.push(ValidationError::new(name, detail));
                    None
                }
            },
        }
    }

    fn finish<T>(self, value: T) -> ApiResult<T> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(ApiError::bad_request("Query parameters have invalid values.").validations(self.errors))
        }
    }
}

fn form_urlencoded(query: &str) -> Vec<(String, String)> {
    actix_web::web::Query::<Vec<(String, String)>>::from_query(query).map(|q| q.into_inner()).unwrap_or_default()
}

/// `{workspace}`.
#[derive(Debug, Clone, Copy, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct WorkspacePath {
    /// Workspace ID
    pub workspace: Uuid,
}

impl FromParts for WorkspacePath {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        Ok(WorkspacePath { workspace: workspace_id(req)? })
    }
}

/// `include_deleted`.
#[derive(Debug, Clone, Copy, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncludeDeleted {
    /// Return data instead of HTTP 404 if the workspace is deleted
    pub include_deleted: Option<bool>,
}

impl FromParts for IncludeDeleted {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        let mut q = Query::new(req);
        let include_deleted = q.parsed("include_deleted", go::parse_bool_param);
        q.finish(IncludeDeleted { include_deleted })
    }
}

impl IncludeDeleted {
    pub fn value(&self) -> bool {
        self.include_deleted.unwrap_or(false)
    }
}

/// `{user}`.
#[derive(Debug, Clone, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct UserPath {
    /// Username, UUID, or me
    pub user: String,
}

impl FromParts for UserPath {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        Ok(UserPath { user: path_segment(req, "user")?.to_owned() })
    }
}

/// `{organization}` and `{user}`.
#[derive(Debug, Clone, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OrganizationMemberPath {
    /// Organization ID
    pub organization: Uuid,
    /// Username, UUID, or me
    pub user: String,
}

/// The raw `{organization}` segment: Coder also accepts the organization's name here.
#[derive(Clone)]
pub struct OrganizationMember {
    pub organization: String,
    pub user: String,
}

impl FromParts for OrganizationMember {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        Ok(OrganizationMember {
            organization: path_segment(req, "organization")?.to_owned(),
            user: path_segment(req, "user")?.to_owned(),
        })
    }
}

/// `{user}` and `{workspacename}`.
#[derive(Debug, Clone, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct UserWorkspaceNamePath {
    /// User ID, name, or me
    pub user: String,
    /// Workspace name
    pub workspacename: String,
}

impl FromParts for UserWorkspaceNamePath {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        Ok(UserWorkspaceNamePath {
            user: path_segment(req, "user")?.to_owned(),
            workspacename: path_segment(req, "workspacename")?.to_owned(),
        })
    }
}

/// `q`, `limit` and `offset` of `GET /workspaces`.
#[derive(Debug, Clone, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListWorkspacesQuery {
    /// Search query in the format `key:value`. Available keys are: owner, template, name, status, has-agent, dormant, last_used_after, last_used_before, has-ai-task, has_external_agent, healthy, outdated, organization, id, shared, shared_with_user, shared_with_group, param.
    pub q: Option<String>,
    /// Page limit (0: no limit)
    #[param(minimum = 0)]
    pub limit: Option<i32>,
    /// Page offset
    #[param(minimum = 0)]
    pub offset: Option<i32>,
}

impl ListWorkspacesQuery {
    /// The page asked for (no limit when none is given).
    pub fn page(&self) -> crate::services::Page {
        crate::services::Page { offset: self.offset.unwrap_or(0).into(), limit: self.limit.unwrap_or(0).into() }
    }
}

impl FromParts for ListWorkspacesQuery {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        let mut q = Query::new(req);
        let limit = q.parsed("limit", go::parse_non_negative_i32);
        let offset = q.parsed("offset", go::parse_non_negative_i32);
        let query = ListWorkspacesQuery { q: q.string("q"), limit, offset };
        q.finish(query)
    }
}

/// `q`, `limit` and `offset` of the available-users list.
#[derive(Debug, Clone, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailableUsersQuery {
    /// Search query: words of a username or email, `search:`, `status:` (active, dormant, suspended)
    pub q: Option<String>,
    /// Limit results (0: no limit)
    #[param(minimum = 0)]
    pub limit: Option<i32>,
    /// Offset for pagination
    #[param(minimum = 0)]
    pub offset: Option<i32>,
}

impl AvailableUsersQuery {
    /// The page asked for (no limit when none is given).
    pub fn page(&self) -> crate::services::Page {
        crate::services::Page { offset: self.offset.unwrap_or(0).into(), limit: self.limit.unwrap_or(0).into() }
    }
}

impl FromParts for AvailableUsersQuery {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        let mut q = Query::new(req);
        let limit = q.parsed("limit", go::parse_non_negative_i32);
        let offset = q.parsed("offset", go::parse_non_negative_i32);
        let query = AvailableUsersQuery { q: q.string("q"), limit, offset };
        q.finish(query)
    }
}

/// `after_id`, `limit`, `offset` and `since` of `GET /workspaces/{workspace}/builds`.
#[derive(Debug, Clone, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BuildsQuery {
    /// After ID
    #[param(format = Uuid)]
    pub after_id: Option<Uuid>,
    /// Page limit (0: no limit)
    #[param(minimum = 0)]
    pub limit: Option<i32>,
    /// Page offset
    #[param(minimum = 0)]
    pub offset: Option<i32>,
    /// Since timestamp
    #[param(format = DateTime)]
    pub since: Option<String>,
}

/// The parsed `BuildsQuery`.
#[derive(Clone)]
pub struct BuildsPage {
    pub after_id: Option<Uuid>,
    pub limit: i32,
    pub offset: i32,
    pub since: Option<chrono::DateTime<chrono::Utc>>,
}

impl FromParts for BuildsPage {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        let mut q = Query::new(req);
        let after_id = q.parsed("after_id", |name, raw| {
            go::parse_coder_uuid(raw).map_err(|e| format!("Query param {} must be a valid uuid: {e}", go::go_quote(name)))
        });
        let limit = q.parsed("limit", go::parse_non_negative_i32);
        let offset = q.parsed("offset", go::parse_non_negative_i32);
        let since_raw = q.string("since").filter(|s| !s.is_empty());
        let page = q.finish(BuildsPage { after_id, limit: limit.unwrap_or(0), offset: offset.unwrap_or(0), since: None })?;
        let since = since_raw
            .map(|raw| {
                go::go_parse_rfc3339_nano(&raw)
                    .map_err(|e| ApiError::bad_request("bad `since` format, must be RFC3339").detail(e))
            })
            .transpose()?;
        Ok(BuildsPage { since, ..page })
    }
}

/// `{template}`.
#[derive(Debug, Clone, Copy, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TemplatePath {
    /// Template ID
    pub template: Uuid,
}

impl FromParts for TemplatePath {
    fn from_parts(req: &HttpRequest) -> ApiResult<Self> {
        Ok(TemplatePath { template: uuid_segment(req, "template")? })
    }
}
