"""Hooks of the schemathesis run (schemathesis.toml names this module). Each filter drops
generated cases for one written reason; none changes what is checked about an answer.
"""
import schemathesis


def _has_empty_value(query):
    return any(v == "" or (isinstance(v, list) and "" in v) for v in (query or {}).values())


@schemathesis.hook
def filter_query(ctx, query):
    # Coder's query-parameter parser (httpapi.QueryParamParser) reads an empty value
    # (`limit=`) as "not given", and so does workspaced; schemathesis counts an empty
    # string as a schema violation of an integer parameter. Such cases are dropped.
    return not _has_empty_value(query)


def _integral_float(value):
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_integral_float(v) for v in value)
    return False


@schemathesis.hook
def filter_body(ctx, body):
    # JSON Schema counts 80.0 as an integer; Go's decoder (Coder) and serde (workspaced)
    # refuse a number written with a fraction or exponent for an integer member (400).
    # Bodies holding such numbers are dropped; integers written as integers are tested.
    return not _integral_float(body)


@schemathesis.hook("filter_body").apply_to(method="POST", path_regex=r"/usage$")
def usage_without_zero_app_name(ctx, body):
    # Coder's Go SDK always writes app_name; unset, it is Go's zero value "", which the
    # server reads as "not given" (as it reads the nil UUID for agent_id). The document
    # lists only the app names; a body with app_name "" is dropped rather than counted as
    # a schema violation that was accepted.
    return not (isinstance(body, dict) and body.get("app_name") == "")
