from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_role import CodersdkWorkspaceRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkWorkspaceUser")


@_attrs_define
class CodersdkWorkspaceUser:
    """A user holding a role on a workspace.

    Attributes:
        id (UUID):
        role (CodersdkWorkspaceRole): Role granted on one workspace to a user or group.
        username (str):
        avatar_url (str | Unset):
        name (str | Unset):
    """

    id: UUID
    role: CodersdkWorkspaceRole
    username: str
    avatar_url: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        role = self.role.value

        username = self.username

        avatar_url = self.avatar_url

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "role": role,
                "username": username,
            }
        )
        if avatar_url is not UNSET:
            field_dict["avatar_url"] = avatar_url
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        role = CodersdkWorkspaceRole(d.pop("role"))

        username = d.pop("username")

        avatar_url = d.pop("avatar_url", UNSET)

        name = d.pop("name", UNSET)

        codersdk_workspace_user = cls(
            id=id,
            role=role,
            username=username,
            avatar_url=avatar_url,
            name=name,
        )

        codersdk_workspace_user.additional_properties = d
        return codersdk_workspace_user

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
