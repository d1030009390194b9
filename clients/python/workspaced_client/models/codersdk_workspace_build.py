from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_build_reason import CodersdkBuildReason
from ..models.codersdk_workspace_status import CodersdkWorkspaceStatus
from ..models.codersdk_workspace_transition import CodersdkWorkspaceTransition
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_matched_provisioners import CodersdkMatchedProvisioners
    from ..models.codersdk_provisioner_job import CodersdkProvisionerJob
    from ..models.codersdk_workspace_resource import CodersdkWorkspaceResource


T = TypeVar("T", bound="CodersdkWorkspaceBuild")


@_attrs_define
class CodersdkWorkspaceBuild:
    """One build of a workspace: a transition run by a provisioner job.

    Attributes:
        build_number (int): Starts at 1 and grows by one per build of the workspace.
        created_at (datetime.datetime):
        daily_cost (int):
        deadline (datetime.datetime | None): When the workspace stops automatically; null when it does not.
        id (UUID):
        initiator_id (UUID):
        initiator_name (str): Username of the initiator.
        job (CodersdkProvisionerJob): A unit of provisioning work (here: running a workspace build).
        max_deadline (datetime.datetime | None): Latest the deadline may be extended to; null when unbounded.
        reason (CodersdkBuildReason): Why a build was started.
        resources (list[CodersdkWorkspaceResource]):
        status (CodersdkWorkspaceStatus): Status of a workspace, derived from its latest build and job.
        template_version_id (UUID):
        template_version_name (str):
        template_version_preset_id (None | UUID):
        transition (CodersdkWorkspaceTransition): What a build does to the workspace.
        updated_at (datetime.datetime):
        workspace_id (UUID):
        workspace_name (str):
        workspace_owner_id (UUID):
        workspace_owner_name (str): Username of the workspace owner.
        has_ai_task (bool | Unset): Deprecated upstream; left out when unknown.
        has_external_agent (bool | Unset):
        matched_provisioners (CodersdkMatchedProvisioners | Unset): Provisioner daemons able to take a job.
        workspace_owner_avatar_url (str | Unset):
    """

    build_number: int
    created_at: datetime.datetime
    daily_cost: int
    deadline: datetime.datetime | None
    id: UUID
    initiator_id: UUID
    initiator_name: str
    job: CodersdkProvisionerJob
    max_deadline: datetime.datetime | None
    reason: CodersdkBuildReason
    resources: list[CodersdkWorkspaceResource]
    status: CodersdkWorkspaceStatus
    template_version_id: UUID
    template_version_name: str
    template_version_preset_id: None | UUID
    transition: CodersdkWorkspaceTransition
    updated_at: datetime.datetime
    workspace_id: UUID
    workspace_name: str
    workspace_owner_id: UUID
    workspace_owner_name: str
    has_ai_task: bool | Unset = UNSET
    has_external_agent: bool | Unset = UNSET
    matched_provisioners: CodersdkMatchedProvisioners | Unset = UNSET
    workspace_owner_avatar_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        build_number = self.build_number

        created_at = self.created_at.isoformat()

        daily_cost = self.daily_cost

        deadline: None | str
        if isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        id = str(self.id)

        initiator_id = str(self.initiator_id)

        initiator_name = self.initiator_name

        job = self.job.to_dict()

        max_deadline: None | str
        if isinstance(self.max_deadline, datetime.datetime):
            max_deadline = self.max_deadline.isoformat()
        else:
            max_deadline = self.max_deadline

        reason = self.reason.value

        resources = []
        for resources_item_data in self.resources:
            resources_item = resources_item_data.to_dict()
            resources.append(resources_item)

        status = self.status.value

        template_version_id = str(self.template_version_id)

        template_version_name = self.template_version_name

        template_version_preset_id: None | str
        if isinstance(self.template_version_preset_id, UUID):
            template_version_preset_id = str(self.template_version_preset_id)
        else:
            template_version_preset_id = self.template_version_preset_id

        transition = self.transition.value

        updated_at = self.updated_at.isoformat()

        workspace_id = str(self.workspace_id)

        workspace_name = self.workspace_name

        workspace_owner_id = str(self.workspace_owner_id)

        workspace_owner_name = self.workspace_owner_name

        has_ai_task = self.has_ai_task

        has_external_agent = self.has_external_agent

        matched_provisioners: dict[str, Any] | Unset = UNSET
        if not isinstance(self.matched_provisioners, Unset):
            matched_provisioners = self.matched_provisioners.to_dict()

        workspace_owner_avatar_url = self.workspace_owner_avatar_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "build_number": build_number,
                "created_at": created_at,
                "daily_cost": daily_cost,
                "deadline": deadline,
                "id": id,
                "initiator_id": initiator_id,
                "initiator_name": initiator_name,
                "job": job,
                "max_deadline": max_deadline,
                "reason": reason,
                "resources": resources,
                "status": status,
                "template_version_id": template_version_id,
                "template_version_name": template_version_name,
                "template_version_preset_id": template_version_preset_id,
                "transition": transition,
                "updated_at": updated_at,
                "workspace_id": workspace_id,
                "workspace_name": workspace_name,
                "workspace_owner_id": workspace_owner_id,
                "workspace_owner_name": workspace_owner_name,
            }
        )
        if has_ai_task is not UNSET:
            field_dict["has_ai_task"] = has_ai_task
        if has_external_agent is not UNSET:
            field_dict["has_external_agent"] = has_external_agent
        if matched_provisioners is not UNSET:
            field_dict["matched_provisioners"] = matched_provisioners
        if workspace_owner_avatar_url is not UNSET:
            field_dict["workspace_owner_avatar_url"] = workspace_owner_avatar_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_matched_provisioners import CodersdkMatchedProvisioners  # noqa: PLC0415
        from ..models.codersdk_provisioner_job import CodersdkProvisionerJob  # noqa: PLC0415
        from ..models.codersdk_workspace_resource import CodersdkWorkspaceResource  # noqa: PLC0415

        d = dict(src_dict)
        build_number = d.pop("build_number")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        daily_cost = d.pop("daily_cost")

        def _parse_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deadline = _parse_deadline(d.pop("deadline"))

        id = UUID(d.pop("id"))

        initiator_id = UUID(d.pop("initiator_id"))

        initiator_name = d.pop("initiator_name")

        job = CodersdkProvisionerJob.from_dict(d.pop("job"))

        def _parse_max_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                max_deadline_type_0 = datetime.datetime.fromisoformat(data)

                return max_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        max_deadline = _parse_max_deadline(d.pop("max_deadline"))

        reason = CodersdkBuildReason(d.pop("reason"))

        resources = []
        _resources = d.pop("resources")
        for resources_item_data in _resources:
            resources_item = CodersdkWorkspaceResource.from_dict(resources_item_data)

            resources.append(resources_item)

        status = CodersdkWorkspaceStatus(d.pop("status"))

        template_version_id = UUID(d.pop("template_version_id"))

        template_version_name = d.pop("template_version_name")

        def _parse_template_version_preset_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                template_version_preset_id_type_0 = UUID(data)

                return template_version_preset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        template_version_preset_id = _parse_template_version_preset_id(d.pop("template_version_preset_id"))

        transition = CodersdkWorkspaceTransition(d.pop("transition"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        workspace_id = UUID(d.pop("workspace_id"))

        workspace_name = d.pop("workspace_name")

        workspace_owner_id = UUID(d.pop("workspace_owner_id"))

        workspace_owner_name = d.pop("workspace_owner_name")

        has_ai_task = d.pop("has_ai_task", UNSET)

        has_external_agent = d.pop("has_external_agent", UNSET)

        _matched_provisioners = d.pop("matched_provisioners", UNSET)
        matched_provisioners: CodersdkMatchedProvisioners | Unset
        if isinstance(_matched_provisioners, Unset):
            matched_provisioners = UNSET
        else:
            matched_provisioners = CodersdkMatchedProvisioners.from_dict(_matched_provisioners)

        workspace_owner_avatar_url = d.pop("workspace_owner_avatar_url", UNSET)

        codersdk_workspace_build = cls(
            build_number=build_number,
            created_at=created_at,
            daily_cost=daily_cost,
            deadline=deadline,
            id=id,
            initiator_id=initiator_id,
            initiator_name=initiator_name,
            job=job,
            max_deadline=max_deadline,
            reason=reason,
            resources=resources,
            status=status,
            template_version_id=template_version_id,
            template_version_name=template_version_name,
            template_version_preset_id=template_version_preset_id,
            transition=transition,
            updated_at=updated_at,
            workspace_id=workspace_id,
            workspace_name=workspace_name,
            workspace_owner_id=workspace_owner_id,
            workspace_owner_name=workspace_owner_name,
            has_ai_task=has_ai_task,
            has_external_agent=has_external_agent,
            matched_provisioners=matched_provisioners,
            workspace_owner_avatar_url=workspace_owner_avatar_url,
        )

        codersdk_workspace_build.additional_properties = d
        return codersdk_workspace_build

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
