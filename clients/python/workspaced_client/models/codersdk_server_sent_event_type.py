from enum import StrEnum


class CodersdkServerSentEventType(StrEnum):
    DATA = "data"
    ERROR = "error"
    PING = "ping"

    def __str__(self) -> str:
        return str(self.value)
