from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_app_health import CodersdkWorkspaceAppHealth
from ..models.codersdk_workspace_app_open_in import CodersdkWorkspaceAppOpenIn
from ..models.codersdk_workspace_app_sharing_level import CodersdkWorkspaceAppSharingLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_healthcheck import CodersdkHealthcheck
    from ..models.codersdk_workspace_app_status import CodersdkWorkspaceAppStatus


T = TypeVar("T", bound="CodersdkWorkspaceApp")


@_attrs_define
class CodersdkWorkspaceApp:
    """An app served by an agent (web app, command, or external link).

    Attributes:
        external (bool): Whether the client opens `url` itself instead of going through the proxy.
        health (CodersdkWorkspaceAppHealth): Result of an app's health check.
        healthcheck (CodersdkHealthcheck): How an app's health is probed.
        hidden (bool):
        id (UUID):
        open_in (CodersdkWorkspaceAppOpenIn): How the dashboard opens an app.
        sharing_level (CodersdkWorkspaceAppSharingLevel): Who may open an app.
        slug (str): Unique name of the app within its agent.
        statuses (list[CodersdkWorkspaceAppStatus]):
        subdomain (bool): Whether the app is reached on its own host name rather than a path.
        command (str | Unset): Command run in a terminal for command apps.
        display_name (str | Unset):
        group (str | Unset):
        icon (str | Unset):
        subdomain_name (str | Unset):
        tooltip (str | Unset):
        url (str | Unset): Address proxied to inside the workspace.
    """

    external: bool
    health: CodersdkWorkspaceAppHealth
    healthcheck: CodersdkHealthcheck
    hidden: bool
    id: UUID
    open_in: CodersdkWorkspaceAppOpenIn
    sharing_level: CodersdkWorkspaceAppSharingLevel
    slug: str
    statuses: list[CodersdkWorkspaceAppStatus]
    subdomain: bool
    command: str | Unset = UNSET
    display_name: str | Unset = UNSET
    group: str | Unset = UNSET
    icon: str | Unset = UNSET
    subdomain_name: str | Unset = UNSET
    tooltip: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external = self.external

        health = self.health.value

        healthcheck = self.healthcheck.to_dict()

        hidden = self.hidden

        id = str(self.id)

        open_in = self.open_in.value

        sharing_level = self.sharing_level.value

        slug = self.slug

        statuses = []
        for statuses_item_data in self.statuses:
            statuses_item = statuses_item_data.to_dict()
            statuses.append(statuses_item)

        subdomain = self.subdomain

        command = self.command

        display_name = self.display_name

        group = self.group

        icon = self.icon

        subdomain_name = self.subdomain_name

        tooltip = self.tooltip

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "external": external,
                "health": health,
                "healthcheck": healthcheck,
                "hidden": hidden,
                "id": id,
                "open_in": open_in,
                "sharing_level": sharing_level,
                "slug": slug,
                "statuses": statuses,
                "subdomain": subdomain,
            }
        )
        if command is not UNSET:
            field_dict["command"] = command
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if group is not UNSET:
            field_dict["group"] = group
        if icon is not UNSET:
            field_dict["icon"] = icon
        if subdomain_name is not UNSET:
            field_dict["subdomain_name"] = subdomain_name
        if tooltip is not UNSET:
            field_dict["tooltip"] = tooltip
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_healthcheck import CodersdkHealthcheck  # noqa: PLC0415
        from ..models.codersdk_workspace_app_status import CodersdkWorkspaceAppStatus  # noqa: PLC0415

        d = dict(src_dict)
        external = d.pop("external")

        health = CodersdkWorkspaceAppHealth(d.pop("health"))

        healthcheck = CodersdkHealthcheck.from_dict(d.pop("healthcheck"))

        hidden = d.pop("hidden")

        id = UUID(d.pop("id"))

        open_in = CodersdkWorkspaceAppOpenIn(d.pop("open_in"))

        sharing_level = CodersdkWorkspaceAppSharingLevel(d.pop("sharing_level"))

        slug = d.pop("slug")

        statuses = []
        _statuses = d.pop("statuses")
        for statuses_item_data in _statuses:
            statuses_item = CodersdkWorkspaceAppStatus.from_dict(statuses_item_data)

            statuses.append(statuses_item)

        subdomain = d.pop("subdomain")

        command = d.pop("command", UNSET)

        display_name = d.pop("display_name", UNSET)

        group = d.pop("group", UNSET)

        icon = d.pop("icon", UNSET)

        subdomain_name = d.pop("subdomain_name", UNSET)

        tooltip = d.pop("tooltip", UNSET)

        url = d.pop("url", UNSET)

        codersdk_workspace_app = cls(
            external=external,
            health=health,
            healthcheck=healthcheck,
            hidden=hidden,
            id=id,
            open_in=open_in,
            sharing_level=sharing_level,
            slug=slug,
            statuses=statuses,
            subdomain=subdomain,
            command=command,
            display_name=display_name,
            group=group,
            icon=icon,
            subdomain_name=subdomain_name,
            tooltip=tooltip,
            url=url,
        )

        codersdk_workspace_app.additional_properties = d
        return codersdk_workspace_app

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
