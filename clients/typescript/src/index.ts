// The workspaced client: openapi-fetch over the types openapi-typescript generates from the
// server's OpenAPI document (./schema.ts, written by `cargo xtask clients`; do not edit it).
import createFetchClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** Every schema of the document, by its name (e.g. `Schemas["codersdk.Workspace"]`). */
export type Schemas = components["schemas"];
export type Workspace = Schemas["codersdk.Workspace"];
export type WorkspacesResponse = Schemas["codersdk.WorkspacesResponse"];
export type WorkspaceBuild = Schemas["codersdk.WorkspaceBuild"];
export type CreateWorkspaceRequest = Schemas["codersdk.CreateWorkspaceRequest"];
export type WorkspaceAgentPortShare = Schemas["codersdk.WorkspaceAgentPortShare"];
/** The error envelope every failed call answers with (`message`, `detail`, `validations`). */
export type ErrorResponse = Schemas["codersdk.Response"];

/** A typed client: `client.GET("/api/v2/workspaces", …)`, `client.POST(…)` and so on. */
export type WorkspacedClient = Client<paths>;

export interface Options extends Omit<ClientOptions, "baseUrl" | "headers"> {
  /** The server's root, e.g. `http://127.0.0.1:3000` (paths start with `/api/v2`). */
  baseUrl: string;
  /** A session token (`workspaced tokens create`), sent as `Coder-Session-Token`. */
  token?: string;
  /** More headers for every request. */
  headers?: Record<string, string>;
}

/** Makes a client for the server at `baseUrl`, authenticated by `token` when given. */
export function createClient({ baseUrl, token, headers, ...rest }: Options): WorkspacedClient {
  return createFetchClient<paths>({
    ...rest,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: token === undefined ? { ...headers } : { ...headers, "Coder-Session-Token": token },
  });
}
