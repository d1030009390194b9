-- The lifecycle executor's scans: workspaces whose autostart is due, and dormant ones whose
-- deletion is due (partial indexes: only live workspaces with the time set).
CREATE INDEX workspaces_next_start_idx ON workspaces (next_start_at) WHERE NOT deleted AND next_start_at IS NOT NULL;
CREATE INDEX workspaces_deleting_idx ON workspaces (deleting_at) WHERE NOT deleted AND deleting_at IS NOT NULL;
