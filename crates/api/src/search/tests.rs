//! Tests of the `q` grammar ([`super`]): Coder's texts for every filter and error.

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
