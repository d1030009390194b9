from enum import StrEnum


class CodersdkUsageAppName(StrEnum):
    JETBRAINS = "jetbrains"
    RECONNECTING_PTY = "reconnecting-pty"
    SSH = "ssh"
    VSCODE = "vscode"

    def __str__(self) -> str:
        return str(self.value)
