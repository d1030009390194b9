from enum import StrEnum


class CodersdkDisplayApp(StrEnum):
    PORT_FORWARDING_HELPER = "port_forwarding_helper"
    SSH_HELPER = "ssh_helper"
    VSCODE = "vscode"
    VSCODE_INSIDERS = "vscode_insiders"
    WEB_TERMINAL = "web_terminal"

    def __str__(self) -> str:
        return str(self.value)
