from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_timing_stage import CodersdkTimingStage

T = TypeVar("T", bound="CodersdkProvisionerTiming")


@_attrs_define
class CodersdkProvisionerTiming:
    """Time spent by the provisioner on one resource action.

    Attributes:
        action (str):
        ended_at (datetime.datetime):
        job_id (UUID):
        resource (str):
        source (str):
        stage (CodersdkTimingStage): Phase a timing entry belongs to.
        started_at (datetime.datetime):
    """

    action: str
    ended_at: datetime.datetime
    job_id: UUID
    resource: str
    source: str
    stage: CodersdkTimingStage
    started_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        ended_at = self.ended_at.isoformat()

        job_id = str(self.job_id)

        resource = self.resource

        source = self.source

        stage = self.stage.value

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "ended_at": ended_at,
                "job_id": job_id,
                "resource": resource,
                "source": source,
                "stage": stage,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        ended_at = datetime.datetime.fromisoformat(d.pop("ended_at"))

        job_id = UUID(d.pop("job_id"))

        resource = d.pop("resource")

        source = d.pop("source")

        stage = CodersdkTimingStage(d.pop("stage"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        codersdk_provisioner_timing = cls(
            action=action,
            ended_at=ended_at,
            job_id=job_id,
            resource=resource,
            source=source,
            stage=stage,
            started_at=started_at,
        )

        codersdk_provisioner_timing.additional_properties = d
        return codersdk_provisioner_timing

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
