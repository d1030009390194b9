from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CodersdkBuildInfoResponse")


@_attrs_define
class CodersdkBuildInfoResponse:
    """What `GET /buildinfo` tells a client about the server.

    Attributes:
        agent_api_version (str):
        dashboard_url (str):
        deployment_id (str):
        external_url (str): Where the source of this version can be found.
        provisioner_api_version (str):
        telemetry (bool):
        upgrade_message (str):
        version (str): Semantic version of the server.
        workspace_proxy (bool):
    """

    agent_api_version: str
    dashboard_url: str
    deployment_id: str
    external_url: str
    provisioner_api_version: str
    telemetry: bool
    upgrade_message: str
    version: str
    workspace_proxy: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_api_version = self.agent_api_version

        dashboard_url = self.dashboard_url

        deployment_id = self.deployment_id

        external_url = self.external_url

        provisioner_api_version = self.provisioner_api_version

        telemetry = self.telemetry

        upgrade_message = self.upgrade_message

        version = self.version

        workspace_proxy = self.workspace_proxy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_api_version": agent_api_version,
                "dashboard_url": dashboard_url,
                "deployment_id": deployment_id,
                "external_url": external_url,
                "provisioner_api_version": provisioner_api_version,
                "telemetry": telemetry,
                "upgrade_message": upgrade_message,
                "version": version,
                "workspace_proxy": workspace_proxy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_api_version = d.pop("agent_api_version")

        dashboard_url = d.pop("dashboard_url")

        deployment_id = d.pop("deployment_id")

        external_url = d.pop("external_url")

        provisioner_api_version = d.pop("provisioner_api_version")

        telemetry = d.pop("telemetry")

        upgrade_message = d.pop("upgrade_message")

        version = d.pop("version")

        workspace_proxy = d.pop("workspace_proxy")

        codersdk_build_info_response = cls(
            agent_api_version=agent_api_version,
            dashboard_url=dashboard_url,
            deployment_id=deployment_id,
            external_url=external_url,
            provisioner_api_version=provisioner_api_version,
            telemetry=telemetry,
            upgrade_message=upgrade_message,
            version=version,
            workspace_proxy=workspace_proxy,
        )

        codersdk_build_info_response.additional_properties = d
        return codersdk_build_info_response

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
