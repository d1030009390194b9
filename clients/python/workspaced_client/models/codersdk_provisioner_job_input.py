from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkProvisionerJobInput")


@_attrs_define
class CodersdkProvisionerJobInput:
    """What started a provisioner job.

    Attributes:
        error (str | Unset):
        template_version_id (UUID | Unset):
        workspace_build_id (UUID | Unset):
    """

    error: str | Unset = UNSET
    template_version_id: UUID | Unset = UNSET
    workspace_build_id: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        template_version_id: str | Unset = UNSET
        if not isinstance(self.template_version_id, Unset):
            template_version_id = str(self.template_version_id)

        workspace_build_id: str | Unset = UNSET
        if not isinstance(self.workspace_build_id, Unset):
            workspace_build_id = str(self.workspace_build_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if template_version_id is not UNSET:
            field_dict["template_version_id"] = template_version_id
        if workspace_build_id is not UNSET:
            field_dict["workspace_build_id"] = workspace_build_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error", UNSET)

        _template_version_id = d.pop("template_version_id", UNSET)
        template_version_id: UUID | Unset
        if isinstance(_template_version_id, Unset):
            template_version_id = UNSET
        else:
            template_version_id = UUID(_template_version_id)

        _workspace_build_id = d.pop("workspace_build_id", UNSET)
        workspace_build_id: UUID | Unset
        if isinstance(_workspace_build_id, Unset):
            workspace_build_id = UNSET
        else:
            workspace_build_id = UUID(_workspace_build_id)

        codersdk_provisioner_job_input = cls(
            error=error,
            template_version_id=template_version_id,
            workspace_build_id=workspace_build_id,
        )

        codersdk_provisioner_job_input.additional_properties = d
        return codersdk_provisioner_job_input

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
