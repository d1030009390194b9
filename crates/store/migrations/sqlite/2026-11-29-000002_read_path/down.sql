ALTER TABLE workspace_agents DROP COLUMN connection_timeout_at;
DROP INDEX workspaces_owner_favorite_idx;
DROP INDEX workspaces_list_order_idx;
ALTER TABLE workspaces DROP COLUMN version;
ALTER TABLE workspaces DROP COLUMN name_key;
ALTER TABLE workspaces DROP COLUMN owner_name_key;
ALTER TABLE workspaces DROP COLUMN status_rank;
