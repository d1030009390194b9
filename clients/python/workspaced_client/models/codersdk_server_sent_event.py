from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_server_sent_event_type import CodersdkServerSentEventType

T = TypeVar("T", bound="CodersdkServerSentEvent")


@_attrs_define
class CodersdkServerSentEvent:
    """One event of the watch streams (`data` is a Workspace, a Response or null).

    Attributes:
        data (Any):
        type_ (CodersdkServerSentEventType): Kind of event on the watch streams.
    """

    data: Any
    type_: CodersdkServerSentEventType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = d.pop("data")

        type_ = CodersdkServerSentEventType(d.pop("type"))

        codersdk_server_sent_event = cls(
            data=data,
            type_=type_,
        )

        codersdk_server_sent_event.additional_properties = d
        return codersdk_server_sent_event

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
