from enum import StrEnum


class CodersdkWorkspaceAgentPortShareLevel(StrEnum):
    AUTHENTICATED = "authenticated"
    ORGANIZATION = "organization"
    OWNER = "owner"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
