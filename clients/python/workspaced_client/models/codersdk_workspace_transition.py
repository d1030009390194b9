from enum import StrEnum


class CodersdkWorkspaceTransition(StrEnum):
    DELETE = "delete"
    START = "start"
    STOP = "stop"

    def __str__(self) -> str:
        return str(self.value)
