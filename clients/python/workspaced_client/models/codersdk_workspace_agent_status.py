from enum import StrEnum


class CodersdkWorkspaceAgentStatus(StrEnum):
    CONNECTED = "connected"
    CONNECTING = "connecting"
    DISCONNECTED = "disconnected"
    TIMEOUT = "timeout"

    def __str__(self) -> str:
        return str(self.value)
