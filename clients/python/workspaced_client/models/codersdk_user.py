from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_login_type import CodersdkLoginType
from ..models.codersdk_user_status import CodersdkUserStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_slim_role import CodersdkSlimRole


T = TypeVar("T", bound="CodersdkUser")


@_attrs_define
class CodersdkUser:
    """A user with its site roles and organization memberships.

    Attributes:
        created_at (datetime.datetime):
        email (str):
        id (UUID):
        last_seen_at (datetime.datetime):
        login_type (CodersdkLoginType): How a user signs in.
        organization_ids (list[UUID]):
        roles (list[CodersdkSlimRole]):
        status (CodersdkUserStatus): Whether a user account may be used.
        updated_at (datetime.datetime):
        username (str):
        avatar_url (str | Unset):
        name (str | Unset):
        theme_preference (str | Unset):
    """

    created_at: datetime.datetime
    email: str
    id: UUID
    last_seen_at: datetime.datetime
    login_type: CodersdkLoginType
    organization_ids: list[UUID]
    roles: list[CodersdkSlimRole]
    status: CodersdkUserStatus
    updated_at: datetime.datetime
    username: str
    avatar_url: str | Unset = UNSET
    name: str | Unset = UNSET
    theme_preference: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        id = str(self.id)

        last_seen_at = self.last_seen_at.isoformat()

        login_type = self.login_type.value

        organization_ids = []
        for organization_ids_item_data in self.organization_ids:
            organization_ids_item = str(organization_ids_item_data)
            organization_ids.append(organization_ids_item)

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        username = self.username

        avatar_url = self.avatar_url

        name = self.name

        theme_preference = self.theme_preference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "id": id,
                "last_seen_at": last_seen_at,
                "login_type": login_type,
                "organization_ids": organization_ids,
                "roles": roles,
                "status": status,
                "updated_at": updated_at,
                "username": username,
            }
        )
        if avatar_url is not UNSET:
            field_dict["avatar_url"] = avatar_url
        if name is not UNSET:
            field_dict["name"] = name
        if theme_preference is not UNSET:
            field_dict["theme_preference"] = theme_preference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_slim_role import CodersdkSlimRole  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        id = UUID(d.pop("id"))

        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))

        login_type = CodersdkLoginType(d.pop("login_type"))

        organization_ids = []
        _organization_ids = d.pop("organization_ids")
        for organization_ids_item_data in _organization_ids:
            organization_ids_item = UUID(organization_ids_item_data)

            organization_ids.append(organization_ids_item)

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = CodersdkSlimRole.from_dict(roles_item_data)

            roles.append(roles_item)

        status = CodersdkUserStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        username = d.pop("username")

        avatar_url = d.pop("avatar_url", UNSET)

        name = d.pop("name", UNSET)

        theme_preference = d.pop("theme_preference", UNSET)

        codersdk_user = cls(
            created_at=created_at,
            email=email,
            id=id,
            last_seen_at=last_seen_at,
            login_type=login_type,
            organization_ids=organization_ids,
            roles=roles,
            status=status,
            updated_at=updated_at,
            username=username,
            avatar_url=avatar_url,
            name=name,
            theme_preference=theme_preference,
        )

        codersdk_user.additional_properties = d
        return codersdk_user

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
