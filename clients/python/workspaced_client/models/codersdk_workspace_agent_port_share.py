from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_agent_port_share_level import CodersdkWorkspaceAgentPortShareLevel
from ..models.codersdk_workspace_agent_port_share_protocol import CodersdkWorkspaceAgentPortShareProtocol

T = TypeVar("T", bound="CodersdkWorkspaceAgentPortShare")


@_attrs_define
class CodersdkWorkspaceAgentPortShare:
    """A port of an agent shared at some level.

    Attributes:
        agent_name (str):
        port (int):
        protocol (CodersdkWorkspaceAgentPortShareProtocol): Scheme the shared port speaks.
        share_level (CodersdkWorkspaceAgentPortShareLevel): Who may reach a shared port.
        workspace_id (UUID):
    """

    agent_name: str
    port: int
    protocol: CodersdkWorkspaceAgentPortShareProtocol
    share_level: CodersdkWorkspaceAgentPortShareLevel
    workspace_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_name = self.agent_name

        port = self.port

        protocol = self.protocol.value

        share_level = self.share_level.value

        workspace_id = str(self.workspace_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_name": agent_name,
                "port": port,
                "protocol": protocol,
                "share_level": share_level,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_name = d.pop("agent_name")

        port = d.pop("port")

        protocol = CodersdkWorkspaceAgentPortShareProtocol(d.pop("protocol"))

        share_level = CodersdkWorkspaceAgentPortShareLevel(d.pop("share_level"))

        workspace_id = UUID(d.pop("workspace_id"))

        codersdk_workspace_agent_port_share = cls(
            agent_name=agent_name,
            port=port,
            protocol=protocol,
            share_level=share_level,
            workspace_id=workspace_id,
        )

        codersdk_workspace_agent_port_share.additional_properties = d
        return codersdk_workspace_agent_port_share

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
