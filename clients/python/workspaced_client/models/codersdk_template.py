from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_agent_port_share_level import CodersdkWorkspaceAgentPortShareLevel

if TYPE_CHECKING:
    from ..models.codersdk_template_autostart_requirement import CodersdkTemplateAutostartRequirement
    from ..models.codersdk_template_build_time_stats import CodersdkTemplateBuildTimeStats


T = TypeVar("T", bound="CodersdkTemplate")


@_attrs_define
class CodersdkTemplate:
    """A template: what workspaces are built from, and the policy they inherit.

    Attributes:
        active_user_count (int): Users with a workspace built from the template and used lately (-1: not counted).
        active_version_id (UUID):
        activity_bump_ms (int): How far activity pushes a running workspace's deadline, in milliseconds.
        allow_user_autostart (bool):
        allow_user_autostop (bool):
        allow_user_cancel_workspace_jobs (bool):
        autostart_requirement (CodersdkTemplateAutostartRequirement): Days of the week on which workspaces of a template
            may start automatically.
        build_time_stats (CodersdkTemplateBuildTimeStats): Build time percentiles by transition (`start`, `stop`,
            `delete`).
        created_at (datetime.datetime):
        created_by_id (UUID):
        created_by_name (str):
        default_ttl_ms (int): Default auto-stop delay of new workspaces, in milliseconds (0: none).
        deprecated (bool):
        deprecation_message (str):
        description (str):
        display_name (str):
        failure_ttl_ms (int):
        icon (str):
        id (UUID):
        max_port_share_level (CodersdkWorkspaceAgentPortShareLevel): Who may reach a shared port.
        name (str):
        organization_display_name (str):
        organization_icon (str):
        organization_id (UUID):
        organization_name (str):
        provisioner (str): Always `terraform`.
        require_active_version (bool):
        time_til_dormant_autodelete_ms (int):
        time_til_dormant_ms (int):
        updated_at (datetime.datetime):
        use_classic_parameter_flow (bool):
    """

    active_user_count: int
    active_version_id: UUID
    activity_bump_ms: int
    allow_user_autostart: bool
    allow_user_autostop: bool
    allow_user_cancel_workspace_jobs: bool
    autostart_requirement: CodersdkTemplateAutostartRequirement
    build_time_stats: CodersdkTemplateBuildTimeStats
    created_at: datetime.datetime
    created_by_id: UUID
    created_by_name: str
    default_ttl_ms: int
    deprecated: bool
    deprecation_message: str
    description: str
    display_name: str
    failure_ttl_ms: int
    icon: str
    id: UUID
    max_port_share_level: CodersdkWorkspaceAgentPortShareLevel
    name: str
    organization_display_name: str
    organization_icon: str
    organization_id: UUID
    organization_name: str
    provisioner: str
    require_active_version: bool
    time_til_dormant_autodelete_ms: int
    time_til_dormant_ms: int
    updated_at: datetime.datetime
    use_classic_parameter_flow: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_user_count = self.active_user_count

        active_version_id = str(self.active_version_id)

        activity_bump_ms = self.activity_bump_ms

        allow_user_autostart = self.allow_user_autostart

        allow_user_autostop = self.allow_user_autostop

        allow_user_cancel_workspace_jobs = self.allow_user_cancel_workspace_jobs

        autostart_requirement = self.autostart_requirement.to_dict()

        build_time_stats = self.build_time_stats.to_dict()

        created_at = self.created_at.isoformat()

        created_by_id = str(self.created_by_id)

        created_by_name = self.created_by_name

        default_ttl_ms = self.default_ttl_ms

        deprecated = self.deprecated

        deprecation_message = self.deprecation_message

        description = self.description

        display_name = self.display_name

        failure_ttl_ms = self.failure_ttl_ms

        icon = self.icon

        id = str(self.id)

        max_port_share_level = self.max_port_share_level.value

        name = self.name

        organization_display_name = self.organization_display_name

        organization_icon = self.organization_icon

        organization_id = str(self.organization_id)

        organization_name = self.organization_name

        provisioner = self.provisioner

        require_active_version = self.require_active_version

        time_til_dormant_autodelete_ms = self.time_til_dormant_autodelete_ms

        time_til_dormant_ms = self.time_til_dormant_ms

        updated_at = self.updated_at.isoformat()

        use_classic_parameter_flow = self.use_classic_parameter_flow

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_user_count": active_user_count,
                "active_version_id": active_version_id,
                "activity_bump_ms": activity_bump_ms,
                "allow_user_autostart": allow_user_autostart,
                "allow_user_autostop": allow_user_autostop,
                "allow_user_cancel_workspace_jobs": allow_user_cancel_workspace_jobs,
                "autostart_requirement": autostart_requirement,
                "build_time_stats": build_time_stats,
                "created_at": created_at,
                "created_by_id": created_by_id,
                "created_by_name": created_by_name,
                "default_ttl_ms": default_ttl_ms,
                "deprecated": deprecated,
                "deprecation_message": deprecation_message,
                "description": description,
                "display_name": display_name,
                "failure_ttl_ms": failure_ttl_ms,
                "icon": icon,
                "id": id,
                "max_port_share_level": max_port_share_level,
                "name": name,
                "organization_display_name": organization_display_name,
                "organization_icon": organization_icon,
                "organization_id": organization_id,
                "organization_name": organization_name,
                "provisioner": provisioner,
                "require_active_version": require_active_version,
                "time_til_dormant_autodelete_ms": time_til_dormant_autodelete_ms,
                "time_til_dormant_ms": time_til_dormant_ms,
                "updated_at": updated_at,
                "use_classic_parameter_flow": use_classic_parameter_flow,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_template_autostart_requirement import CodersdkTemplateAutostartRequirement  # noqa: PLC0415
        from ..models.codersdk_template_build_time_stats import CodersdkTemplateBuildTimeStats  # noqa: PLC0415

        d = dict(src_dict)
        active_user_count = d.pop("active_user_count")

        active_version_id = UUID(d.pop("active_version_id"))

        activity_bump_ms = d.pop("activity_bump_ms")

        allow_user_autostart = d.pop("allow_user_autostart")

        allow_user_autostop = d.pop("allow_user_autostop")

        allow_user_cancel_workspace_jobs = d.pop("allow_user_cancel_workspace_jobs")

        autostart_requirement = CodersdkTemplateAutostartRequirement.from_dict(d.pop("autostart_requirement"))

        build_time_stats = CodersdkTemplateBuildTimeStats.from_dict(d.pop("build_time_stats"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by_id = UUID(d.pop("created_by_id"))

        created_by_name = d.pop("created_by_name")

        default_ttl_ms = d.pop("default_ttl_ms")

        deprecated = d.pop("deprecated")

        deprecation_message = d.pop("deprecation_message")

        description = d.pop("description")

        display_name = d.pop("display_name")

        failure_ttl_ms = d.pop("failure_ttl_ms")

        icon = d.pop("icon")

        id = UUID(d.pop("id"))

        max_port_share_level = CodersdkWorkspaceAgentPortShareLevel(d.pop("max_port_share_level"))

        name = d.pop("name")

        organization_display_name = d.pop("organization_display_name")

        organization_icon = d.pop("organization_icon")

        organization_id = UUID(d.pop("organization_id"))

        organization_name = d.pop("organization_name")

        provisioner = d.pop("provisioner")

        require_active_version = d.pop("require_active_version")

        time_til_dormant_autodelete_ms = d.pop("time_til_dormant_autodelete_ms")

        time_til_dormant_ms = d.pop("time_til_dormant_ms")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        use_classic_parameter_flow = d.pop("use_classic_parameter_flow")

        codersdk_template = cls(
            active_user_count=active_user_count,
            active_version_id=active_version_id,
            activity_bump_ms=activity_bump_ms,
            allow_user_autostart=allow_user_autostart,
            allow_user_autostop=allow_user_autostop,
            allow_user_cancel_workspace_jobs=allow_user_cancel_workspace_jobs,
            autostart_requirement=autostart_requirement,
            build_time_stats=build_time_stats,
            created_at=created_at,
            created_by_id=created_by_id,
            created_by_name=created_by_name,
            default_ttl_ms=default_ttl_ms,
            deprecated=deprecated,
            deprecation_message=deprecation_message,
            description=description,
            display_name=display_name,
            failure_ttl_ms=failure_ttl_ms,
            icon=icon,
            id=id,
            max_port_share_level=max_port_share_level,
            name=name,
            organization_display_name=organization_display_name,
            organization_icon=organization_icon,
            organization_id=organization_id,
            organization_name=organization_name,
            provisioner=provisioner,
            require_active_version=require_active_version,
            time_til_dormant_autodelete_ms=time_til_dormant_autodelete_ms,
            time_til_dormant_ms=time_til_dormant_ms,
            updated_at=updated_at,
            use_classic_parameter_flow=use_classic_parameter_flow,
        )

        codersdk_template.additional_properties = d
        return codersdk_template

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
