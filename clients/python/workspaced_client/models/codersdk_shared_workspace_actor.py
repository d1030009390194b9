from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_shared_workspace_actor_type import CodersdkSharedWorkspaceActorType
from ..models.codersdk_workspace_role import CodersdkWorkspaceRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkSharedWorkspaceActor")


@_attrs_define
class CodersdkSharedWorkspaceActor:
    """One user or group a workspace is shared with, as listed on the workspace.

    Attributes:
        actor_type (CodersdkSharedWorkspaceActorType): Whether a sharing entry names a user or a group.
        id (UUID):
        name (str):
        roles (list[CodersdkWorkspaceRole]):
        avatar_url (str | Unset):
    """

    actor_type: CodersdkSharedWorkspaceActorType
    id: UUID
    name: str
    roles: list[CodersdkWorkspaceRole]
    avatar_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_type = self.actor_type.value

        id = str(self.id)

        name = self.name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        avatar_url = self.avatar_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_type": actor_type,
                "id": id,
                "name": name,
                "roles": roles,
            }
        )
        if avatar_url is not UNSET:
            field_dict["avatar_url"] = avatar_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_type = CodersdkSharedWorkspaceActorType(d.pop("actor_type"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = CodersdkWorkspaceRole(roles_item_data)

            roles.append(roles_item)

        avatar_url = d.pop("avatar_url", UNSET)

        codersdk_shared_workspace_actor = cls(
            actor_type=actor_type,
            id=id,
            name=name,
            roles=roles,
            avatar_url=avatar_url,
        )

        codersdk_shared_workspace_actor.additional_properties = d
        return codersdk_shared_workspace_actor

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
