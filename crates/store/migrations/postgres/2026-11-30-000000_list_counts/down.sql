DROP TRIGGER group_members_visibility ON group_members;
DROP TRIGGER workspace_group_acl_visibility ON workspace_group_acl;
DROP TRIGGER workspace_user_acl_visibility ON workspace_user_acl;
DROP TRIGGER workspaces_visibility ON workspaces;
DROP FUNCTION bump_visibility_generation();
DROP TABLE visibility_generation;
DROP INDEX workspaces_owner_favorites_idx;
CREATE INDEX workspaces_owner_favorite_idx ON workspaces (owner_id, favorite);
