from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.codersdk_workspace_agent_port_share import CodersdkWorkspaceAgentPortShare


T = TypeVar("T", bound="CodersdkWorkspaceAgentPortShares")


@_attrs_define
class CodersdkWorkspaceAgentPortShares:
    """All port shares of a workspace.

    Attributes:
        shares (list[CodersdkWorkspaceAgentPortShare]):
    """

    shares: list[CodersdkWorkspaceAgentPortShare]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shares = []
        for shares_item_data in self.shares:
            shares_item = shares_item_data.to_dict()
            shares.append(shares_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shares": shares,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_workspace_agent_port_share import CodersdkWorkspaceAgentPortShare  # noqa: PLC0415

        d = dict(src_dict)
        shares = []
        _shares = d.pop("shares")
        for shares_item_data in _shares:
            shares_item = CodersdkWorkspaceAgentPortShare.from_dict(shares_item_data)

            shares.append(shares_item)

        codersdk_workspace_agent_port_shares = cls(
            shares=shares,
        )

        codersdk_workspace_agent_port_shares.additional_properties = d
        return codersdk_workspace_agent_port_shares

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
