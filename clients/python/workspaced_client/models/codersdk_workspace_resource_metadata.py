from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkWorkspaceResourceMetadata")


@_attrs_define
class CodersdkWorkspaceResourceMetadata:
    """A key/value annotation on a resource.

    Attributes:
        key (str):
        sensitive (bool): Whether clients should hide the value.
        value (str):
    """

    key: str
    sensitive: bool
    value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        sensitive = self.sensitive

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "sensitive": sensitive,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        sensitive = d.pop("sensitive")

        value = d.pop("value")

        codersdk_workspace_resource_metadata = cls(
            key=key,
            sensitive=sensitive,
            value=value,
        )

        codersdk_workspace_resource_metadata.additional_properties = d
        return codersdk_workspace_resource_metadata

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
