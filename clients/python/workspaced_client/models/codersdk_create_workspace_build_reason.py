from enum import StrEnum


class CodersdkCreateWorkspaceBuildReason(StrEnum):
    CLI = "cli"
    DASHBOARD = "dashboard"
    JETBRAINS_CONNECTION = "jetbrains_connection"
    SSH_CONNECTION = "ssh_connection"
    VSCODE_CONNECTION = "vscode_connection"

    def __str__(self) -> str:
        return str(self.value)
