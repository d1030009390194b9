-- The read path of `GET /workspaces` and `GET /workspaces/{id}`:
-- * the list order (Coder's: running first, then owner username and workspace name, both
--   ignoring case) comes from an index, from columns the store keeps on the workspace row
--   in the same transaction as what they derive from;
-- * `version` grows with every change to what a workspace response shows, so a server may
--   keep a decoded workspace and check with one cheap statement that it is still current.
ALTER TABLE workspaces ADD COLUMN status_rank INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workspaces ADD COLUMN owner_name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
UPDATE workspaces SET
    status_rank = CASE WHEN latest_build_status = 'running' THEN 0 ELSE 1 END,
    owner_name_key = COALESCE((SELECT LOWER(u.username) FROM users u WHERE u.id = workspaces.owner_id), ''),
    name_key = LOWER(name);
-- Live workspaces only, matching the list's `NOT deleted` (a literal, see store::workspaces::list).
CREATE INDEX workspaces_list_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE NOT deleted;
CREATE INDEX workspaces_owner_favorite_idx ON workspaces (owner_id, favorite);
-- An agent's connection deadline, so that its `timeout` status is one comparison in Rust and
-- in SQL alike (see store::agents).
ALTER TABLE workspace_agents ADD COLUMN connection_timeout_at TIMESTAMP;
UPDATE workspace_agents SET connection_timeout_at =
    strftime('%Y-%m-%d %H:%M:%f', created_at, '+' || connection_timeout_seconds || ' seconds')
    WHERE connection_timeout_seconds > 0;
