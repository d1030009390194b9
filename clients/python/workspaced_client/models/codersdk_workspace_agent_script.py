from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkWorkspaceAgentScript")


@_attrs_define
class CodersdkWorkspaceAgentScript:
    """A script the agent runs on start, on stop or on a schedule.

    Attributes:
        cron (str):
        display_name (str):
        id (UUID):
        log_path (str):
        log_source_id (UUID):
        run_on_start (bool):
        run_on_stop (bool):
        script (str):
        start_blocks_login (bool):
        timeout (int): Time limit in nanoseconds (0: none).
    """

    cron: str
    display_name: str
    id: UUID
    log_path: str
    log_source_id: UUID
    run_on_start: bool
    run_on_stop: bool
    script: str
    start_blocks_login: bool
    timeout: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cron = self.cron

        display_name = self.display_name

        id = str(self.id)

        log_path = self.log_path

        log_source_id = str(self.log_source_id)

        run_on_start = self.run_on_start

        run_on_stop = self.run_on_stop

        script = self.script

        start_blocks_login = self.start_blocks_login

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cron": cron,
                "display_name": display_name,
                "id": id,
                "log_path": log_path,
                "log_source_id": log_source_id,
                "run_on_start": run_on_start,
                "run_on_stop": run_on_stop,
                "script": script,
                "start_blocks_login": start_blocks_login,
                "timeout": timeout,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cron = d.pop("cron")

        display_name = d.pop("display_name")

        id = UUID(d.pop("id"))

        log_path = d.pop("log_path")

        log_source_id = UUID(d.pop("log_source_id"))

        run_on_start = d.pop("run_on_start")

        run_on_stop = d.pop("run_on_stop")

        script = d.pop("script")

        start_blocks_login = d.pop("start_blocks_login")

        timeout = d.pop("timeout")

        codersdk_workspace_agent_script = cls(
            cron=cron,
            display_name=display_name,
            id=id,
            log_path=log_path,
            log_source_id=log_source_id,
            run_on_start=run_on_start,
            run_on_stop=run_on_stop,
            script=script,
            start_blocks_login=start_blocks_login,
            timeout=timeout,
        )

        codersdk_workspace_agent_script.additional_properties = d
        return codersdk_workspace_agent_script

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
