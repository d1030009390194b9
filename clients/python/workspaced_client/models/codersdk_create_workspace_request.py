from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_automatic_updates import CodersdkAutomaticUpdates
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_workspace_build_parameter import CodersdkWorkspaceBuildParameter


T = TypeVar("T", bound="CodersdkCreateWorkspaceRequest")


@_attrs_define
class CodersdkCreateWorkspaceRequest:
    """Body of the create-workspace endpoints; give a template or a template version, not both.

    Attributes:
        name (str): 1–32 letters, digits and single hyphens; unique among the owner's workspaces.
        automatic_updates (CodersdkAutomaticUpdates | None | Unset):
        autostart_schedule (None | str | Unset):
        rich_parameter_values (list[CodersdkWorkspaceBuildParameter] | None | Unset): Parameter values for the first
            build.
        template_id (None | Unset | UUID): Use the active version of this template (the nil UUID, as Coder's Go SDK
            sends
            for an unset id, means not given).
        template_version_id (None | Unset | UUID): Use exactly this template version (the nil UUID means not given).
        template_version_preset_id (None | Unset | UUID):
        ttl_ms (int | None | Unset):
    """

    name: str
    automatic_updates: CodersdkAutomaticUpdates | None | Unset = UNSET
    autostart_schedule: None | str | Unset = UNSET
    rich_parameter_values: list[CodersdkWorkspaceBuildParameter] | None | Unset = UNSET
    template_id: None | Unset | UUID = UNSET
    template_version_id: None | Unset | UUID = UNSET
    template_version_preset_id: None | Unset | UUID = UNSET
    ttl_ms: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        automatic_updates: None | str | Unset
        if isinstance(self.automatic_updates, Unset):
            automatic_updates = UNSET
        elif isinstance(self.automatic_updates, CodersdkAutomaticUpdates):
            automatic_updates = self.automatic_updates.value
        else:
            automatic_updates = self.automatic_updates

        autostart_schedule: None | str | Unset
        if isinstance(self.autostart_schedule, Unset):
            autostart_schedule = UNSET
        else:
            autostart_schedule = self.autostart_schedule

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

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        elif isinstance(self.template_id, UUID):
            template_id = str(self.template_id)
        else:
            template_id = self.template_id

        template_version_id: None | str | Unset
        if isinstance(self.template_version_id, Unset):
            template_version_id = UNSET
        elif isinstance(self.template_version_id, UUID):
            template_version_id = str(self.template_version_id)
        else:
            template_version_id = self.template_version_id

        template_version_preset_id: None | str | Unset
        if isinstance(self.template_version_preset_id, Unset):
            template_version_preset_id = UNSET
        elif isinstance(self.template_version_preset_id, UUID):
            template_version_preset_id = str(self.template_version_preset_id)
        else:
            template_version_preset_id = self.template_version_preset_id

        ttl_ms: int | None | Unset
        if isinstance(self.ttl_ms, Unset):
            ttl_ms = UNSET
        else:
            ttl_ms = self.ttl_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if automatic_updates is not UNSET:
            field_dict["automatic_updates"] = automatic_updates
        if autostart_schedule is not UNSET:
            field_dict["autostart_schedule"] = autostart_schedule
        if rich_parameter_values is not UNSET:
            field_dict["rich_parameter_values"] = rich_parameter_values
        if template_id is not UNSET:
            field_dict["template_id"] = template_id
        if template_version_id is not UNSET:
            field_dict["template_version_id"] = template_version_id
        if template_version_preset_id is not UNSET:
            field_dict["template_version_preset_id"] = template_version_preset_id
        if ttl_ms is not UNSET:
            field_dict["ttl_ms"] = ttl_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace_build_parameter import CodersdkWorkspaceBuildParameter  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_automatic_updates(data: object) -> CodersdkAutomaticUpdates | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                automatic_updates_type_0 = CodersdkAutomaticUpdates(data)

                return automatic_updates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkAutomaticUpdates | None | Unset, data)

        automatic_updates = _parse_automatic_updates(d.pop("automatic_updates", UNSET))

        def _parse_autostart_schedule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        autostart_schedule = _parse_autostart_schedule(d.pop("autostart_schedule", UNSET))

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

        def _parse_template_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                template_id_type_0 = UUID(data)

                return template_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        template_id = _parse_template_id(d.pop("template_id", UNSET))

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

        def _parse_template_version_preset_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                template_version_preset_id_type_0 = UUID(data)

                return template_version_preset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        template_version_preset_id = _parse_template_version_preset_id(d.pop("template_version_preset_id", UNSET))

        def _parse_ttl_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ttl_ms = _parse_ttl_ms(d.pop("ttl_ms", UNSET))

        codersdk_create_workspace_request = cls(
            name=name,
            automatic_updates=automatic_updates,
            autostart_schedule=autostart_schedule,
            rich_parameter_values=rich_parameter_values,
            template_id=template_id,
            template_version_id=template_version_id,
            template_version_preset_id=template_version_preset_id,
            ttl_ms=ttl_ms,
        )

        codersdk_create_workspace_request.additional_properties = d
        return codersdk_create_workspace_request

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
