DROP INDEX workspaces_deleting_idx;
DROP INDEX workspaces_next_start_idx;
