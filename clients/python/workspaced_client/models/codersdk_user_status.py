from enum import StrEnum


class CodersdkUserStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
