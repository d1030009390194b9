from enum import StrEnum


class CodersdkWorkspaceAppHealth(StrEnum):
    DISABLED = "disabled"
    HEALTHY = "healthy"
    INITIALIZING = "initializing"
    UNHEALTHY = "unhealthy"

    def __str__(self) -> str:
        return str(self.value)
