//! Parser for the workspace search query (`GET /api/v2/workspaces?q=...`).
//!
//! The behaviour follows Coder's `coderd/searchquery` package (the `Workspaces`
//! filter and its helpers) and the query-parameter parser in
//! `coderd/httpapi/queryparams.go`; the code and the wording below are our own.
//!
//! # Grammar
//!
//! * An empty `q` means "no filter". Otherwise the whole query is lowercased
//!   first, so keys *and* values are case-insensitive.
//! * The query is cut into terms at every space that is not inside double
//!   quotes. Runs of spaces count as one separator; quotes keep spaces and
//!   colons inside one term (`template:"docker template"`,
//!   `name:"a:b"`). Only the space character separates terms.
//! * A term that contains a colon (anywhere, even inside quotes) is a
//!   `key:value` pair. A term that starts or ends with a colon is rejected
//!   (so `name:` with nothing after it is an error). The term is cut at every
//!   colon that is not inside quotes, empty pieces are dropped, and quote
//!   characters are stripped from the ends of each piece. One piece means the
//!   term was a quoted bare word (see below); two pieces are key and value;
//!   more is an error (`owner:a:b`). Values that hold a colon, such as
//!   times (`last_used_after:"2024-05-01T10:00:00Z"`), must therefore be
//!   quoted.
//! * Every term without a colon is a bare word. All bare words are joined
//!   with single spaces into one text, which is read as a workspace name. If
//!   that text contains one `/` (outside quotes) it is `owner/name`; more than
//!   one `/` is an error.
//! * Such syntax errors stop the parse at once and yield a single error whose
//!   field is `q`. After the terms are split, every value is checked and all
//!   value errors are collected, followed by one error per unknown key.
//! * A key given more than once is an error, except for the list keys `id`,
//!   `has-agent` and `param`, whose occurrences are merged. List values may
//!   also be comma separated. Note that a bare word adds to `name` (and to
//!   `owner`), so `foo name:bar` is a repeated key.
//! * A key whose (first) value is empty, e.g. `name:""`, is treated as absent.
//!
//! # Keys
//!
//! | key | value |
//! |---|---|
//! | `owner` | user name, a UUID string or `me` (resolved by the caller) |
//! | `template` | template name |
//! | `name` | substring of the workspace name |
//! | `status` | one of [`WORKSPACE_STATUSES`] |
//! | `has-agent` | list of [`AGENT_STATUSES`] |
//! | `dormant`, `outdated`, `has-ai-task`, `has_external_agent`, `healthy`, `shared` | boolean as Go's `strconv.ParseBool` reads it (`1 t true 0 f false`, any case) |
//! | `last_used_after`, `last_used_before` | RFC 3339 time, optional fraction, converted to UTC |
//! | `organization` | organization name or UUID (resolved by the caller) |
//! | `id` | list of workspace UUIDs |
//! | `shared_with_user` | user name or UUID (resolved by the caller; `me` is not special) |
//! | `shared_with_group` | group UUID, `group` or `organization/group` (resolved by the caller) |
//! | `param` | list of `name` (parameter present) or `name=value` |
//!
//! Lookups that need the database (organization, user and group names) are
//! left to the handler; [`SearchError::organization_not_found`],
//! [`SearchError::user_not_found`] and [`SearchError::group_not_found`] build
//! the matching validation errors.

use workspaced_sdk::{WorkspaceAgentStatus, WorkspaceStatus};

use crate::go::{go_parse_bool, go_parse_rfc3339_nano, go_quote};
pub use crate::go::parse_coder_uuid;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One validation problem of a search query: the offending key (or `q` for a
/// syntax error of the whole query) and a human readable explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchError {
    pub field: String,
    pub detail: String,
}

impl SearchError {
    fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        SearchError {
            field: field.into(),
            detail: detail.into(),
        }
    }

    fn invalid_value(key: &str, reason: &str) -> Self {
        SearchError::new(
            key,
            format!(
                "Query param {} has invalid value: {}",
                go_quote(key),
                reason
            ),
        )
    }

    /// The error for an `organization` value that is neither a UUID nor the
    /// name of an organization the caller can see.
    pub fn organization_not_found(value: &str) -> Self {
        SearchError::invalid_value(
            "organization",
            &format!(
                "organization {} either does not exist, or you are unauthorized to view it",
                go_quote(value)
            ),
        )
    }

    /// The error for a user-valued key (`shared_with_user`) whose value is
    /// neither a UUID nor a user the caller can see.
    pub fn user_not_found(key: &str, value: &str) -> Self {
        SearchError::invalid_value(
            key,
            &format!(
                "user {} either does not exist, or you are unauthorized to view them",
                go_quote(value)
            ),
        )
    }

    /// The error for a `shared_with_group` value naming a group that does not
    /// exist in `organization` (or that the caller cannot see).
    pub fn group_not_found(key: &str, group: &str, organization: &str) -> Self {
        SearchError::invalid_value(
            key,
            &format!(
                "group {} either does not exist, does not belong to the organization {}, or you are unauthorized to view it",
                go_quote(group),
                go_quote(organization)
            ),
        )
    }
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.detail)
    }
}

impl std::error::Error for SearchError {}

/// The parsed filter. Strings are lowercased (the whole query is).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WorkspaceSearch {
    /// `me`, a username or a UUID string, as given.
    pub owner: Option<String>,
    pub template: Option<String>,
    /// Substring of the workspace name.
    pub name: Option<String>,
    pub status: Option<WorkspaceStatus>,
    /// The agent statuses asked for (`has-agent:connected,timeout` or the key
    /// repeated). See [`WorkspaceSearch::agent_statuses`].
    pub has_agent: Vec<WorkspaceAgentStatus>,
    /// Coder treats `dormant:false` like an absent key (no filter).
    pub dormant: Option<bool>,
    pub last_used_after: Option<DateTime<Utc>>,
    pub last_used_before: Option<DateTime<Utc>>,
    pub outdated: Option<bool>,
    pub has_ai_task: Option<bool>,
    pub has_external_agent: Option<bool>,
    /// Organization name or UUID string, as given.
    pub organization: Option<String>,
    pub ids: Vec<Uuid>,
    /// `true` means agent status `connected`; `false` means `disconnected`
    /// or `timeout`. See [`WorkspaceSearch::agent_statuses`].
    pub healthy: Option<bool>,
    pub shared: Option<bool>,
    /// Username or UUID string, as given.
    pub shared_with_user: Option<String>,
    /// Group UUID, `group` or `organization/group`, as given.
    pub shared_with_group: Option<String>,
    /// `(name, None)` matches workspaces having the parameter at all,
    /// `(name, Some(value))` the parameter with that value.
    pub params: Vec<(String, Option<String>)>,
}

impl WorkspaceSearch {
    /// The agent statuses to filter on, as Coder combines them: the
    /// `has-agent` list followed by what `healthy` stands for.
    pub fn agent_statuses(&self) -> Vec<WorkspaceAgentStatus> {
        let mut out = self.has_agent.clone();
        match self.healthy {
            Some(true) => out.push(WorkspaceAgentStatus::Connected),
            Some(false) => {
                out.push(WorkspaceAgentStatus::Disconnected);
                out.push(WorkspaceAgentStatus::Timeout);
            }
            None => {}
        }
        out
    }

    /// True when the owner filter is the caller (`owner:me`).
    pub fn owner_is_me(&self) -> bool {
        self.owner.as_deref() == Some("me")
    }

    /// The organization filter when it is written as a UUID (otherwise it is
    /// a name for the caller to look up).
    pub fn organization_id(&self) -> Option<Uuid> {
        self.organization
            .as_deref()
            .and_then(|v| parse_coder_uuid(v).ok())
    }

    /// The `shared_with_user` filter when it is written as a UUID.
    pub fn shared_with_user_id(&self) -> Option<Uuid> {
        self.shared_with_user
            .as_deref()
            .and_then(|v| parse_coder_uuid(v).ok())
    }

    /// The `shared_with_group` filter when it is written as a UUID.
    pub fn shared_with_group_id(&self) -> Option<Uuid> {
        self.shared_with_group
            .as_deref()
            .and_then(|v| parse_coder_uuid(v).ok())
    }
}

/// Values accepted by `status:`.
pub const WORKSPACE_STATUSES: &[WorkspaceStatus] = WorkspaceStatus::ALL;

/// Values accepted by `has-agent:`.
pub const AGENT_STATUSES: &[WorkspaceAgentStatus] = WorkspaceAgentStatus::ALL;

pub use crate::go::RFC3339_NANO_LAYOUT;

/// Parse a workspace search query. On failure every problem found is
/// returned (a syntax error of the query as a whole is reported alone).
pub fn parse_workspace_query(q: &str) -> Result<WorkspaceSearch, Vec<SearchError>> {
    if q.is_empty() {
        return Ok(WorkspaceSearch::default());
    }
    let query = q.to_lowercase();
    let values = split_terms(&query, add_bare_term).map_err(|e| vec![e])?;

    let mut p = ParamParser::new(&values);
    let mut out = WorkspaceSearch {
        ids: p.list("id", |v| parse_coder_uuid(v.trim())),
        owner: p.single("owner"),
        template: p.single("template"),
        name: p.single("name"),
        status: p.custom("status", |v| v.parse::<WorkspaceStatus>().map_err(|_| format!("{} is not a valid value", go_quote(v)))),
        ..WorkspaceSearch::default()
    };
    out.has_agent =
        p.list("has-agent", |v| v.parse::<WorkspaceAgentStatus>().map_err(|_| format!("{} is not a valid value", go_quote(v))));
    out.dormant = p.boolean("dormant");
    out.last_used_after = p.time("last_used_after");
    out.last_used_before = p.time("last_used_before");
    // Coder keys the outdated filter on the key's mere presence, with a
    // default of true: `outdated:""` therefore means `outdated:true`.
    let outdated_given = values.has("outdated");
    let outdated = p.boolean("outdated");
    if outdated_given {
        out.outdated = Some(outdated.unwrap_or(true));
    }
    out.has_ai_task = p.boolean("has-ai-task");
    out.has_external_agent = p.boolean("has_external_agent");
    out.organization = p.single("organization");
    out.shared = p.boolean("shared");
    out.shared_with_user = p.single("shared_with_user");
    out.shared_with_group = p.custom("shared_with_group", |v| {
        if parse_coder_uuid(v).is_ok() || v.split('/').count() <= 2 {
            Ok(v.to_owned())
        } else {
            Err("invalid organization or group name, the filter must be in the pattern of <organization name>/<group name>".to_owned())
        }
    });
    out.healthy = p.boolean("healthy");
    out.params = p.list("param", parse_param);
    p.unknown_keys();

    if p.errors.is_empty() {
        Ok(out)
    } else {
        Err(p.errors)
    }
}

// ---------------------------------------------------------------------------
// Splitting the query into key/value pairs.

/// Key/value pairs in order of first appearance (a multimap).
#[derive(Debug, Default)]
struct Values {
    entries: Vec<(String, Vec<String>)>,
}

impl Values {
    fn add(&mut self, key: &str, value: &str) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, vals)) => vals.push(value.to_owned()),
            None => self.entries.push((key.to_owned(), vec![value.to_owned()])),
        }
    }

    fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_slice())
    }

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// Cut `s` at every `delim` outside double quotes, dropping empty pieces;
/// optionally strip quote characters from both ends of each piece.
fn split_unquoted(s: &str, delim: char, keep_quotes: bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in s.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if !quoted && c == delim {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    if !keep_quotes {
        for part in &mut parts {
            *part = part.trim_matches('"').to_owned();
        }
    }
    parts
}

fn query_error(detail: String) -> SearchError {
    SearchError::new("q", detail)
}

/// The query's `key:value` terms; the bare terms, joined by spaces, go through `bare`.
fn split_terms(query: &str, bare_term: fn(&str, &mut Values) -> Result<(), SearchError>) -> Result<Values, SearchError> {
    let tokens = split_unquoted(query, ' ', true);
    let (mut elements, bare): (Vec<String>, Vec<String>) =
        tokens.into_iter().partition(|t| t.contains(':'));
    if !bare.is_empty() {
        elements.push(bare.join(" "));
    }

    let mut values = Values::default();
    for element in &elements {
        if element.starts_with(':') || element.ends_with(':') {
            return Err(query_error(format!(
                "Query element {} cannot start or end with ':'",
                go_quote(element)
            )));
        }
        let parts = split_unquoted(element, ':', false);
        match parts.len() {
            1 => bare_term(element, &mut values)?,
            2 => values.add(&parts[0].to_lowercase(), &parts[1]),
            _ => {
                return Err(query_error(format!(
                    "Query element {} can only contain 1 ':'",
                    go_quote(element)
                )))
            }
        }
    }
    Ok(values)
}

/// A term without a key: a workspace name, or `owner/name`.
fn add_bare_term(term: &str, values: &mut Values) -> Result<(), SearchError> {
    let parts = split_unquoted(term, '/', false);
    match parts.as_slice() {
        [name] => values.add("name", name),
        [owner, name] => {
            values.add("owner", owner);
            values.add("name", name);
        }
        _ => {
            return Err(query_error(format!(
                "Query element {} can only contain 1 '/'",
                go_quote(term)
            )))
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Reading values, collecting every error.

struct ParamParser<'a> {
    values: &'a Values,
    parsed: Vec<&'static str>,
    errors: Vec<SearchError>,
}

impl<'a> ParamParser<'a> {
    fn new(values: &'a Values) -> Self {
        ParamParser {
            values,
            parsed: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// All values of `key`, or `None` when the key is absent or its first
    /// value is empty (Coder's "not given" test).
    fn all(&mut self, key: &'static str) -> Option<&'a [String]> {
        self.parsed.push(key);
        let values: &'a Values = self.values;
        match values.get(key) {
            Some(vals) if !vals[0].is_empty() => Some(vals),
            _ => None,
        }
    }

    /// The single value of `key`; a repeated key is an error.
    fn single(&mut self, key: &'static str) -> Option<String> {
        let vals = self.all(key)?;
        if vals.len() > 1 {
            self.errors.push(SearchError::new(
                key,
                format!(
                    "Query param {} provided more than once, found {} times. Only provide 1 instance of this query param.",
                    go_quote(key),
                    vals.len()
                ),
            ));
            return None;
        }
        Some(vals[0].clone())
    }

    fn custom<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let v = self.single(key)?;
        match parse(&v) {
            Ok(t) => Some(t),
            Err(reason) => {
                self.errors.push(SearchError::invalid_value(key, &reason));
                None
            }
        }
    }

    fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let v = self.single(key)?;
        match go_parse_bool(&v) {
            Some(b) => Some(b),
            None => {
                self.errors.push(SearchError::new(
                    key,
                    format!(
                        "Query param {} must be a valid boolean: strconv.ParseBool: parsing {}: invalid syntax",
                        go_quote(key),
                        go_quote(&v)
                    ),
                ));
                None
            }
        }
    }

    fn time(&mut self, key: &'static str) -> Option<DateTime<Utc>> {
        // The query was lowercased; RFC 3339 wants `T` and `Z` upper case.
        let v = self.single(key)?.to_uppercase();
        match go_parse_rfc3339_nano(&v) {
            Ok(t) => Some(t),
            Err(reason) => {
                self.errors.push(SearchError::new(
                    key,
                    format!(
                        "Query param {} must be a valid date format ({}): {}",
                        go_quote(key),
                        RFC3339_NANO_LAYOUT,
                        reason
                    ),
                ));
                None
            }
        }
    }

    /// Every value of `key`, each cut at commas, each piece parsed; all bad
    /// pieces are reported in one error and then nothing is returned.
    fn list<T>(&mut self, key: &'static str, parse: impl Fn(&str) -> Result<T, String>) -> Vec<T> {
        let Some(vals) = self.all(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut bad = Vec::new();
        for piece in vals.iter().flat_map(|v| v.split(',')) {
            match parse(piece) {
                Ok(t) => out.push(t),
                Err(reason) => bad.push(reason),
            }
        }
        if bad.is_empty() {
            return out;
        }
        self.errors.push(SearchError::new(
            key,
            format!(
                "Query param {} has invalid values: {}",
                go_quote(key),
                bad.join("\n")
            ),
        ));
        Vec::new()
    }

    fn unknown_keys(&mut self) {
        for (key, _) in &self.values.entries {
            if !self.parsed.contains(&key.as_str()) {
                self.errors.push(SearchError::new(
                    key.clone(),
                    format!("Query param {} is not a valid query param", go_quote(key)),
                ));
            }
        }
    }
}

/// A parsed user search query (Coder's `searchquery.Users`, the keys this server's users
/// have): bare terms search usernames and emails.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct UserSearch {
    /// Substring of the username or email (lowercased, as the whole query is).
    pub search: Option<String>,
    pub status: Vec<workspaced_sdk::UserStatus>,
}

/// Parse a user search query (`search`, `status`; a bare term is `search:`). On failure
/// every problem found is returned.
pub fn parse_user_query(q: &str) -> Result<UserSearch, Vec<SearchError>> {
    if q.is_empty() {
        return Ok(UserSearch::default());
    }
    let query = q.to_lowercase();
    let values = split_terms(&query, |term, values| {
        values.add("search", term);
        Ok(())
    })
    .map_err(|e| vec![e])?;
    let mut p = ParamParser::new(&values);
    let out = UserSearch {
        search: p.all("search").map(|v| v[0].clone()),
        status: p.list("status", |v| {
            v.parse::<workspaced_sdk::UserStatus>().map_err(|_| format!("{} is not a valid user status", go_quote(v)))
        }),
    };
    p.unknown_keys();
    if p.errors.is_empty() {
        Ok(out)
    } else {
        Err(p.errors)
    }
}

fn parse_param(v: &str) -> Result<(String, Option<String>), String> {
    let v = v.trim();
    let parts: Vec<&str> = v.split('=').collect();
    match parts.as_slice() {
        [name] => Ok(((*name).to_owned(), None)),
        [_, ""] => Err(format!(
            "query element {} has an empty value. omit the '=' to match just on the parameter name",
            go_quote(v)
        )),
        [name, value] => Ok(((*name).to_owned(), Some((*value).to_owned()))),
        _ => Err(format!(
            "query element {} can only contain 1 '='",
            go_quote(v)
        )),
    }
}

#[cfg(test)]
mod tests;
