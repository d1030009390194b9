from enum import StrEnum


class CodersdkAgentSubsystem(StrEnum):
    ENVBOX = "envbox"
    ENVBUILDER = "envbuilder"
    EXECTRACE = "exectrace"

    def __str__(self) -> str:
        return str(self.value)
