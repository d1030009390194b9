from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkMatchedProvisioners")


@_attrs_define
class CodersdkMatchedProvisioners:
    """Provisioner daemons able to take a job.

    Attributes:
        available (int): Matching daemons currently free.
        count (int): Daemons whose tags match the job.
        most_recently_seen (datetime.datetime | None): Last time any matching daemon was seen; null when none matched.
    """

    available: int
    count: int
    most_recently_seen: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        count = self.count

        most_recently_seen: None | str
        if isinstance(self.most_recently_seen, datetime.datetime):
            most_recently_seen = self.most_recently_seen.isoformat()
        else:
            most_recently_seen = self.most_recently_seen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "count": count,
                "most_recently_seen": most_recently_seen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available")

        count = d.pop("count")

        def _parse_most_recently_seen(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                most_recently_seen_type_0 = datetime.datetime.fromisoformat(data)

                return most_recently_seen_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        most_recently_seen = _parse_most_recently_seen(d.pop("most_recently_seen"))

        codersdk_matched_provisioners = cls(
            available=available,
            count=count,
            most_recently_seen=most_recently_seen,
        )

        codersdk_matched_provisioners.additional_properties = d
        return codersdk_matched_provisioners

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
