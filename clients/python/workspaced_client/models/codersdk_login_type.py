from enum import StrEnum


class CodersdkLoginType(StrEnum):
    GITHUB = "github"
    NONE = "none"
    OIDC = "oidc"
    PASSWORD = "password"
    TOKEN = "token"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
