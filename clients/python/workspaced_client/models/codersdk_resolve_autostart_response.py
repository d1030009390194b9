from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkResolveAutostartResponse")


@_attrs_define
class CodersdkResolveAutostartResponse:
    """Whether the workspace can autostart on the template's active version.

    Attributes:
        parameter_mismatch (bool): True when the active version needs parameters the last build lacks.
    """

    parameter_mismatch: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        parameter_mismatch = self.parameter_mismatch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "parameter_mismatch": parameter_mismatch,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        parameter_mismatch = d.pop("parameter_mismatch")

        codersdk_resolve_autostart_response = cls(
            parameter_mismatch=parameter_mismatch,
        )

        codersdk_resolve_autostart_response.additional_properties = d
        return codersdk_resolve_autostart_response

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
