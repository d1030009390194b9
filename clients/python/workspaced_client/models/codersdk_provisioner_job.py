from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.codersdk_job_error_code import CodersdkJobErrorCode
from ..models.codersdk_provisioner_job_status import CodersdkProvisionerJobStatus
from ..models.codersdk_provisioner_job_type import CodersdkProvisionerJobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.codersdk_provisioner_job_input import CodersdkProvisionerJobInput
    from ..models.codersdk_provisioner_job_metadata import CodersdkProvisionerJobMetadata
    from ..models.codersdk_provisioner_job_tags import CodersdkProvisionerJobTags


T = TypeVar("T", bound="CodersdkProvisionerJob")


@_attrs_define
class CodersdkProvisionerJob:
    """A unit of provisioning work (here: running a workspace build).

    Attributes:
        created_at (datetime.datetime):
        file_id (UUID):
        id (UUID):
        initiator_id (UUID):
        input_ (CodersdkProvisionerJobInput): What started a provisioner job.
        logs_overflowed (bool):
        metadata (CodersdkProvisionerJobMetadata): Names of the template and workspace a job works on.
        organization_id (UUID):
        queue_position (int):
        queue_size (int):
        status (CodersdkProvisionerJobStatus): State of a provisioner job.
        tags (CodersdkProvisionerJobTags):
        type_ (CodersdkProvisionerJobType): Kind of work a provisioner job does.
        available_workers (list[UUID] | Unset):
        canceled_at (datetime.datetime | Unset):
        completed_at (datetime.datetime | Unset):
        error (str | Unset): Why the job failed; left out unless it did.
        error_code (CodersdkJobErrorCode | Unset): Machine-readable reason of a failed job.
        started_at (datetime.datetime | Unset):
        worker_id (UUID | Unset):
        worker_name (str | Unset):
    """

    created_at: datetime.datetime
    file_id: UUID
    id: UUID
    initiator_id: UUID
    input_: CodersdkProvisionerJobInput
    logs_overflowed: bool
    metadata: CodersdkProvisionerJobMetadata
    organization_id: UUID
    queue_position: int
    queue_size: int
    status: CodersdkProvisionerJobStatus
    tags: CodersdkProvisionerJobTags
    type_: CodersdkProvisionerJobType
    available_workers: list[UUID] | Unset = UNSET
    canceled_at: datetime.datetime | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    error: str | Unset = UNSET
    error_code: CodersdkJobErrorCode | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    worker_id: UUID | Unset = UNSET
    worker_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        file_id = str(self.file_id)

        id = str(self.id)

        initiator_id = str(self.initiator_id)

        input_ = self.input_.to_dict()

        logs_overflowed = self.logs_overflowed

        metadata = self.metadata.to_dict()

        organization_id = str(self.organization_id)

        queue_position = self.queue_position

        queue_size = self.queue_size

        status = self.status.value

        tags = self.tags.to_dict()

        type_ = self.type_.value

        available_workers: list[str] | Unset = UNSET
        if not isinstance(self.available_workers, Unset):
            available_workers = []
            for available_workers_item_data in self.available_workers:
                available_workers_item = str(available_workers_item_data)
                available_workers.append(available_workers_item)

        canceled_at: str | Unset = UNSET
        if not isinstance(self.canceled_at, Unset):
            canceled_at = self.canceled_at.isoformat()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        error = self.error

        error_code: str | Unset = UNSET
        if not isinstance(self.error_code, Unset):
            error_code = self.error_code.value

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        worker_id: str | Unset = UNSET
        if not isinstance(self.worker_id, Unset):
            worker_id = str(self.worker_id)

        worker_name = self.worker_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "file_id": file_id,
                "id": id,
                "initiator_id": initiator_id,
                "input": input_,
                "logs_overflowed": logs_overflowed,
                "metadata": metadata,
                "organization_id": organization_id,
                "queue_position": queue_position,
                "queue_size": queue_size,
                "status": status,
                "tags": tags,
                "type": type_,
            }
        )
        if available_workers is not UNSET:
            field_dict["available_workers"] = available_workers
        if canceled_at is not UNSET:
            field_dict["canceled_at"] = canceled_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if error is not UNSET:
            field_dict["error"] = error
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if worker_id is not UNSET:
            field_dict["worker_id"] = worker_id
        if worker_name is not UNSET:
            field_dict["worker_name"] = worker_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.codersdk_provisioner_job_input import CodersdkProvisionerJobInput  # noqa: PLC0415
        from ..models.codersdk_provisioner_job_metadata import CodersdkProvisionerJobMetadata  # noqa: PLC0415
        from ..models.codersdk_provisioner_job_tags import CodersdkProvisionerJobTags  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        file_id = UUID(d.pop("file_id"))

        id = UUID(d.pop("id"))

        initiator_id = UUID(d.pop("initiator_id"))

        input_ = CodersdkProvisionerJobInput.from_dict(d.pop("input"))

        logs_overflowed = d.pop("logs_overflowed")

        metadata = CodersdkProvisionerJobMetadata.from_dict(d.pop("metadata"))

        organization_id = UUID(d.pop("organization_id"))

        queue_position = d.pop("queue_position")

        queue_size = d.pop("queue_size")

        status = CodersdkProvisionerJobStatus(d.pop("status"))

        tags = CodersdkProvisionerJobTags.from_dict(d.pop("tags"))

        type_ = CodersdkProvisionerJobType(d.pop("type"))

        _available_workers = d.pop("available_workers", UNSET)
        available_workers: list[UUID] | Unset = UNSET
        if _available_workers is not UNSET:
            available_workers = []
            for available_workers_item_data in _available_workers:
                available_workers_item = UUID(available_workers_item_data)

                available_workers.append(available_workers_item)

        _canceled_at = d.pop("canceled_at", UNSET)
        canceled_at: datetime.datetime | Unset
        if isinstance(_canceled_at, Unset):
            canceled_at = UNSET
        else:
            canceled_at = datetime.datetime.fromisoformat(_canceled_at)

        _completed_at = d.pop("completed_at", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        error = d.pop("error", UNSET)

        _error_code = d.pop("error_code", UNSET)
        error_code: CodersdkJobErrorCode | Unset
        if isinstance(_error_code, Unset):
            error_code = UNSET
        else:
            error_code = CodersdkJobErrorCode(_error_code)

        _started_at = d.pop("started_at", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        _worker_id = d.pop("worker_id", UNSET)
        worker_id: UUID | Unset
        if isinstance(_worker_id, Unset):
            worker_id = UNSET
        else:
            worker_id = UUID(_worker_id)

        worker_name = d.pop("worker_name", UNSET)

        codersdk_provisioner_job = cls(
            created_at=created_at,
            file_id=file_id,
            id=id,
            initiator_id=initiator_id,
            input_=input_,
            logs_overflowed=logs_overflowed,
            metadata=metadata,
            organization_id=organization_id,
            queue_position=queue_position,
            queue_size=queue_size,
            status=status,
            tags=tags,
            type_=type_,
            available_workers=available_workers,
            canceled_at=canceled_at,
            completed_at=completed_at,
            error=error,
            error_code=error_code,
            started_at=started_at,
            worker_id=worker_id,
            worker_name=worker_name,
        )

        codersdk_provisioner_job.additional_properties = d
        return codersdk_provisioner_job

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
