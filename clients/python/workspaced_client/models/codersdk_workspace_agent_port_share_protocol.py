from enum import StrEnum


class CodersdkWorkspaceAgentPortShareProtocol(StrEnum):
    HTTP = "http"
    HTTPS = "https"

    def __str__(self) -> str:
        return str(self.value)
