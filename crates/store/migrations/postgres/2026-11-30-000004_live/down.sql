DROP TRIGGER workspace_changed ON workspaces;
DROP FUNCTION notify_workspace_changed();
DROP INDEX workspaces_deleting_idx;
DROP INDEX workspaces_next_start_idx;
