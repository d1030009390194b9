"""A small workflow with the packaged client (workspaced_client, installed with
`pip install ./clients/python`): create a workspace, find it in the list, rename it, share a
port, read it back, delete it. Every answer is parsed into the generated models, so a body
the document does not describe fails here.

Usage: python tests/workflow.py BASE_URL TOKEN   (see .ci/contract)
"""
import sys
import time

from workspaced_client import AuthenticatedClient
from workspaced_client.api.builds import create_workspace_build
from workspaced_client.api.port_sharing import get_workspace_agent_port_shares, upsert_workspace_agent_port_share
from workspaced_client.api.templates import get_all_templates
from workspaced_client.api.workspaces import (
    create_user_workspace,
    get_workspace_metadata_by_id,
    get_workspace_metadata_by_user_and_workspace_name,
    list_workspaces,
    update_workspace_metadata_by_id,
)
from workspaced_client.models import (
    CodersdkCreateWorkspaceBuildRequest,
    CodersdkCreateWorkspaceRequest,
    CodersdkResponse,
    CodersdkUpdateWorkspaceRequest,
    CodersdkUpsertWorkspaceAgentPortShareRequest,
    CodersdkWorkspace,
    CodersdkWorkspaceAgentPortShareLevel,
    CodersdkWorkspaceAgentPortShareProtocol,
    CodersdkWorkspaceTransition,
)

base_url, token = sys.argv[1], sys.argv[2]
client = AuthenticatedClient(base_url=base_url, token=token, prefix="", auth_header_name="Coder-Session-Token",
                             raise_on_unexpected_status=True)


def check(cond, what):
    if not cond:
        sys.exit(f"Python client: {what}")


def wait_for(workspace_id, status):
    for _ in range(600):
        ws = get_workspace_metadata_by_id.sync(workspace_id, client=client, include_deleted=True)
        if isinstance(ws, CodersdkWorkspace) and ws.latest_build.status.value == status:
            return ws
        time.sleep(0.1)
    sys.exit(f"Python client: workspace {workspace_id} never reached {status}")


templates = get_all_templates.sync(client=client)
check(isinstance(templates, list) and templates, "no templates")
template = next((t for t in templates if t.name == "starter"), templates[0])

name = f"py-{int(time.time() * 1000) % 10**9:x}"
created = create_user_workspace.sync_detailed("me", client=client,
                                              body=CodersdkCreateWorkspaceRequest(name=name, template_id=template.id))
check(created.status_code == 201 and isinstance(created.parsed, CodersdkWorkspace), f"create answered {created.status_code}")
ws_id = created.parsed.id

page = list_workspaces.sync(client=client, q=f"name:{name}", limit=5)
check(any(w.id == ws_id for w in page.workspaces), "the new workspace is not in the list")

renamed = f"{name}-r"
res = update_workspace_metadata_by_id.sync_detailed(ws_id, client=client, body=CodersdkUpdateWorkspaceRequest(name=renamed))
check(res.status_code == 204, f"rename answered {res.status_code}")
by_name = get_workspace_metadata_by_user_and_workspace_name.sync("me", renamed, client=client)
check(isinstance(by_name, CodersdkWorkspace) and by_name.id == ws_id, "the renamed workspace is not found by its new name")

ws = wait_for(ws_id, "running")
agents = [a for r in ws.latest_build.resources for a in (r.agents or [])]
check(agents, "the running workspace has no agent")
share = upsert_workspace_agent_port_share.sync(ws_id, client=client, body=CodersdkUpsertWorkspaceAgentPortShareRequest(
    agent_name=agents[0].name, port=8080,
    share_level=CodersdkWorkspaceAgentPortShareLevel.AUTHENTICATED,
    protocol=CodersdkWorkspaceAgentPortShareProtocol.HTTP))
check(share is not None and share.port == 8080, f"the share answered is {share}")
shares = get_workspace_agent_port_shares.sync(ws_id, client=client)
check(any(s.port == 8080 for s in shares.shares), "the share is not listed")

bad = update_workspace_metadata_by_id.sync_detailed(ws_id, client=client, body=CodersdkUpdateWorkspaceRequest(name="not a name"))
check(bad.status_code == 400 and isinstance(bad.parsed, CodersdkResponse) and bad.parsed.message,
      "an invalid name is not a 400 with a message")

build = create_workspace_build.sync_detailed(ws_id, client=client, body=CodersdkCreateWorkspaceBuildRequest(
    transition=CodersdkWorkspaceTransition.DELETE))
check(build.status_code == 201, f"delete answered {build.status_code}")
wait_for(ws_id, "deleted")
print(f"Python client: created, listed, renamed, shared port 8080 and deleted {renamed}")
