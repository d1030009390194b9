from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_agent_subsystem import CodersdkAgentSubsystem
from ..models.codersdk_display_app import CodersdkDisplayApp
from ..models.codersdk_workspace_agent_lifecycle import CodersdkWorkspaceAgentLifecycle
from ..models.codersdk_workspace_agent_startup_script_behavior import CodersdkWorkspaceAgentStartupScriptBehavior
from ..models.codersdk_workspace_agent_status import CodersdkWorkspaceAgentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_workspace_agent_environment_variables_type_0 import (
        CodersdkWorkspaceAgentEnvironmentVariablesType0,
    )
    from ..models.codersdk_workspace_agent_health import CodersdkWorkspaceAgentHealth
    from ..models.codersdk_workspace_agent_latency import CodersdkWorkspaceAgentLatency
    from ..models.codersdk_workspace_agent_log_source import CodersdkWorkspaceAgentLogSource
    from ..models.codersdk_workspace_agent_script import CodersdkWorkspaceAgentScript
    from ..models.codersdk_workspace_app import CodersdkWorkspaceApp


T = TypeVar("T", bound="CodersdkWorkspaceAgent")


@_attrs_define
class CodersdkWorkspaceAgent:
    """The agent process running in a workspace resource.

    Attributes:
        api_version (str):
        apps (list[CodersdkWorkspaceApp]):
        architecture (str):
        connection_timeout_seconds (int):
        created_at (datetime.datetime):
        display_apps (list[CodersdkDisplayApp]):
        environment_variables (CodersdkWorkspaceAgentEnvironmentVariablesType0 | None):
        health (CodersdkWorkspaceAgentHealth): Health of one agent.
        id (UUID):
        lifecycle_state (CodersdkWorkspaceAgentLifecycle): Where an agent is in its start-up / shut-down sequence.
        log_sources (list[CodersdkWorkspaceAgentLogSource]):
        logs_length (int):
        logs_overflowed (bool):
        name (str):
        operating_system (str):
        parent_id (None | UUID): A UUID, or null when absent (Go's `uuid.NullUUID`).
        resource_id (UUID):
        scripts (list[CodersdkWorkspaceAgentScript]):
        startup_script_behavior (CodersdkWorkspaceAgentStartupScriptBehavior): Legacy switch telling old clients whether
            to wait for the startup script.
        status (CodersdkWorkspaceAgentStatus): Connection state of an agent as seen by the server.
        subsystems (list[CodersdkAgentSubsystem]):
        troubleshooting_url (str):
        updated_at (datetime.datetime):
        version (str):
        directory (str | Unset):
        disconnected_at (datetime.datetime | Unset):
        expanded_directory (str | Unset):
        first_connected_at (datetime.datetime | Unset):
        instance_id (str | Unset):
        last_connected_at (datetime.datetime | Unset):
        latency (CodersdkWorkspaceAgentLatency | Unset): Relay latency keyed by region name.
        ready_at (datetime.datetime | Unset):
        started_at (datetime.datetime | Unset):
    """

    api_version: str
    apps: list[CodersdkWorkspaceApp]
    architecture: str
    connection_timeout_seconds: int
    created_at: datetime.datetime
    display_apps: list[CodersdkDisplayApp]
    environment_variables: CodersdkWorkspaceAgentEnvironmentVariablesType0 | None
    health: CodersdkWorkspaceAgentHealth
    id: UUID
    lifecycle_state: CodersdkWorkspaceAgentLifecycle
    log_sources: list[CodersdkWorkspaceAgentLogSource]
    logs_length: int
    logs_overflowed: bool
    name: str
    operating_system: str
    parent_id: None | UUID
    resource_id: UUID
    scripts: list[CodersdkWorkspaceAgentScript]
    startup_script_behavior: CodersdkWorkspaceAgentStartupScriptBehavior
    status: CodersdkWorkspaceAgentStatus
    subsystems: list[CodersdkAgentSubsystem]
    troubleshooting_url: str
    updated_at: datetime.datetime
    version: str
    directory: str | Unset = UNSET
    disconnected_at: datetime.datetime | Unset = UNSET
    expanded_directory: str | Unset = UNSET
    first_connected_at: datetime.datetime | Unset = UNSET
    instance_id: str | Unset = UNSET
    last_connected_at: datetime.datetime | Unset = UNSET
    latency: CodersdkWorkspaceAgentLatency | Unset = UNSET
    ready_at: datetime.datetime | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.codersdk_workspace_agent_environment_variables_type_0 import (
            CodersdkWorkspaceAgentEnvironmentVariablesType0,  # noqa: PLC0415
        )

        api_version = self.api_version

        apps = []
        for apps_item_data in self.apps:
            apps_item = apps_item_data.to_dict()
            apps.append(apps_item)

        architecture = self.architecture

        connection_timeout_seconds = self.connection_timeout_seconds

        created_at = self.created_at.isoformat()

        display_apps = []
        for display_apps_item_data in self.display_apps:
            display_apps_item = display_apps_item_data.value
            display_apps.append(display_apps_item)

        environment_variables: dict[str, Any] | None
        if isinstance(self.environment_variables, CodersdkWorkspaceAgentEnvironmentVariablesType0):
            environment_variables = self.environment_variables.to_dict()
        else:
            environment_variables = self.environment_variables

        health = self.health.to_dict()

        id = str(self.id)

        lifecycle_state = self.lifecycle_state.value

        log_sources = []
        for log_sources_item_data in self.log_sources:
            log_sources_item = log_sources_item_data.to_dict()
            log_sources.append(log_sources_item)

        logs_length = self.logs_length

        logs_overflowed = self.logs_overflowed

        name = self.name

        operating_system = self.operating_system

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        resource_id = str(self.resource_id)

        scripts = []
        for scripts_item_data in self.scripts:
            scripts_item = scripts_item_data.to_dict()
            scripts.append(scripts_item)

        startup_script_behavior = self.startup_script_behavior.value

        status = self.status.value

        subsystems = []
        for subsystems_item_data in self.subsystems:
            subsystems_item = subsystems_item_data.value
            subsystems.append(subsystems_item)

        troubleshooting_url = self.troubleshooting_url

        updated_at = self.updated_at.isoformat()

        version = self.version

        directory = self.directory

        disconnected_at: str | Unset = UNSET
        if not isinstance(self.disconnected_at, Unset):
            disconnected_at = self.disconnected_at.isoformat()

        expanded_directory = self.expanded_directory

        first_connected_at: str | Unset = UNSET
        if not isinstance(self.first_connected_at, Unset):
            first_connected_at = self.first_connected_at.isoformat()

        instance_id = self.instance_id

        last_connected_at: str | Unset = UNSET
        if not isinstance(self.last_connected_at, Unset):
            last_connected_at = self.last_connected_at.isoformat()

        latency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.latency, Unset):
            latency = self.latency.to_dict()

        ready_at: str | Unset = UNSET
        if not isinstance(self.ready_at, Unset):
            ready_at = self.ready_at.isoformat()

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_version": api_version,
                "apps": apps,
                "architecture": architecture,
                "connection_timeout_seconds": connection_timeout_seconds,
                "created_at": created_at,
                "display_apps": display_apps,
                "environment_variables": environment_variables,
                "health": health,
                "id": id,
                "lifecycle_state": lifecycle_state,
                "log_sources": log_sources,
                "logs_length": logs_length,
                "logs_overflowed": logs_overflowed,
                "name": name,
                "operating_system": operating_system,
                "parent_id": parent_id,
                "resource_id": resource_id,
                "scripts": scripts,
                "startup_script_behavior": startup_script_behavior,
                "status": status,
                "subsystems": subsystems,
                "troubleshooting_url": troubleshooting_url,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if directory is not UNSET:
            field_dict["directory"] = directory
        if disconnected_at is not UNSET:
            field_dict["disconnected_at"] = disconnected_at
        if expanded_directory is not UNSET:
            field_dict["expanded_directory"] = expanded_directory
        if first_connected_at is not UNSET:
            field_dict["first_connected_at"] = first_connected_at
        if instance_id is not UNSET:
            field_dict["instance_id"] = instance_id
        if last_connected_at is not UNSET:
            field_dict["last_connected_at"] = last_connected_at
        if latency is not UNSET:
            field_dict["latency"] = latency
        if ready_at is not UNSET:
            field_dict["ready_at"] = ready_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace_agent_environment_variables_type_0 import (
            CodersdkWorkspaceAgentEnvironmentVariablesType0,  # noqa: PLC0415
        )
        from ..models.codersdk_workspace_agent_health import CodersdkWorkspaceAgentHealth  # noqa: PLC0415
        from ..models.codersdk_workspace_agent_latency import CodersdkWorkspaceAgentLatency  # noqa: PLC0415
        from ..models.codersdk_workspace_agent_log_source import CodersdkWorkspaceAgentLogSource  # noqa: PLC0415
        from ..models.codersdk_workspace_agent_script import CodersdkWorkspaceAgentScript  # noqa: PLC0415
        from ..models.codersdk_workspace_app import CodersdkWorkspaceApp  # noqa: PLC0415

        d = dict(src_dict)
        api_version = d.pop("api_version")

        apps = []
        _apps = d.pop("apps")
        for apps_item_data in _apps:
            apps_item = CodersdkWorkspaceApp.from_dict(apps_item_data)

            apps.append(apps_item)

        architecture = d.pop("architecture")

        connection_timeout_seconds = d.pop("connection_timeout_seconds")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        display_apps = []
        _display_apps = d.pop("display_apps")
        for display_apps_item_data in _display_apps:
            display_apps_item = CodersdkDisplayApp(display_apps_item_data)

            display_apps.append(display_apps_item)

        def _parse_environment_variables(data: object) -> CodersdkWorkspaceAgentEnvironmentVariablesType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                environment_variables_type_0 = CodersdkWorkspaceAgentEnvironmentVariablesType0.from_dict(data)

                return environment_variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkWorkspaceAgentEnvironmentVariablesType0 | None, data)

        environment_variables = _parse_environment_variables(d.pop("environment_variables"))

        health = CodersdkWorkspaceAgentHealth.from_dict(d.pop("health"))

        id = UUID(d.pop("id"))

        lifecycle_state = CodersdkWorkspaceAgentLifecycle(d.pop("lifecycle_state"))

        log_sources = []
        _log_sources = d.pop("log_sources")
        for log_sources_item_data in _log_sources:
            log_sources_item = CodersdkWorkspaceAgentLogSource.from_dict(log_sources_item_data)

            log_sources.append(log_sources_item)

        logs_length = d.pop("logs_length")

        logs_overflowed = d.pop("logs_overflowed")

        name = d.pop("name")

        operating_system = d.pop("operating_system")

        def _parse_parent_id(data: object) -> None | UUID:
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

        parent_id = _parse_parent_id(d.pop("parent_id"))

        resource_id = UUID(d.pop("resource_id"))

        scripts = []
        _scripts = d.pop("scripts")
        for scripts_item_data in _scripts:
            scripts_item = CodersdkWorkspaceAgentScript.from_dict(scripts_item_data)

            scripts.append(scripts_item)

        startup_script_behavior = CodersdkWorkspaceAgentStartupScriptBehavior(d.pop("startup_script_behavior"))

        status = CodersdkWorkspaceAgentStatus(d.pop("status"))

        subsystems = []
        _subsystems = d.pop("subsystems")
        for subsystems_item_data in _subsystems:
            subsystems_item = CodersdkAgentSubsystem(subsystems_item_data)

            subsystems.append(subsystems_item)

        troubleshooting_url = d.pop("troubleshooting_url")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        directory = d.pop("directory", UNSET)

        _disconnected_at = d.pop("disconnected_at", UNSET)
        disconnected_at: datetime.datetime | Unset
        if isinstance(_disconnected_at, Unset):
            disconnected_at = UNSET
        else:
            disconnected_at = datetime.datetime.fromisoformat(_disconnected_at)

        expanded_directory = d.pop("expanded_directory", UNSET)

        _first_connected_at = d.pop("first_connected_at", UNSET)
        first_connected_at: datetime.datetime | Unset
        if isinstance(_first_connected_at, Unset):
            first_connected_at = UNSET
        else:
            first_connected_at = datetime.datetime.fromisoformat(_first_connected_at)

        instance_id = d.pop("instance_id", UNSET)

        _last_connected_at = d.pop("last_connected_at", UNSET)
        last_connected_at: datetime.datetime | Unset
        if isinstance(_last_connected_at, Unset):
            last_connected_at = UNSET
        else:
            last_connected_at = datetime.datetime.fromisoformat(_last_connected_at)

        _latency = d.pop("latency", UNSET)
        latency: CodersdkWorkspaceAgentLatency | Unset
        if isinstance(_latency, Unset):
            latency = UNSET
        else:
            latency = CodersdkWorkspaceAgentLatency.from_dict(_latency)

        _ready_at = d.pop("ready_at", UNSET)
        ready_at: datetime.datetime | Unset
        if isinstance(_ready_at, Unset):
            ready_at = UNSET
        else:
            ready_at = datetime.datetime.fromisoformat(_ready_at)

        _started_at = d.pop("started_at", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        codersdk_workspace_agent = cls(
            api_version=api_version,
            apps=apps,
            architecture=architecture,
            connection_timeout_seconds=connection_timeout_seconds,
            created_at=created_at,
            display_apps=display_apps,
            environment_variables=environment_variables,
            health=health,
            id=id,
            lifecycle_state=lifecycle_state,
            log_sources=log_sources,
            logs_length=logs_length,
            logs_overflowed=logs_overflowed,
            name=name,
            operating_system=operating_system,
            parent_id=parent_id,
            resource_id=resource_id,
            scripts=scripts,
            startup_script_behavior=startup_script_behavior,
            status=status,
            subsystems=subsystems,
            troubleshooting_url=troubleshooting_url,
            updated_at=updated_at,
            version=version,
            directory=directory,
            disconnected_at=disconnected_at,
            expanded_directory=expanded_directory,
            first_connected_at=first_connected_at,
            instance_id=instance_id,
            last_connected_at=last_connected_at,
            latency=latency,
            ready_at=ready_at,
            started_at=started_at,
        )

        codersdk_workspace_agent.additional_properties = d
        return codersdk_workspace_agent

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
