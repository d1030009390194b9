from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkProvisionerJobMetadata")


@_attrs_define
class CodersdkProvisionerJobMetadata:
    """Names of the template and workspace a job works on.

    Attributes:
        template_display_name (str):
        template_icon (str):
        template_id (UUID):
        template_name (str):
        template_version_name (str):
        workspace_id (UUID | Unset):
        workspace_name (str | Unset):
    """

    template_display_name: str
    template_icon: str
    template_id: UUID
    template_name: str
    template_version_name: str
    workspace_id: UUID | Unset = UNSET
    workspace_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        template_display_name = self.template_display_name

        template_icon = self.template_icon

        template_id = str(self.template_id)

        template_name = self.template_name

        template_version_name = self.template_version_name

        workspace_id: str | Unset = UNSET
        if not isinstance(self.workspace_id, Unset):
            workspace_id = str(self.workspace_id)

        workspace_name = self.workspace_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "template_display_name": template_display_name,
                "template_icon": template_icon,
                "template_id": template_id,
                "template_name": template_name,
                "template_version_name": template_version_name,
            }
        )
        if workspace_id is not UNSET:
            field_dict["workspace_id"] = workspace_id
        if workspace_name is not UNSET:
            field_dict["workspace_name"] = workspace_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        template_display_name = d.pop("template_display_name")

        template_icon = d.pop("template_icon")

        template_id = UUID(d.pop("template_id"))

        template_name = d.pop("template_name")

        template_version_name = d.pop("template_version_name")

        _workspace_id = d.pop("workspace_id", UNSET)
        workspace_id: UUID | Unset
        if isinstance(_workspace_id, Unset):
            workspace_id = UNSET
        else:
            workspace_id = UUID(_workspace_id)

        workspace_name = d.pop("workspace_name", UNSET)

        codersdk_provisioner_job_metadata = cls(
            template_display_name=template_display_name,
            template_icon=template_icon,
            template_id=template_id,
            template_name=template_name,
            template_version_name=template_version_name,
            workspace_id=workspace_id,
            workspace_name=workspace_name,
        )

        codersdk_provisioner_job_metadata.additional_properties = d
        return codersdk_provisioner_job_metadata

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
