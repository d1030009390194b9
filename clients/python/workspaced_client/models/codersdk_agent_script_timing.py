from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_timing_stage import CodersdkTimingStage

T = TypeVar("T", bound="CodersdkAgentScriptTiming")


@_attrs_define
class CodersdkAgentScriptTiming:
    """Time one agent script ran.

    Attributes:
        display_name (str):
        ended_at (datetime.datetime):
        exit_code (int):
        stage (CodersdkTimingStage): Phase a timing entry belongs to.
        started_at (datetime.datetime):
        status (str): `ok`, `exit_failure`, `timed_out` or `pipes_left_open`.
        workspace_agent_id (str):
        workspace_agent_name (str):
    """

    display_name: str
    ended_at: datetime.datetime
    exit_code: int
    stage: CodersdkTimingStage
    started_at: datetime.datetime
    status: str
    workspace_agent_id: str
    workspace_agent_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        ended_at = self.ended_at.isoformat()

        exit_code = self.exit_code

        stage = self.stage.value

        started_at = self.started_at.isoformat()

        status = self.status

        workspace_agent_id = self.workspace_agent_id

        workspace_agent_name = self.workspace_agent_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "display_name": display_name,
                "ended_at": ended_at,
                "exit_code": exit_code,
                "stage": stage,
                "started_at": started_at,
                "status": status,
                "workspace_agent_id": workspace_agent_id,
                "workspace_agent_name": workspace_agent_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        ended_at = datetime.datetime.fromisoformat(d.pop("ended_at"))

        exit_code = d.pop("exit_code")

        stage = CodersdkTimingStage(d.pop("stage"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        status = d.pop("status")

        workspace_agent_id = d.pop("workspace_agent_id")

        workspace_agent_name = d.pop("workspace_agent_name")

        codersdk_agent_script_timing = cls(
            display_name=display_name,
            ended_at=ended_at,
            exit_code=exit_code,
            stage=stage,
            started_at=started_at,
            status=status,
            workspace_agent_id=workspace_agent_id,
            workspace_agent_name=workspace_agent_name,
        )

        codersdk_agent_script_timing.additional_properties = d
        return codersdk_agent_script_timing

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
