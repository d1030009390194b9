from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_agent_port_share_level import CodersdkWorkspaceAgentPortShareLevel
from ..models.codersdk_workspace_agent_port_share_protocol import CodersdkWorkspaceAgentPortShareProtocol
from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkUpsertWorkspaceAgentPortShareRequest")


@_attrs_define
class CodersdkUpsertWorkspaceAgentPortShareRequest:
    """Creates or changes the share of one agent port.

    Attributes:
        agent_name (None | str | Unset):
        port (int | None | Unset):
        protocol (CodersdkWorkspaceAgentPortShareProtocol | None | Unset):
        share_level (CodersdkWorkspaceAgentPortShareLevel | None | Unset):
    """

    agent_name: None | str | Unset = UNSET
    port: int | None | Unset = UNSET
    protocol: CodersdkWorkspaceAgentPortShareProtocol | None | Unset = UNSET
    share_level: CodersdkWorkspaceAgentPortShareLevel | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_name: None | str | Unset
        if isinstance(self.agent_name, Unset):
            agent_name = UNSET
        else:
            agent_name = self.agent_name

        port: int | None | Unset
        if isinstance(self.port, Unset):
            port = UNSET
        else:
            port = self.port

        protocol: None | str | Unset
        if isinstance(self.protocol, Unset):
            protocol = UNSET
        elif isinstance(self.protocol, CodersdkWorkspaceAgentPortShareProtocol):
            protocol = self.protocol.value
        else:
            protocol = self.protocol

        share_level: None | str | Unset
        if isinstance(self.share_level, Unset):
            share_level = UNSET
        elif isinstance(self.share_level, CodersdkWorkspaceAgentPortShareLevel):
            share_level = self.share_level.value
        else:
            share_level = self.share_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_name is not UNSET:
            field_dict["agent_name"] = agent_name
        if port is not UNSET:
            field_dict["port"] = port
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if share_level is not UNSET:
            field_dict["share_level"] = share_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_agent_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_name = _parse_agent_name(d.pop("agent_name", UNSET))

        def _parse_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        port = _parse_port(d.pop("port", UNSET))

        def _parse_protocol(data: object) -> CodersdkWorkspaceAgentPortShareProtocol | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                protocol_type_0 = CodersdkWorkspaceAgentPortShareProtocol(data)

                return protocol_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkWorkspaceAgentPortShareProtocol | None | Unset, data)

        protocol = _parse_protocol(d.pop("protocol", UNSET))

        def _parse_share_level(data: object) -> CodersdkWorkspaceAgentPortShareLevel | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                share_level_type_0 = CodersdkWorkspaceAgentPortShareLevel(data)

                return share_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkWorkspaceAgentPortShareLevel | None | Unset, data)

        share_level = _parse_share_level(d.pop("share_level", UNSET))

        codersdk_upsert_workspace_agent_port_share_request = cls(
            agent_name=agent_name,
            port=port,
            protocol=protocol,
            share_level=share_level,
        )

        codersdk_upsert_workspace_agent_port_share_request.additional_properties = d
        return codersdk_upsert_workspace_agent_port_share_request

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
