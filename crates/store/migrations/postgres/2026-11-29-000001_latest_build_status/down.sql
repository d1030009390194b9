ALTER TABLE workspaces DROP COLUMN latest_build_status;
