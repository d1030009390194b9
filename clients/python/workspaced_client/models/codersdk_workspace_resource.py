from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_transition import CodersdkWorkspaceTransition
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_workspace_agent import CodersdkWorkspaceAgent
    from ..models.codersdk_workspace_resource_metadata import CodersdkWorkspaceResourceMetadata


T = TypeVar("T", bound="CodersdkWorkspaceResource")


@_attrs_define
class CodersdkWorkspaceResource:
    """Something a build created (a container, a VM, a volume, ...).

    Attributes:
        created_at (datetime.datetime):
        daily_cost (int):
        hide (bool):
        icon (str):
        id (UUID):
        job_id (UUID):
        name (str):
        type_ (str): Provider type, e.g. `docker_container`.
        workspace_transition (CodersdkWorkspaceTransition): What a build does to the workspace.
        agents (list[CodersdkWorkspaceAgent] | Unset):
        metadata (list[CodersdkWorkspaceResourceMetadata] | Unset):
    """

    created_at: datetime.datetime
    daily_cost: int
    hide: bool
    icon: str
    id: UUID
    job_id: UUID
    name: str
    type_: str
    workspace_transition: CodersdkWorkspaceTransition
    agents: list[CodersdkWorkspaceAgent] | Unset = UNSET
    metadata: list[CodersdkWorkspaceResourceMetadata] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        daily_cost = self.daily_cost

        hide = self.hide

        icon = self.icon

        id = str(self.id)

        job_id = str(self.job_id)

        name = self.name

        type_ = self.type_

        workspace_transition = self.workspace_transition.value

        agents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.agents, Unset):
            agents = []
            for agents_item_data in self.agents:
                agents_item = agents_item_data.to_dict()
                agents.append(agents_item)

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "daily_cost": daily_cost,
                "hide": hide,
                "icon": icon,
                "id": id,
                "job_id": job_id,
                "name": name,
                "type": type_,
                "workspace_transition": workspace_transition,
            }
        )
        if agents is not UNSET:
            field_dict["agents"] = agents
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace_agent import CodersdkWorkspaceAgent  # noqa: PLC0415
        from ..models.codersdk_workspace_resource_metadata import CodersdkWorkspaceResourceMetadata  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        daily_cost = d.pop("daily_cost")

        hide = d.pop("hide")

        icon = d.pop("icon")

        id = UUID(d.pop("id"))

        job_id = UUID(d.pop("job_id"))

        name = d.pop("name")

        type_ = d.pop("type")

        workspace_transition = CodersdkWorkspaceTransition(d.pop("workspace_transition"))

        _agents = d.pop("agents", UNSET)
        agents: list[CodersdkWorkspaceAgent] | Unset = UNSET
        if _agents is not UNSET:
            agents = []
            for agents_item_data in _agents:
                agents_item = CodersdkWorkspaceAgent.from_dict(agents_item_data)

                agents.append(agents_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[CodersdkWorkspaceResourceMetadata] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = CodersdkWorkspaceResourceMetadata.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        codersdk_workspace_resource = cls(
            created_at=created_at,
            daily_cost=daily_cost,
            hide=hide,
            icon=icon,
            id=id,
            job_id=job_id,
            name=name,
            type_=type_,
            workspace_transition=workspace_transition,
            agents=agents,
            metadata=metadata,
        )

        codersdk_workspace_resource.additional_properties = d
        return codersdk_workspace_resource

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
