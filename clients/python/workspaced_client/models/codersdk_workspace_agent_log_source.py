from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkWorkspaceAgentLogSource")


@_attrs_define
class CodersdkWorkspaceAgentLogSource:
    """A source of agent logs (a script, the agent itself, ...).

    Attributes:
        created_at (datetime.datetime):
        display_name (str):
        icon (str):
        id (UUID):
        workspace_agent_id (UUID):
    """

    created_at: datetime.datetime
    display_name: str
    icon: str
    id: UUID
    workspace_agent_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        display_name = self.display_name

        icon = self.icon

        id = str(self.id)

        workspace_agent_id = str(self.workspace_agent_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "display_name": display_name,
                "icon": icon,
                "id": id,
                "workspace_agent_id": workspace_agent_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        display_name = d.pop("display_name")

        icon = d.pop("icon")

        id = UUID(d.pop("id"))

        workspace_agent_id = UUID(d.pop("workspace_agent_id"))

        codersdk_workspace_agent_log_source = cls(
            created_at=created_at,
            display_name=display_name,
            icon=icon,
            id=id,
            workspace_agent_id=workspace_agent_id,
        )

        codersdk_workspace_agent_log_source.additional_properties = d
        return codersdk_workspace_agent_log_source

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
