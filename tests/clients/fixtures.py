"""Makes the data the contract tools work on, through the API only, and prints it as shell
`export` lines: the organization and template ids, and three running workspaces of the
caller (one for the tools to change, one that keeps its name for look-ups by name, one
for builds, which may delete it).

Usage: python3 fixtures.py BASE_URL TOKEN PREFIX
"""
import json
import sys
import time
import urllib.request

base, token, prefix = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Coder-Session-Token", token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read() or b"null")


templates = call("GET", "/api/v2/templates")
template = next((t for t in templates if t["name"] == "starter"), templates[0])
ids = {}
for role in ("target", "named", "builds"):
    ws = call("POST", "/api/v2/users/me/workspaces", {"name": f"{prefix}-{role}", "template_id": template["id"]})
    ids[role] = ws
for ws in ids.values():
    for _ in range(600):
        if call("GET", f"/api/v2/workspaces/{ws['id']}")["latest_build"]["status"] == "running":
            break
        time.sleep(0.1)
    else:
        sys.exit(f"workspace {ws['name']} never reached running")
print(f"export WSD_TEMPLATE_ID={template['id']}")
print(f"export WSD_ORGANIZATION_ID={template['organization_id']}")
print(f"export WSD_WORKSPACE_ID={ids['target']['id']}")
print(f"export WSD_WORKSPACE_NAME={ids['named']['name']}")
print(f"export WSD_BUILD_WORKSPACE_ID={ids['builds']['id']}")
