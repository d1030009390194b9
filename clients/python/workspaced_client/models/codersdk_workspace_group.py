from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_group_source import CodersdkGroupSource
from ..models.codersdk_workspace_role import CodersdkWorkspaceRole

if TYPE_CHECKING:
    from ..models.codersdk_reduced_user import CodersdkReducedUser


T = TypeVar("T", bound="CodersdkWorkspaceGroup")


@_attrs_define
class CodersdkWorkspaceGroup:
    """A group holding a role on a workspace.

    Attributes:
        avatar_url (str): Picture of the group; Coder writes it even when empty (`""`), so it is a string
            rather than a URI here.
        display_name (str):
        id (UUID):
        members (list[CodersdkReducedUser]):
        name (str):
        organization_display_name (str):
        organization_id (UUID):
        organization_name (str):
        quota_allowance (int):
        role (CodersdkWorkspaceRole): Role granted on one workspace to a user or group.
        source (CodersdkGroupSource): Where a group's membership comes from.
        total_member_count (int): Size of the group, even when `members` is trimmed for the caller.
    """

    avatar_url: str
    display_name: str
    id: UUID
    members: list[CodersdkReducedUser]
    name: str
    organization_display_name: str
    organization_id: UUID
    organization_name: str
    quota_allowance: int
    role: CodersdkWorkspaceRole
    source: CodersdkGroupSource
    total_member_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avatar_url = self.avatar_url

        display_name = self.display_name

        id = str(self.id)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        name = self.name

        organization_display_name = self.organization_display_name

        organization_id = str(self.organization_id)

        organization_name = self.organization_name

        quota_allowance = self.quota_allowance

        role = self.role.value

        source = self.source.value

        total_member_count = self.total_member_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avatar_url": avatar_url,
                "display_name": display_name,
                "id": id,
                "members": members,
                "name": name,
                "organization_display_name": organization_display_name,
                "organization_id": organization_id,
                "organization_name": organization_name,
                "quota_allowance": quota_allowance,
                "role": role,
                "source": source,
                "total_member_count": total_member_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_reduced_user import CodersdkReducedUser  # noqa: PLC0415

        d = dict(src_dict)
        avatar_url = d.pop("avatar_url")

        display_name = d.pop("display_name")

        id = UUID(d.pop("id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = CodersdkReducedUser.from_dict(members_item_data)

            members.append(members_item)

        name = d.pop("name")

        organization_display_name = d.pop("organization_display_name")

        organization_id = UUID(d.pop("organization_id"))

        organization_name = d.pop("organization_name")

        quota_allowance = d.pop("quota_allowance")

        role = CodersdkWorkspaceRole(d.pop("role"))

        source = CodersdkGroupSource(d.pop("source"))

        total_member_count = d.pop("total_member_count")

        codersdk_workspace_group = cls(
            avatar_url=avatar_url,
            display_name=display_name,
            id=id,
            members=members,
            name=name,
            organization_display_name=organization_display_name,
            organization_id=organization_id,
            organization_name=organization_name,
            quota_allowance=quota_allowance,
            role=role,
            source=source,
            total_member_count=total_member_count,
        )

        codersdk_workspace_group.additional_properties = d
        return codersdk_workspace_group

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
