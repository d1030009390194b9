from enum import StrEnum


class CodersdkWorkspaceStatus(StrEnum):
    CANCELED = "canceled"
    CANCELING = "canceling"
    DELETED = "deleted"
    DELETING = "deleting"
    FAILED = "failed"
    PENDING = "pending"
    RUNNING = "running"
    STARTING = "starting"
    STOPPED = "stopped"
    STOPPING = "stopping"

    def __str__(self) -> str:
        return str(self.value)
