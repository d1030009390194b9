from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_create_workspace_build_reason import CodersdkCreateWorkspaceBuildReason
from ..models.codersdk_workspace_transition import CodersdkWorkspaceTransition
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_workspace_build_parameter import CodersdkWorkspaceBuildParameter


T = TypeVar("T", bound="CodersdkCreateWorkspaceBuildRequest")


@_attrs_define
class CodersdkCreateWorkspaceBuildRequest:
    """Body of `POST /workspaces/{workspace}/builds`: start, stop or delete the workspace.

    Attributes:
        transition (CodersdkWorkspaceTransition): What a build does to the workspace.
        rich_parameter_values (list[CodersdkWorkspaceBuildParameter] | None | Unset): Parameter values to change; the
            others are carried over from the last build.
        reason (CodersdkCreateWorkspaceBuildReason | None | Unset):
        template_version_id (None | Unset | UUID): Build this version of the workspace's template (the nil UUID: the
            last build's).
    """

    transition: CodersdkWorkspaceTransition
    rich_parameter_values: list[CodersdkWorkspaceBuildParameter] | None | Unset = UNSET
    reason: CodersdkCreateWorkspaceBuildReason | None | Unset = UNSET
    template_version_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transition = self.transition.value

        rich_parameter_values: list[dict[str, Any]] | None | Unset
        if isinstance(self.rich_parameter_values, Unset):
            rich_parameter_values = UNSET
        elif isinstance(self.rich_parameter_values, list):
            rich_parameter_values = []
            for rich_parameter_values_type_0_item_data in self.rich_parameter_values:
                rich_parameter_values_type_0_item = rich_parameter_values_type_0_item_data.to_dict()
                rich_parameter_values.append(rich_parameter_values_type_0_item)

        else:
            rich_parameter_values = self.rich_parameter_values

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        elif isinstance(self.reason, CodersdkCreateWorkspaceBuildReason):
            reason = self.reason.value
        else:
            reason = self.reason

        template_version_id: None | str | Unset
        if isinstance(self.template_version_id, Unset):
            template_version_id = UNSET
        elif isinstance(self.template_version_id, UUID):
            template_version_id = str(self.template_version_id)
        else:
            template_version_id = self.template_version_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transition": transition,
            }
        )
        if rich_parameter_values is not UNSET:
            field_dict["rich_parameter_values"] = rich_parameter_values
        if reason is not UNSET:
            field_dict["reason"] = reason
        if template_version_id is not UNSET:
            field_dict["template_version_id"] = template_version_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace_build_parameter import CodersdkWorkspaceBuildParameter  # noqa: PLC0415

        d = dict(src_dict)
        transition = CodersdkWorkspaceTransition(d.pop("transition"))

        def _parse_rich_parameter_values(data: object) -> list[CodersdkWorkspaceBuildParameter] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rich_parameter_values_type_0 = []
                _rich_parameter_values_type_0 = data
                for rich_parameter_values_type_0_item_data in _rich_parameter_values_type_0:
                    rich_parameter_values_type_0_item = CodersdkWorkspaceBuildParameter.from_dict(
                        rich_parameter_values_type_0_item_data
                    )

                    rich_parameter_values_type_0.append(rich_parameter_values_type_0_item)

                return rich_parameter_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CodersdkWorkspaceBuildParameter] | None | Unset, data)

        rich_parameter_values = _parse_rich_parameter_values(d.pop("rich_parameter_values", UNSET))

        def _parse_reason(data: object) -> CodersdkCreateWorkspaceBuildReason | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = CodersdkCreateWorkspaceBuildReason(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkCreateWorkspaceBuildReason | None | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_template_version_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                template_version_id_type_0 = UUID(data)

                return template_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        template_version_id = _parse_template_version_id(d.pop("template_version_id", UNSET))

        codersdk_create_workspace_build_request = cls(
            transition=transition,
            rich_parameter_values=rich_parameter_values,
            reason=reason,
            template_version_id=template_version_id,
        )

        codersdk_create_workspace_build_request.additional_properties = d
        return codersdk_create_workspace_build_request

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
