from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_validation_error import CodersdkValidationError


T = TypeVar("T", bound="CodersdkResponse")


@_attrs_define
class CodersdkResponse:
    """Body of every error answer (and of a few plain confirmations): a message, an optional
    technical detail and optional per-field problems.

        Attributes:
            message (str): A full sentence telling the user what happened.
            detail (str | Unset): Technical reason behind the failure; left out when empty.
            validations (list[CodersdkValidationError] | Unset): Problems tied to single fields of the request; left out
                when empty.
    """

    message: str
    detail: str | Unset = UNSET
    validations: list[CodersdkValidationError] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        detail = self.detail

        validations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.validations, Unset):
            validations = []
            for validations_item_data in self.validations:
                validations_item = validations_item_data.to_dict()
                validations.append(validations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if validations is not UNSET:
            field_dict["validations"] = validations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_validation_error import CodersdkValidationError  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        detail = d.pop("detail", UNSET)

        _validations = d.pop("validations", UNSET)
        validations: list[CodersdkValidationError] | Unset = UNSET
        if _validations is not UNSET:
            validations = []
            for validations_item_data in _validations:
                validations_item = CodersdkValidationError.from_dict(validations_item_data)

                validations.append(validations_item)

        codersdk_response = cls(
            message=message,
            detail=detail,
            validations=validations,
        )

        codersdk_response.additional_properties = d
        return codersdk_response

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
