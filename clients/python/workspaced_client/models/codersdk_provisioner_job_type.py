from enum import StrEnum


class CodersdkProvisionerJobType(StrEnum):
    TEMPLATE_VERSION_DRY_RUN = "template_version_dry_run"
    TEMPLATE_VERSION_IMPORT = "template_version_import"
    WORKSPACE_BUILD = "workspace_build"

    def __str__(self) -> str:
        return str(self.value)
