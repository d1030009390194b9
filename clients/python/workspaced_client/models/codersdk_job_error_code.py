from enum import StrEnum


class CodersdkJobErrorCode(StrEnum):
    REQUIRED_TEMPLATE_VARIABLES = "REQUIRED_TEMPLATE_VARIABLES"

    def __str__(self) -> str:
        return str(self.value)
