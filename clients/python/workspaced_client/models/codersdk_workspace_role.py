from enum import StrEnum


class CodersdkWorkspaceRole(StrEnum):
    ADMIN = "admin"
    USE = "use"
    VALUE_2 = ""

    def __str__(self) -> str:
        return str(self.value)
