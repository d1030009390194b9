from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_usage_app_name import CodersdkUsageAppName
from ..types import UNSET, Unset

T = TypeVar("T", bound="CodersdkPostWorkspaceUsageRequest")


@_attrs_define
class CodersdkPostWorkspaceUsageRequest:
    """Optional body of the usage endpoint, naming the agent and client used.

    Attributes:
        agent_id (None | Unset | UUID):
        app_name (CodersdkUsageAppName | None | Unset):
    """

    agent_id: None | Unset | UUID = UNSET
    app_name: CodersdkUsageAppName | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        elif isinstance(self.agent_id, UUID):
            agent_id = str(self.agent_id)
        else:
            agent_id = self.agent_id

        app_name: None | str | Unset
        if isinstance(self.app_name, Unset):
            app_name = UNSET
        elif isinstance(self.app_name, CodersdkUsageAppName):
            app_name = self.app_name.value
        else:
            app_name = self.app_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if app_name is not UNSET:
            field_dict["app_name"] = app_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_agent_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_id_type_0 = UUID(data)

                return agent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        def _parse_app_name(data: object) -> CodersdkUsageAppName | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                app_name_type_0 = CodersdkUsageAppName(data)

                return app_name_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodersdkUsageAppName | None | Unset, data)

        app_name = _parse_app_name(d.pop("app_name", UNSET))

        codersdk_post_workspace_usage_request = cls(
            agent_id=agent_id,
            app_name=app_name,
        )

        codersdk_post_workspace_usage_request.additional_properties = d
        return codersdk_post_workspace_usage_request

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
