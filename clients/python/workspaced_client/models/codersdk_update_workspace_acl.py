from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_update_workspace_acl_group_roles_type_0 import CodersdkUpdateWorkspaceACLGroupRolesType0
    from ..models.codersdk_update_workspace_acl_user_roles_type_0 import CodersdkUpdateWorkspaceACLUserRolesType0


T = TypeVar("T", bound="CodersdkUpdateWorkspaceACL")


@_attrs_define
class CodersdkUpdateWorkspaceACL:
    """Changes to a workspace's sharing: ids mapped to a role, `""` to drop the entry.

    Attributes:
        group_roles (CodersdkUpdateWorkspaceACLGroupRolesType0 | None | Unset): Group id → role.
        user_roles (CodersdkUpdateWorkspaceACLUserRolesType0 | None | Unset): User id → role.
    """

    group_roles: CodersdkUpdateWorkspaceACLGroupRolesType0 | None | Unset = UNSET
    user_roles: CodersdkUpdateWorkspaceACLUserRolesType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.codersdk_update_workspace_acl_group_roles_type_0 import CodersdkUpdateWorkspaceACLGroupRolesType0  # noqa: PLC0415
        from ..models.codersdk_update_workspace_acl_user_roles_type_0 import CodersdkUpdateWorkspaceACLUserRolesType0  # noqa: PLC0415

        group_roles: dict[str, Any] | None | Unset
        if isinstance(self.group_roles, Unset):
            group_roles = UNSET
        elif isinstance(self.group_roles, CodersdkUpdateWorkspaceACLGroupRolesType0):
            group_roles = self.group_roles.to_dict()
        else:
            group_roles = self.group_roles

        user_roles: dict[str, Any] | None | Unset
        if isinstance(self.user_roles, Unset):
            user_roles = UNSET
        elif isinstance(self.user_roles, CodersdkUpdateWorkspaceACLUserRolesType0):
            user_roles = self.user_roles.to_dict()
        else:
            user_roles = self.user_roles

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if group_roles is not UNSET:
            field_dict["group_roles"] = group_roles
        if user_roles is not UNSET:
            field_dict["user_roles"] = user_roles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_update_workspace_acl_group_roles_type_0 import CodersdkUpdateWorkspaceACLGroupRolesType0  # noqa: PLC0415
        from ..models.codersdk_update_workspace_acl_user_roles_type_0 import CodersdkUpdateWorkspaceACLUserRolesType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_group_roles(data: object) -> CodersdkUpdateWorkspaceACLGroupRolesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                group_roles_type_0 = CodersdkUpdateWorkspaceACLGroupRolesType0.from_dict(data)

                return group_roles_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkUpdateWorkspaceACLGroupRolesType0 | None | Unset, data)

        group_roles = _parse_group_roles(d.pop("group_roles", UNSET))

        def _parse_user_roles(data: object) -> CodersdkUpdateWorkspaceACLUserRolesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_roles_type_0 = CodersdkUpdateWorkspaceACLUserRolesType0.from_dict(data)

                return user_roles_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkUpdateWorkspaceACLUserRolesType0 | None | Unset, data)

        user_roles = _parse_user_roles(d.pop("user_roles", UNSET))

        codersdk_update_workspace_acl = cls(
            group_roles=group_roles,
            user_roles=user_roles,
        )

        codersdk_update_workspace_acl.additional_properties = d
        return codersdk_update_workspace_acl

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
