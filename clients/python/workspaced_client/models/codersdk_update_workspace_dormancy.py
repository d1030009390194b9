from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkUpdateWorkspaceDormancy")


@_attrs_define
class CodersdkUpdateWorkspaceDormancy:
    """Body of the dormancy endpoint; false wakes the workspace.

    Attributes:
        dormant (bool | Unset):
    """

    dormant: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dormant = self.dormant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if dormant is not UNSET:
            field_dict["dormant"] = dormant

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dormant = d.pop("dormant", UNSET)

        codersdk_update_workspace_dormancy = cls(
            dormant=dormant,
        )

        codersdk_update_workspace_dormancy.additional_properties = d
        return codersdk_update_workspace_dormancy

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
