from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_workspace_app_status_state import CodersdkWorkspaceAppStatusState

T = TypeVar("T", bound="CodersdkWorkspaceAppStatus")


@_attrs_define
class CodersdkWorkspaceAppStatus:
    """A status report an app posted (e.g. an AI agent describing its task).

    Attributes:
        agent_id (UUID):
        app_id (UUID):
        created_at (datetime.datetime):
        icon (str): Unused; kept for older clients.
        id (UUID):
        message (str):
        needs_user_attention (bool): Unused; kept for older clients.
        state (CodersdkWorkspaceAppStatusState): State an app reports about the work it does.
        uri (str): What the status is about (a pull request, a file, ...).
        workspace_id (UUID):
    """

    agent_id: UUID
    app_id: UUID
    created_at: datetime.datetime
    icon: str
    id: UUID
    message: str
    needs_user_attention: bool
    state: CodersdkWorkspaceAppStatusState
    uri: str
    workspace_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = str(self.agent_id)

        app_id = str(self.app_id)

        created_at = self.created_at.isoformat()

        icon = self.icon

        id = str(self.id)

        message = self.message

        needs_user_attention = self.needs_user_attention

        state = self.state.value

        uri = self.uri

        workspace_id = str(self.workspace_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "app_id": app_id,
                "created_at": created_at,
                "icon": icon,
                "id": id,
                "message": message,
                "needs_user_attention": needs_user_attention,
                "state": state,
                "uri": uri,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = UUID(d.pop("agent_id"))

        app_id = UUID(d.pop("app_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        icon = d.pop("icon")

        id = UUID(d.pop("id"))

        message = d.pop("message")

        needs_user_attention = d.pop("needs_user_attention")

        state = CodersdkWorkspaceAppStatusState(d.pop("state"))

        uri = d.pop("uri")

        workspace_id = UUID(d.pop("workspace_id"))

        codersdk_workspace_app_status = cls(
            agent_id=agent_id,
            app_id=app_id,
            created_at=created_at,
            icon=icon,
            id=id,
            message=message,
            needs_user_attention=needs_user_attention,
            state=state,
            uri=uri,
            workspace_id=workspace_id,
        )

        codersdk_workspace_app_status.additional_properties = d
        return codersdk_workspace_app_status

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
