from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkTemplateAutostartRequirement")


@_attrs_define
class CodersdkTemplateAutostartRequirement:
    """Days of the week on which workspaces of a template may start automatically.

    Attributes:
        days_of_week (list[str]): Lowercase English day names, Monday first; no days: autostart is not allowed.
    """

    days_of_week: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days_of_week = self.days_of_week

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days_of_week": days_of_week,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days_of_week = cast(list[str], d.pop("days_of_week"))

        codersdk_template_autostart_requirement = cls(
            days_of_week=days_of_week,
        )

        codersdk_template_autostart_requirement.additional_properties = d
        return codersdk_template_autostart_requirement

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
