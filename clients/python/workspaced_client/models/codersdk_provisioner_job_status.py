from enum import StrEnum


class CodersdkProvisionerJobStatus(StrEnum):
    CANCELED = "canceled"
    CANCELING = "canceling"
    FAILED = "failed"
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
