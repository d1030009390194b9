from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkMinimalUser")


@_attrs_define
class CodersdkMinimalUser:
    """The least needed to name and show a user.

    Attributes:
        id (UUID):
        username (str):
        avatar_url (str | Unset): Picture of the user; empty when none.
        name (str | Unset): Display name; empty when not set.
    """

    id: UUID
    username: str
    avatar_url: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        username = self.username

        avatar_url = self.avatar_url

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
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

        username = d.pop("username")

        avatar_url = d.pop("avatar_url", UNSET)

        name = d.pop("name", UNSET)

        codersdk_minimal_user = cls(
            id=id,
            username=username,
            avatar_url=avatar_url,
            name=name,
        )

        codersdk_minimal_user.additional_properties = d
        return codersdk_minimal_user

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
