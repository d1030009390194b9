from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkWorkspaceHealth")


@_attrs_define
class CodersdkWorkspaceHealth:
    """Whether a workspace's agents are all healthy.

    Attributes:
        failing_agents (list[UUID]): Ids of the agents that are not healthy.
        healthy (bool):
    """

    failing_agents: list[UUID]
    healthy: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        failing_agents = []
        for failing_agents_item_data in self.failing_agents:
            failing_agents_item = str(failing_agents_item_data)
            failing_agents.append(failing_agents_item)

        healthy = self.healthy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "failing_agents": failing_agents,
                "healthy": healthy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        failing_agents = []
        _failing_agents = d.pop("failing_agents")
        for failing_agents_item_data in _failing_agents:
            failing_agents_item = UUID(failing_agents_item_data)

            failing_agents.append(failing_agents_item)

        healthy = d.pop("healthy")

        codersdk_workspace_health = cls(
            failing_agents=failing_agents,
            healthy=healthy,
        )

        codersdk_workspace_health.additional_properties = d
        return codersdk_workspace_health

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
