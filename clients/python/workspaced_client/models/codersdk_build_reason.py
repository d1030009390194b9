from enum import StrEnum


class CodersdkBuildReason(StrEnum):
    AUTODELETE = "autodelete"
    AUTOSTART = "autostart"
    AUTOSTOP = "autostop"
    CLI = "cli"
    DASHBOARD = "dashboard"
    DORMANCY = "dormancy"
    INITIATOR = "initiator"
    JETBRAINS_CONNECTION = "jetbrains_connection"
    SSH_CONNECTION = "ssh_connection"
    VSCODE_CONNECTION = "vscode_connection"

    def __str__(self) -> str:
        return str(self.value)
