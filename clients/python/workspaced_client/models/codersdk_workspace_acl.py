from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.codersdk_workspace_group import CodersdkWorkspaceGroup
    from ..models.codersdk_workspace_user import CodersdkWorkspaceUser


T = TypeVar("T", bound="CodersdkWorkspaceACL")


@_attrs_define
class CodersdkWorkspaceACL:
    """Users and groups a workspace is shared with (note: the groups key is `group`).

    Attributes:
        group (list[CodersdkWorkspaceGroup]):
        users (list[CodersdkWorkspaceUser]):
    """

    group: list[CodersdkWorkspaceGroup]
    users: list[CodersdkWorkspaceUser]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = []
        for group_item_data in self.group:
            group_item = group_item_data.to_dict()
            group.append(group_item)

        users = []
        for users_item_data in self.users:
            users_item = users_item_data.to_dict()
            users.append(users_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "users": users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace_group import CodersdkWorkspaceGroup  # noqa: PLC0415
        from ..models.codersdk_workspace_user import CodersdkWorkspaceUser  # noqa: PLC0415

        d = dict(src_dict)
        group = []
        _group = d.pop("group")
        for group_item_data in _group:
            group_item = CodersdkWorkspaceGroup.from_dict(group_item_data)

            group.append(group_item)

        users = []
        _users = d.pop("users")
        for users_item_data in _users:
            users_item = CodersdkWorkspaceUser.from_dict(users_item_data)

            users.append(users_item)

        codersdk_workspace_acl = cls(
            group=group,
            users=users,
        )

        codersdk_workspace_acl.additional_properties = d
        return codersdk_workspace_acl

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
