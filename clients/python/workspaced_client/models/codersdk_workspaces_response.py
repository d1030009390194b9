from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.codersdk_workspace import CodersdkWorkspace


T = TypeVar("T", bound="CodersdkWorkspacesResponse")


@_attrs_define
class CodersdkWorkspacesResponse:
    """A page of workspaces and the total number matching the query.

    Attributes:
        count (int): Total matches, regardless of limit and offset.
        workspaces (list[CodersdkWorkspace]):
    """

    count: int
    workspaces: list[CodersdkWorkspace]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        workspaces = []
        for workspaces_item_data in self.workspaces:
            workspaces_item = workspaces_item_data.to_dict()
            workspaces.append(workspaces_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "workspaces": workspaces,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace import CodersdkWorkspace  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        workspaces = []
        _workspaces = d.pop("workspaces")
        for workspaces_item_data in _workspaces:
            workspaces_item = CodersdkWorkspace.from_dict(workspaces_item_data)

            workspaces.append(workspaces_item)

        codersdk_workspaces_response = cls(
            count=count,
            workspaces=workspaces,
        )

        codersdk_workspaces_response.additional_properties = d
        return codersdk_workspaces_response

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
