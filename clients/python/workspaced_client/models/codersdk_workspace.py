from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_automatic_updates import CodersdkAutomaticUpdates
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_shared_workspace_actor import CodersdkSharedWorkspaceActor
    from ..models.codersdk_workspace_app_status import CodersdkWorkspaceAppStatus
    from ..models.codersdk_workspace_build import CodersdkWorkspaceBuild
    from ..models.codersdk_workspace_health import CodersdkWorkspaceHealth


T = TypeVar("T", bound="CodersdkWorkspace")


@_attrs_define
class CodersdkWorkspace:
    """A workspace: a deployment of a template version owned by a user.

    Attributes:
        allow_renames (bool):
        automatic_updates (CodersdkAutomaticUpdates): Whether new builds move to the template's active version on their
            own.
        created_at (datetime.datetime):
        deleting_at (datetime.datetime | None): When a dormant workspace will be deleted; null when it will not.
        dormant_at (datetime.datetime | None): When the workspace became dormant; null when it is not dormant.
        favorite (bool): Whether the caller marked the workspace as a favorite.
        health (CodersdkWorkspaceHealth): Whether a workspace's agents are all healthy.
        id (UUID):
        is_prebuild (bool): Whether this is an unclaimed prebuilt workspace.
        last_used_at (datetime.datetime):
        latest_app_status (CodersdkWorkspaceAppStatus | None):
        latest_build (CodersdkWorkspaceBuild): One build of a workspace: a transition run by a provisioner job.
        name (str):
        next_start_at (datetime.datetime | None): Next automatic start; null when none is planned.
        organization_id (UUID):
        organization_name (str):
        outdated (bool): Whether the latest build uses an older version than the template's active one.
        owner_avatar_url (str):
        owner_id (UUID):
        owner_name (str): Username of the owner.
        task_id (None | UUID): A UUID, or null when absent (Go's `uuid.NullUUID`).
        template_active_version_id (UUID):
        template_allow_user_cancel_workspace_jobs (bool):
        template_display_name (str):
        template_icon (str):
        template_id (UUID):
        template_name (str):
        template_require_active_version (bool):
        template_use_classic_parameter_flow (bool):
        updated_at (datetime.datetime):
        autostart_schedule (str | Unset): Weekly start schedule (`CRON_TZ=<tz> <min> <hour> * * <dow>`); left out when
            off.
        shared_with (list[CodersdkSharedWorkspaceActor] | Unset): Users and groups the workspace is shared with.
        ttl_ms (int | Unset): Auto-stop delay after start, in milliseconds; left out when off.
    """

    allow_renames: bool
    automatic_updates: CodersdkAutomaticUpdates
    created_at: datetime.datetime
    deleting_at: datetime.datetime | None
    dormant_at: datetime.datetime | None
    favorite: bool
    health: CodersdkWorkspaceHealth
    id: UUID
    is_prebuild: bool
    last_used_at: datetime.datetime
    latest_app_status: CodersdkWorkspaceAppStatus | None
    latest_build: CodersdkWorkspaceBuild
    name: str
    next_start_at: datetime.datetime | None
    organization_id: UUID
    organization_name: str
    outdated: bool
    owner_avatar_url: str
    owner_id: UUID
    owner_name: str
    task_id: None | UUID
    template_active_version_id: UUID
    template_allow_user_cancel_workspace_jobs: bool
    template_display_name: str
    template_icon: str
    template_id: UUID
    template_name: str
    template_require_active_version: bool
    template_use_classic_parameter_flow: bool
    updated_at: datetime.datetime
    autostart_schedule: str | Unset = UNSET
    shared_with: list[CodersdkSharedWorkspaceActor] | Unset = UNSET
    ttl_ms: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.codersdk_workspace_app_status import CodersdkWorkspaceAppStatus  # noqa: PLC0415

        allow_renames = self.allow_renames

        automatic_updates = self.automatic_updates.value

        created_at = self.created_at.isoformat()

        deleting_at: None | str
        if isinstance(self.deleting_at, datetime.datetime):
            deleting_at = self.deleting_at.isoformat()
        else:
            deleting_at = self.deleting_at

        dormant_at: None | str
        if isinstance(self.dormant_at, datetime.datetime):
            dormant_at = self.dormant_at.isoformat()
        else:
            dormant_at = self.dormant_at

        favorite = self.favorite

        health = self.health.to_dict()

        id = str(self.id)

        is_prebuild = self.is_prebuild

        last_used_at = self.last_used_at.isoformat()

        latest_app_status: dict[str, Any] | None
        if isinstance(self.latest_app_status, CodersdkWorkspaceAppStatus):
            latest_app_status = self.latest_app_status.to_dict()
        else:
            latest_app_status = self.latest_app_status

        latest_build = self.latest_build.to_dict()

        name = self.name

        next_start_at: None | str
        if isinstance(self.next_start_at, datetime.datetime):
            next_start_at = self.next_start_at.isoformat()
        else:
            next_start_at = self.next_start_at

        organization_id = str(self.organization_id)

        organization_name = self.organization_name

        outdated = self.outdated

        owner_avatar_url = self.owner_avatar_url

        owner_id = str(self.owner_id)

        owner_name = self.owner_name

        task_id: None | str
        if isinstance(self.task_id, UUID):
            task_id = str(self.task_id)
        else:
            task_id = self.task_id

        template_active_version_id = str(self.template_active_version_id)

        template_allow_user_cancel_workspace_jobs = self.template_allow_user_cancel_workspace_jobs

        template_display_name = self.template_display_name

        template_icon = self.template_icon

        template_id = str(self.template_id)

        template_name = self.template_name

        template_require_active_version = self.template_require_active_version

        template_use_classic_parameter_flow = self.template_use_classic_parameter_flow

        updated_at = self.updated_at.isoformat()

        autostart_schedule = self.autostart_schedule

        shared_with: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.shared_with, Unset):
            shared_with = []
            for shared_with_item_data in self.shared_with:
                shared_with_item = shared_with_item_data.to_dict()
                shared_with.append(shared_with_item)

        ttl_ms = self.ttl_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allow_renames": allow_renames,
                "automatic_updates": automatic_updates,
                "created_at": created_at,
                "deleting_at": deleting_at,
                "dormant_at": dormant_at,
                "favorite": favorite,
                "health": health,
                "id": id,
                "is_prebuild": is_prebuild,
                "last_used_at": last_used_at,
                "latest_app_status": latest_app_status,
                "latest_build": latest_build,
                "name": name,
                "next_start_at": next_start_at,
                "organization_id": organization_id,
                "organization_name": organization_name,
                "outdated": outdated,
                "owner_avatar_url": owner_avatar_url,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "task_id": task_id,
                "template_active_version_id": template_active_version_id,
                "template_allow_user_cancel_workspace_jobs": template_allow_user_cancel_workspace_jobs,
                "template_display_name": template_display_name,
                "template_icon": template_icon,
                "template_id": template_id,
                "template_name": template_name,
                "template_require_active_version": template_require_active_version,
                "template_use_classic_parameter_flow": template_use_classic_parameter_flow,
                "updated_at": updated_at,
            }
        )
        if autostart_schedule is not UNSET:
            field_dict["autostart_schedule"] = autostart_schedule
        if shared_with is not UNSET:
            field_dict["shared_with"] = shared_with
        if ttl_ms is not UNSET:
            field_dict["ttl_ms"] = ttl_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_shared_workspace_actor import CodersdkSharedWorkspaceActor  # noqa: PLC0415
        from ..models.codersdk_workspace_app_status import CodersdkWorkspaceAppStatus  # noqa: PLC0415
        from ..models.codersdk_workspace_build import CodersdkWorkspaceBuild  # noqa: PLC0415
        from ..models.codersdk_workspace_health import CodersdkWorkspaceHealth  # noqa: PLC0415

        d = dict(src_dict)
        allow_renames = d.pop("allow_renames")

        automatic_updates = CodersdkAutomaticUpdates(d.pop("automatic_updates"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_deleting_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleting_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleting_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleting_at = _parse_deleting_at(d.pop("deleting_at"))

        def _parse_dormant_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dormant_at_type_0 = datetime.datetime.fromisoformat(data)

                return dormant_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        dormant_at = _parse_dormant_at(d.pop("dormant_at"))

        favorite = d.pop("favorite")

        health = CodersdkWorkspaceHealth.from_dict(d.pop("health"))

        id = UUID(d.pop("id"))

        is_prebuild = d.pop("is_prebuild")

        last_used_at = datetime.datetime.fromisoformat(d.pop("last_used_at"))

        def _parse_latest_app_status(data: object) -> CodersdkWorkspaceAppStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                latest_app_status_type_0 = CodersdkWorkspaceAppStatus.from_dict(data)

                return latest_app_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkWorkspaceAppStatus | None, data)

        latest_app_status = _parse_latest_app_status(d.pop("latest_app_status"))

        latest_build = CodersdkWorkspaceBuild.from_dict(d.pop("latest_build"))

        name = d.pop("name")

        def _parse_next_start_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_start_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_start_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_start_at = _parse_next_start_at(d.pop("next_start_at"))

        organization_id = UUID(d.pop("organization_id"))

        organization_name = d.pop("organization_name")

        outdated = d.pop("outdated")

        owner_avatar_url = d.pop("owner_avatar_url")

        owner_id = UUID(d.pop("owner_id"))

        owner_name = d.pop("owner_name")

        def _parse_task_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemasuuid_null_uuid_type_0 = UUID(data)

                return componentsschemasuuid_null_uuid_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        task_id = _parse_task_id(d.pop("task_id"))

        template_active_version_id = UUID(d.pop("template_active_version_id"))

        template_allow_user_cancel_workspace_jobs = d.pop("template_allow_user_cancel_workspace_jobs")

        template_display_name = d.pop("template_display_name")

        template_icon = d.pop("template_icon")

        template_id = UUID(d.pop("template_id"))

        template_name = d.pop("template_name")

        template_require_active_version = d.pop("template_require_active_version")

        template_use_classic_parameter_flow = d.pop("template_use_classic_parameter_flow")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        autostart_schedule = d.pop("autostart_schedule", UNSET)

        _shared_with = d.pop("shared_with", UNSET)
        shared_with: list[CodersdkSharedWorkspaceActor] | Unset = UNSET
        if _shared_with is not UNSET:
            shared_with = []
            for shared_with_item_data in _shared_with:
                shared_with_item = CodersdkSharedWorkspaceActor.from_dict(shared_with_item_data)

                shared_with.append(shared_with_item)

        ttl_ms = d.pop("ttl_ms", UNSET)

        codersdk_workspace = cls(
            allow_renames=allow_renames,
            automatic_updates=automatic_updates,
            created_at=created_at,
            deleting_at=deleting_at,
            dormant_at=dormant_at,
            favorite=favorite,
            health=health,
            id=id,
            is_prebuild=is_prebuild,
            last_used_at=last_used_at,
            latest_app_status=latest_app_status,
            latest_build=latest_build,
            name=name,
            next_start_at=next_start_at,
            organization_id=organization_id,
            organization_name=organization_name,
            outdated=outdated,
            owner_avatar_url=owner_avatar_url,
            owner_id=owner_id,
            owner_name=owner_name,
            task_id=task_id,
            template_active_version_id=template_active_version_id,
            template_allow_user_cancel_workspace_jobs=template_allow_user_cancel_workspace_jobs,
            template_display_name=template_display_name,
            template_icon=template_icon,
            template_id=template_id,
            template_name=template_name,
            template_require_active_version=template_require_active_version,
            template_use_classic_parameter_flow=template_use_classic_parameter_flow,
            updated_at=updated_at,
            autostart_schedule=autostart_schedule,
            shared_with=shared_with,
            ttl_ms=ttl_ms,
        )

        codersdk_workspace.additional_properties = d
        return codersdk_workspace

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
