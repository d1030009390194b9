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

// ---------------------------------------------------------------------------
// Go-compatible value readers (same acceptance and messages as Coder's).

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::go_time_quote;
    use chrono::TimeZone;

    fn ok(q: &str) -> WorkspaceSearch {
        match parse_workspace_query(q) {
            Ok(s) => s,
            Err(e) => panic!("query {q:?} failed: {e:?}"),
        }
    }

    fn errs(q: &str) -> Vec<SearchError> {
        match parse_workspace_query(q) {
            Ok(s) => panic!("query {q:?} should fail, got {s:?}"),
            Err(e) => e,
        }
    }

    fn one_err(q: &str) -> SearchError {
        let e = errs(q);
        assert_eq!(e.len(), 1, "expected one error for {q:?}: {e:?}");
        e.into_iter().next().unwrap()
    }

    fn err(field: &str, detail: &str) -> SearchError {
        SearchError {
            field: field.to_owned(),
            detail: detail.to_owned(),
        }
    }

    const U1: &str = "6f1b4c2e-3d5a-4b7c-8e9f-0a1b2c3d4e5f";
    const U2: &str = "a3c8f1d2-7e6b-4c5a-9d8e-1f2a3b4c5d6e";

    fn u(s: &str) -> Uuid {
        Uuid::parse_str(s).unwrap()
    }

    #[test]
    fn empty_and_blank_queries_are_no_filter() {
        assert_eq!(ok(""), WorkspaceSearch::default());
        assert_eq!(ok("   "), WorkspaceSearch::default());
    }

    #[test]
    fn bare_term_is_name() {
        let s = ok("workspace-name");
        assert_eq!(s.name.as_deref(), Some("workspace-name"));
        assert_eq!(s.owner, None);
    }

    #[test]
    fn bare_words_are_joined_into_one_name() {
        assert_eq!(ok("my  ws").name.as_deref(), Some("my ws"));
        // Bare words are gathered wherever they stand.
        let s = ok("my template:docker ws");
        assert_eq!(s.name.as_deref(), Some("my ws"));
        assert_eq!(s.template.as_deref(), Some("docker"));
    }

    #[test]
    fn bare_owner_slash_name() {
        let s = ok("     Foo/Bar     ");
        assert_eq!(s.owner.as_deref(), Some("foo"));
        assert_eq!(s.name.as_deref(), Some("bar"));
    }

    #[test]
    fn bare_term_with_two_slashes_is_rejected() {
        assert_eq!(
            one_err("foo/bar/baz"),
            err("q", r#"Query element "foo/bar/baz" can only contain 1 '/'"#)
        );
    }

    #[test]
    fn keys_and_values_are_lowercased() {
        let s = ok("workspace-name TEMPLATE:Docker OWNER:Alice");
        assert_eq!(s.name.as_deref(), Some("workspace-name"));
        assert_eq!(s.template.as_deref(), Some("docker"));
        assert_eq!(s.owner.as_deref(), Some("alice"));
    }

    #[test]
    fn owner_me() {
        let s = ok("owner:me");
        assert_eq!(s.owner.as_deref(), Some("me"));
        assert!(s.owner_is_me());
        let s = ok(&format!("owner:{U1}"));
        assert_eq!(s.owner.as_deref(), Some(U1));
        assert!(!s.owner_is_me());
    }

    #[test]
    fn quoted_values_and_keys() {
        let s = ok(r#"name:workspace-name template:"docker template" owner:alice"#);
        assert_eq!(s.template.as_deref(), Some("docker template"));
        assert_eq!(s.name.as_deref(), Some("workspace-name"));

        let s = ok(r#""name":baz "template":foo "owner":bar"#);
        assert_eq!(s.name.as_deref(), Some("baz"));
        assert_eq!(s.template.as_deref(), Some("foo"));
        assert_eq!(s.owner.as_deref(), Some("bar"));
    }

    #[test]
    fn quotes_protect_colons_and_slashes() {
        assert_eq!(
            ok(r#"name:"workspace:name""#).name.as_deref(),
            Some("workspace:name")
        );
        assert_eq!(
            ok(r#""name":"foo:bar:baz/baz/zoo:zonk""#).name.as_deref(),
            Some("foo:bar:baz/baz/zoo:zonk")
        );
        let s = ok(r#""foo/bar""#);
        assert_eq!(s.name.as_deref(), Some("foo/bar"));
        assert_eq!(s.owner, None);
        let s = ok(r#""foo"/"bar""#);
        assert_eq!(s.owner.as_deref(), Some("foo"));
        assert_eq!(s.name.as_deref(), Some("bar"));
        // A quoted bare word that holds a colon is still a name.
        assert_eq!(ok(r#""a:b""#).name.as_deref(), Some("a:b"));
    }

    #[test]
    fn every_status_is_accepted() {
        for &status in WORKSPACE_STATUSES {
            assert_eq!(ok(&format!("status:{status}")).status, Some(status));
        }
        assert_eq!(ok("STATUS:Running").status, Some(WorkspaceStatus::Running));
    }

    #[test]
    fn bad_status() {
        assert_eq!(
            one_err("status:sleeping"),
            err(
                "status",
                r#"Query param "status" has invalid value: "sleeping" is not a valid value"#
            )
        );
    }

    #[test]
    fn has_agent_single_list_and_repeated() {
        use WorkspaceAgentStatus as A;
        for &st in AGENT_STATUSES {
            assert_eq!(ok(&format!("has-agent:{st}")).has_agent, vec![st]);
        }
        let s = ok("has-agent:connecting,timeout has-agent:connected");
        assert_eq!(s.has_agent, vec![A::Connecting, A::Timeout, A::Connected]);
        assert_eq!(s.agent_statuses(), vec![A::Connecting, A::Timeout, A::Connected]);
    }

    #[test]
    fn bad_has_agent() {
        assert_eq!(
            one_err("has-agent:connected,asleep,gone"),
            err(
                "has-agent",
                "Query param \"has-agent\" has invalid values: \"asleep\" is not a valid value\n\"gone\" is not a valid value"
            )
        );
    }

    #[test]
    fn healthy_maps_to_agent_statuses() {
        let s = ok("healthy:true");
        assert_eq!(s.healthy, Some(true));
        use WorkspaceAgentStatus as A;
        assert_eq!(s.agent_statuses(), vec![A::Connected]);
        let s = ok("healthy:false has-agent:connecting");
        assert_eq!(s.healthy, Some(false));
        assert_eq!(s.agent_statuses(), vec![A::Connecting, A::Disconnected, A::Timeout]);
    }

    #[test]
    fn boolean_keys_accept_parse_bool_spellings() {
        let q = "dormant:true outdated:FALSE has-ai-task:1 has_external_agent:0 healthy:T shared:f";
        let s = ok(q);
        assert_eq!(s.dormant, Some(true));
        assert_eq!(s.outdated, Some(false));
        assert_eq!(s.has_ai_task, Some(true));
        assert_eq!(s.has_external_agent, Some(false));
        assert_eq!(s.healthy, Some(true));
        assert_eq!(s.shared, Some(false));
        assert_eq!(ok("dormant:False").dormant, Some(false));
        assert_eq!(ok("shared:t").shared, Some(true));
    }

    #[test]
    fn bad_bool() {
        assert_eq!(
            one_err("dormant:yes"),
            err(
                "dormant",
                r#"Query param "dormant" must be a valid boolean: strconv.ParseBool: parsing "yes": invalid syntax"#
            )
        );
        assert_eq!(
            one_err("has-ai-task:2").detail,
            r#"Query param "has-ai-task" must be a valid boolean: strconv.ParseBool: parsing "2": invalid syntax"#
        );
    }

    #[test]
    fn empty_quoted_value_means_absent() {
        let s = ok(r#"name:"" dormant:"" template:"""#);
        assert_eq!(s, WorkspaceSearch::default());
        // Coder quirk: a present but empty `outdated` falls back to true.
        assert_eq!(ok(r#"outdated:"""#).outdated, Some(true));
    }

    #[test]
    fn last_used_times() {
        let s = ok(
            r#"last_used_after:"2023-06-09T10:20:30Z" last_used_before:"2024-01-02T03:04:05.5+02:00""#,
        );
        assert_eq!(
            s.last_used_after,
            Some(Utc.with_ymd_and_hms(2023, 6, 9, 10, 20, 30).unwrap())
        );
        let before = Utc.with_ymd_and_hms(2024, 1, 2, 1, 4, 5).unwrap()
            + chrono::Duration::milliseconds(500);
        assert_eq!(s.last_used_before, Some(before));
        // Lowercased `t` and `z` are fine (the value is upper-cased again).
        let s = ok(r#"last_used_after:"2023-06-09t10:20:30.123456789z""#);
        let want = Utc.with_ymd_and_hms(2023, 6, 9, 10, 20, 30).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);
        assert_eq!(s.last_used_after, Some(want));
        // Negative offset moves forward to UTC.
        let s = ok(r#"last_used_before:"2023-12-31T23:30:00-01:00""#);
        assert_eq!(
            s.last_used_before,
            Some(Utc.with_ymd_and_hms(2024, 1, 1, 0, 30, 0).unwrap())
        );
    }

    #[test]
    fn bad_dates() {
        let prefix = r#"Query param "last_used_after" must be a valid date format (2006-01-02T15:04:05.999999999Z07:00): "#;
        let cases = [
            (
                "yesterday",
                r#"parsing time "YESTERDAY" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "YESTERDAY" as "2006""#,
            ),
            (
                "2023-06-09",
                r#"parsing time "2023-06-09" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "" as "T""#,
            ),
            (
                "2023-13-09T00:00:00Z",
                r#"parsing time "2023-13-09T00:00:00Z": month out of range"#,
            ),
            (
                "2023-02-30T00:00:00Z",
                r#"parsing time "2023-02-30T00:00:00Z": day out of range"#,
            ),
            (
                "2023-02-01T24:00:00Z",
                r#"parsing time "2023-02-01T24:00:00Z": hour out of range"#,
            ),
            (
                "2023-02-01T10:00:00",
                r#"parsing time "2023-02-01T10:00:00" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "" as "Z07:00""#,
            ),
            (
                "2023-02-01T10:00:00Zx",
                r#"parsing time "2023-02-01T10:00:00ZX": extra text: "X""#,
            ),
        ];
        for (value, reason) in cases {
            let e = one_err(&format!(r#"last_used_after:"{value}""#));
            assert_eq!(e.field, "last_used_after");
            assert_eq!(e.detail, format!("{prefix}{reason}"), "value {value}");
        }
        // Times hold colons, so unquoted they break the term apart.
        assert_eq!(
            one_err("last_used_after:2023-06-09T10:20:30Z"),
            err(
                "q",
                r#"Query element "last_used_after:2023-06-09t10:20:30z" can only contain 1 ':'"#
            )
        );
        assert_eq!(
            one_err("last_used_before:2023").detail,
            r#"Query param "last_used_before" must be a valid date format (2006-01-02T15:04:05.999999999Z07:00): parsing time "2023" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "" as "-""#
        );
    }

    #[test]
    fn ids_comma_list_and_repeated() {
        let s = ok(&format!("id:{U1},{U2}"));
        assert_eq!(s.ids, vec![u(U1), u(U2)]);
        let s = ok(&format!("id:{U1} id:{U2}"));
        assert_eq!(s.ids, vec![u(U1), u(U2)]);
        // Go's uuid.Parse also takes the braced, urn and bare-hex forms.
        let simple = U1.replace('-', "");
        let s = ok(&format!(r#"id:{{{U1}}},{simple} "id":"urn:uuid:{U2}""#));
        assert_eq!(s.ids, vec![u(U1), u(U1), u(U2)]);
        // Upper case hex works because the query is lowercased.
        assert_eq!(ok(&format!("id:{}", U1.to_uppercase())).ids, vec![u(U1)]);
    }

    #[test]
    fn bad_uuid_in_id_list() {
        let e = one_err(&format!("id:{U1},not-a-uuid,{}", U2.replace('a', "g")));
        assert_eq!(e.field, "id");
        assert_eq!(
            e.detail,
            "Query param \"id\" has invalid values: invalid UUID length: 10\ninvalid UUID format"
        );
    }

    #[test]
    fn organization_name_or_uuid() {
        let s = ok("organization:Acme");
        assert_eq!(s.organization.as_deref(), Some("acme"));
        assert_eq!(s.organization_id(), None);
        let s = ok(&format!("organization:{U2}"));
        assert_eq!(s.organization_id(), Some(u(U2)));
        assert_eq!(
            SearchError::organization_not_found("acme"),
            err(
                "organization",
                r#"Query param "organization" has invalid value: organization "acme" either does not exist, or you are unauthorized to view it"#
            )
        );
    }

    #[test]
    fn shared_with_user_and_group() {
        let s = ok(&format!(
            "shared:true shared_with_user:Bob shared_with_group:{U1}"
        ));
        assert_eq!(s.shared, Some(true));
        assert_eq!(s.shared_with_user.as_deref(), Some("bob"));
        assert_eq!(s.shared_with_user_id(), None);
        assert_eq!(s.shared_with_group_id(), Some(u(U1)));
        let s = ok("shared_with_group:acme/devs shared_with_user:me");
        assert_eq!(s.shared_with_group.as_deref(), Some("acme/devs"));
        assert_eq!(s.shared_with_user.as_deref(), Some("me"));
        assert_eq!(
            one_err("shared_with_group:a/b/c"),
            err(
                "shared_with_group",
                "Query param \"shared_with_group\" has invalid value: invalid organization or group name, the filter must be in the pattern of <organization name>/<group name>"
            )
        );
        assert_eq!(
            SearchError::user_not_found("shared_with_user", "bob").detail,
            r#"Query param "shared_with_user" has invalid value: user "bob" either does not exist, or you are unauthorized to view them"#
        );
        assert_eq!(
            SearchError::group_not_found("shared_with_group", "devs", "acme").detail,
            r#"Query param "shared_with_group" has invalid value: group "devs" either does not exist, does not belong to the organization "acme", or you are unauthorized to view it"#
        );
    }

    #[test]
    fn params_presence_value_list_and_repeat() {
        let s = ok(r#"param:region=eu,gpu param:"size = large ""#);
        assert_eq!(
            s.params,
            vec![
                ("region".to_owned(), Some("eu".to_owned())),
                ("gpu".to_owned(), None),
                ("size ".to_owned(), Some(" large".to_owned())),
            ]
        );
    }

    #[test]
    fn bad_params() {
        assert_eq!(
            one_err("param:region=,a=b=c"),
            err(
                "param",
                "Query param \"param\" has invalid values: query element \"region=\" has an empty value. omit the '=' to match just on the parameter name\nquery element \"a=b=c\" can only contain 1 '='"
            )
        );
    }

    #[test]
    fn unknown_key() {
        assert_eq!(
            one_err("foo:bar"),
            err("foo", r#"Query param "foo" is not a valid query param"#)
        );
        // Keys Coder's workspace filter does not know are unknown here too.
        for key in [
            "template_version",
            "deleting_by",
            "archived",
            "template_id",
            "has_agent",
        ] {
            let e = one_err(&format!("{key}:x"));
            assert_eq!(e.field, key);
            assert_eq!(
                e.detail,
                format!("Query param \"{key}\" is not a valid query param")
            );
        }
    }

    #[test]
    fn all_value_errors_are_collected_in_order() {
        let e = errs("zzz:1 status:nope dormant:maybe id:123 aaa:2 last_used_after:now");
        assert_eq!(
            e.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["id", "status", "dormant", "last_used_after", "zzz", "aaa"]
        );
        assert_eq!(
            e[0].detail,
            r#"Query param "id" has invalid values: invalid UUID length: 3"#
        );
        assert_eq!(
            e[4].detail,
            r#"Query param "zzz" is not a valid query param"#
        );
    }

    #[test]
    fn empty_value_is_a_query_error() {
        assert_eq!(
            one_err("name:"),
            err("q", r#"Query element "name:" cannot start or end with ':'"#)
        );
        assert_eq!(
            one_err(":foo"),
            err("q", r#"Query element ":foo" cannot start or end with ':'"#)
        );
    }

    #[test]
    fn extra_colon_is_a_query_error() {
        assert_eq!(
            one_err("owner:name:extra status:bogus"),
            err(
                "q",
                r#"Query element "owner:name:extra" can only contain 1 ':'"#
            )
        );
        // Quotes in the element are shown escaped, as Go's %q does.
        assert_eq!(
            one_err(r#"name:"a"b:c"#).detail,
            r#"Query element "name:\"a\"b:c" can only contain 1 ':'"#
        );
    }

    #[test]
    fn repeated_single_keys_are_errors() {
        assert_eq!(
            one_err("name:foo name:bar"),
            err(
                "name",
                r#"Query param "name" provided more than once, found 2 times. Only provide 1 instance of this query param."#
            )
        );
        // A bare word also sets name (and owner).
        assert_eq!(one_err("foo name:bar").field, "name");
        assert_eq!(one_err("alice/foo owner:bob").field, "owner");
        let e = one_err("dormant:true dormant:false Dormant:true");
        assert_eq!(
            e.detail,
            r#"Query param "dormant" provided more than once, found 3 times. Only provide 1 instance of this query param."#
        );
    }

    #[test]
    fn coder_uuid_parser() {
        assert_eq!(parse_coder_uuid(U1), Ok(u(U1)));
        assert_eq!(
            parse_coder_uuid(""),
            Err("invalid UUID length: 0".to_owned())
        );
        assert_eq!(
            parse_coder_uuid(&U1.replace('-', "_")),
            Err("invalid UUID format".to_owned())
        );
        assert_eq!(
            parse_coder_uuid(&format!("urn:uuix:{U1}")),
            Err(r#"invalid urn prefix: "urn:uuix:""#.to_owned())
        );
    }

    #[test]
    fn go_quoting() {
        assert_eq!(go_quote("a\"b\\c\td\u{1}é"), r#""a\"b\\c\td\x01é""#);
        assert_eq!(go_time_quote("é\"".as_bytes()), r#""\xc3\xa9\"""#);
    }
}
