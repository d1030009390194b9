from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkHealthcheck")


@_attrs_define
class CodersdkHealthcheck:
    """How an app's health is probed.

    Attributes:
        interval (int): Seconds between two probes.
        threshold (int): Failed probes in a row before the app counts as unhealthy.
        url (str): Address probed.
    """

    interval: int
    threshold: int
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        interval = self.interval

        threshold = self.threshold

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interval": interval,
                "threshold": threshold,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        interval = d.pop("interval")

        threshold = d.pop("threshold")

        url = d.pop("url")

        codersdk_healthcheck = cls(
            interval=interval,
            threshold=threshold,
            url=url,
        )

        codersdk_healthcheck.additional_properties = d
        return codersdk_healthcheck

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
