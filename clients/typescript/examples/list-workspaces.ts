// Lists the caller's workspaces with their status, then prints the error envelope of a
// call that fails. Every path, parameter and field is typed from the OpenAPI document: a
// typo in "/api/v2/workspaces", in `q` or in `latest_build.status` does not compile.
// Usage: WORKSPACED_URL=http://127.0.0.1:3000 WORKSPACED_TOKEN=… node build/examples/list-workspaces.js
import { createClient, type ErrorResponse, type Workspace } from "@workspaced/client";

const client = createClient({
  baseUrl: process.env.WORKSPACED_URL ?? "http://127.0.0.1:3000",
  token: process.env.WORKSPACED_TOKEN,
});

const { data, error, response } = await client.GET("/api/v2/workspaces", {
  params: { query: { q: "owner:me", limit: 25 } },
});
if (error) {
  throw new Error(`listing answered ${response.status}: ${error.message}`);
}
const line = (w: Workspace) => `${w.owner_name}/${w.name}\t${w.latest_build.status}\t${w.template_name}`;
console.log(`${data.count} workspaces`);
data.workspaces.forEach((w) => console.log(line(w)));

// A failed call: `error` is the codersdk.Response envelope, typed.
const missing = await client.GET("/api/v2/users/{user}/workspace/{workspacename}", {
  params: { path: { user: "me", workspacename: "no-such-workspace" } },
});
const envelope: ErrorResponse | undefined = missing.error;
console.log(`no-such-workspace: ${missing.response.status} ${envelope?.message ?? ""}`);
