from enum import StrEnum


class CodersdkTimingStage(StrEnum):
    APPLY = "apply"
    CONNECT = "connect"
    CRON = "cron"
    GRAPH = "graph"
    INIT = "init"
    PLAN = "plan"
    START = "start"
    STOP = "stop"

    def __str__(self) -> str:
        return str(self.value)
