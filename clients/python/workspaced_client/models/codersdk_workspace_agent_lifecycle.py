from enum import StrEnum


class CodersdkWorkspaceAgentLifecycle(StrEnum):
    CREATED = "created"
    OFF = "off"
    READY = "ready"
    SHUTDOWN_ERROR = "shutdown_error"
    SHUTDOWN_TIMEOUT = "shutdown_timeout"
    SHUTTING_DOWN = "shutting_down"
    STARTING = "starting"
    START_ERROR = "start_error"
    START_TIMEOUT = "start_timeout"

    def __str__(self) -> str:
        return str(self.value)
