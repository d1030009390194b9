from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_automatic_updates import CodersdkAutomaticUpdates

T = TypeVar("T", bound="CodersdkUpdateWorkspaceAutomaticUpdatesRequest")


@_attrs_define
class CodersdkUpdateWorkspaceAutomaticUpdatesRequest:
    """Body of the automatic-updates endpoint.

    Attributes:
        automatic_updates (CodersdkAutomaticUpdates): Whether new builds move to the template's active version on their
            own.
    """

    automatic_updates: CodersdkAutomaticUpdates
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        automatic_updates = self.automatic_updates.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "automatic_updates": automatic_updates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        automatic_updates = CodersdkAutomaticUpdates(d.pop("automatic_updates"))

        codersdk_update_workspace_automatic_updates_request = cls(
            automatic_updates=automatic_updates,
        )

        codersdk_update_workspace_automatic_updates_request.additional_properties = d
        return codersdk_update_workspace_automatic_updates_request

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
