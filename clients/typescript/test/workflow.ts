// A small workflow with the packaged client (@workspaced/client, as its users import it):
// create a workspace, find it in the list, rename it, share a port, read it back, delete it.
// Usage: npm run build && npm test -- BASE_URL TOKEN   (see .ci/contract)
import { createClient, type Workspace } from "@workspaced/client";

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  throw new Error("usage: workflow.js BASE_URL TOKEN");
}
const client = createClient({ baseUrl, token });

function check(cond: unknown, what: string): asserts cond {
  if (!cond) {
    throw new Error(`TypeScript client: ${what}`);
  }
}

async function waitFor(id: string, status: string): Promise<Workspace> {
  for (let i = 0; i < 600; i++) {
    const { data } = await client.GET("/api/v2/workspaces/{workspace}", {
      params: { path: { workspace: id }, query: { include_deleted: true } },
    });
    if (data?.latest_build.status === status) {
      return data;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workspace ${id} never reached ${status}`);
}

async function main(): Promise<void> {
  const templates = await client.GET("/api/v2/templates");
  check(templates.data && templates.data.length > 0, "no templates");
  const template = templates.data.find((t) => t.name === "starter") ?? templates.data[0];

  const name = `ts-${Date.now().toString(36)}`;
  const created = await client.POST("/api/v2/users/{user}/workspaces", {
    params: { path: { user: "me" } },
    body: { name, template_id: template.id },
  });
  check(created.response.status === 201 && created.data, `create answered ${created.response.status}`);
  const id = created.data.id;

  const list = await client.GET("/api/v2/workspaces", { params: { query: { q: `name:${name}`, limit: 5 } } });
  check(list.data?.workspaces.some((w) => w.id === id), "the new workspace is not in the list");

  const renamed = `${name}-r`;
  const patch = await client.PATCH("/api/v2/workspaces/{workspace}", {
    params: { path: { workspace: id } },
    body: { name: renamed },
  });
  check(patch.response.status === 204, `rename answered ${patch.response.status}`);
  const byName = await client.GET("/api/v2/users/{user}/workspace/{workspacename}", {
    params: { path: { user: "me", workspacename: renamed } },
  });
  check(byName.data?.id === id, "the renamed workspace is not found by its new name");

  const ws = await waitFor(id, "running");
  const agent = ws.latest_build.resources.flatMap((r) => r.agents ?? [])[0];
  check(agent, "the running workspace has no agent");
  const share = await client.POST("/api/v2/workspaces/{workspace}/port-share", {
    params: { path: { workspace: id } },
    body: { agent_name: agent.name, port: 8080, share_level: "authenticated", protocol: "http" },
  });
  check(share.data?.port === 8080, `share answered ${share.response.status}`);
  const shares = await client.GET("/api/v2/workspaces/{workspace}/port-share", { params: { path: { workspace: id } } });
  check(shares.data?.shares?.some((s) => s.port === 8080 && s.share_level === "authenticated"), "the share is not listed");

  const bad = await client.PATCH("/api/v2/workspaces/{workspace}", {
    params: { path: { workspace: id } },
    body: { name: "not a name" },
  });
  check(bad.response.status === 400 && bad.error?.message, "an invalid name is not a 400 with a message");

  const del = await client.POST("/api/v2/workspaces/{workspace}/builds", {
    params: { path: { workspace: id } },
    body: { transition: "delete" },
  });
  check(del.response.status === 201, `delete answered ${del.response.status}`);
  await waitFor(id, "deleted");
  console.log(`TypeScript client: created, listed, renamed, shared port 8080 and deleted ${renamed}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
