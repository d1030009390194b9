from enum import StrEnum


class CodersdkWorkspaceAppStatusState(StrEnum):
    COMPLETE = "complete"
    FAILURE = "failure"
    IDLE = "idle"
    WORKING = "working"

    def __str__(self) -> str:
        return str(self.value)
