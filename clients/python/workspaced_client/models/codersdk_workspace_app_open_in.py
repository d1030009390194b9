from enum import StrEnum


class CodersdkWorkspaceAppOpenIn(StrEnum):
    SLIM_WINDOW = "slim-window"
    TAB = "tab"

    def __str__(self) -> str:
        return str(self.value)
