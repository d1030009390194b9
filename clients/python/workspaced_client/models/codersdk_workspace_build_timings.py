from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.codersdk_agent_connection_timing import CodersdkAgentConnectionTiming
    from ..models.codersdk_agent_script_timing import CodersdkAgentScriptTiming
    from ..models.codersdk_provisioner_timing import CodersdkProvisionerTiming


T = TypeVar("T", bound="CodersdkWorkspaceBuildTimings")


@_attrs_define
class CodersdkWorkspaceBuildTimings:
    """All timings of a build.

    Attributes:
        agent_connection_timings (list[CodersdkAgentConnectionTiming]):
        agent_script_timings (list[CodersdkAgentScriptTiming]):
        provisioner_timings (list[CodersdkProvisionerTiming]):
    """

    agent_connection_timings: list[CodersdkAgentConnectionTiming]
    agent_script_timings: list[CodersdkAgentScriptTiming]
    provisioner_timings: list[CodersdkProvisionerTiming]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_connection_timings = []
        for agent_connection_timings_item_data in self.agent_connection_timings:
            agent_connection_timings_item = agent_connection_timings_item_data.to_dict()
            agent_connection_timings.append(agent_connection_timings_item)

        agent_script_timings = []
        for agent_script_timings_item_data in self.agent_script_timings:
            agent_script_timings_item = agent_script_timings_item_data.to_dict()
            agent_script_timings.append(agent_script_timings_item)

        provisioner_timings = []
        for provisioner_timings_item_data in self.provisioner_timings:
            provisioner_timings_item = provisioner_timings_item_data.to_dict()
            provisioner_timings.append(provisioner_timings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_connection_timings": agent_connection_timings,
                "agent_script_timings": agent_script_timings,
                "provisioner_timings": provisioner_timings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_agent_connection_timing import CodersdkAgentConnectionTiming  # noqa: PLC0415
        from ..models.codersdk_agent_script_timing import CodersdkAgentScriptTiming  # noqa: PLC0415
        from ..models.codersdk_provisioner_timing import CodersdkProvisionerTiming  # noqa: PLC0415

        d = dict(src_dict)
        agent_connection_timings = []
        _agent_connection_timings = d.pop("agent_connection_timings")
        for agent_connection_timings_item_data in _agent_connection_timings:
            agent_connection_timings_item = CodersdkAgentConnectionTiming.from_dict(agent_connection_timings_item_data)

            agent_connection_timings.append(agent_connection_timings_item)

        agent_script_timings = []
        _agent_script_timings = d.pop("agent_script_timings")
        for agent_script_timings_item_data in _agent_script_timings:
            agent_script_timings_item = CodersdkAgentScriptTiming.from_dict(agent_script_timings_item_data)

            agent_script_timings.append(agent_script_timings_item)

        provisioner_timings = []
        _provisioner_timings = d.pop("provisioner_timings")
        for provisioner_timings_item_data in _provisioner_timings:
            provisioner_timings_item = CodersdkProvisionerTiming.from_dict(provisioner_timings_item_data)

            provisioner_timings.append(provisioner_timings_item)

        codersdk_workspace_build_timings = cls(
            agent_connection_timings=agent_connection_timings,
            agent_script_timings=agent_script_timings,
            provisioner_timings=provisioner_timings,
        )

        codersdk_workspace_build_timings.additional_properties = d
        return codersdk_workspace_build_timings

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
