from enum import StrEnum


class CodersdkGroupSource(StrEnum):
    OIDC = "oidc"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
