from enum import StrEnum


class CodersdkWorkspaceAgentStartupScriptBehavior(StrEnum):
    BLOCKING = "blocking"
    NON_BLOCKING = "non-blocking"

    def __str__(self) -> str:
        return str(self.value)
