"""Contains all the data models used in inputs/outputs"""

from .codersdk_agent_connection_timing import CodersdkAgentConnectionTiming
from .codersdk_agent_script_timing import CodersdkAgentScriptTiming
from .codersdk_agent_subsystem import CodersdkAgentSubsystem
from .codersdk_automatic_updates import CodersdkAutomaticUpdates
from .codersdk_build_info_response import CodersdkBuildInfoResponse
from .codersdk_build_reason import CodersdkBuildReason
from .codersdk_create_workspace_build_reason import CodersdkCreateWorkspaceBuildReason
from .codersdk_create_workspace_build_request import CodersdkCreateWorkspaceBuildRequest
from .codersdk_create_workspace_request import CodersdkCreateWorkspaceRequest
from .codersdk_delete_workspace_agent_port_share_request import CodersdkDeleteWorkspaceAgentPortShareRequest
from .codersdk_derp_region import CodersdkDERPRegion
from .codersdk_display_app import CodersdkDisplayApp
from .codersdk_group_source import CodersdkGroupSource
from .codersdk_healthcheck import CodersdkHealthcheck
from .codersdk_job_error_code import CodersdkJobErrorCode
from .codersdk_login_type import CodersdkLoginType
from .codersdk_matched_provisioners import CodersdkMatchedProvisioners
from .codersdk_minimal_user import CodersdkMinimalUser
from .codersdk_post_workspace_usage_request import CodersdkPostWorkspaceUsageRequest
from .codersdk_provisioner_job import CodersdkProvisionerJob
from .codersdk_provisioner_job_input import CodersdkProvisionerJobInput
from .codersdk_provisioner_job_metadata import CodersdkProvisionerJobMetadata
from .codersdk_provisioner_job_status import CodersdkProvisionerJobStatus
from .codersdk_provisioner_job_tags import CodersdkProvisionerJobTags
from .codersdk_provisioner_job_type import CodersdkProvisionerJobType
from .codersdk_provisioner_timing import CodersdkProvisionerTiming
from .codersdk_put_extend_workspace_request import CodersdkPutExtendWorkspaceRequest
from .codersdk_reduced_user import CodersdkReducedUser
from .codersdk_resolve_autostart_response import CodersdkResolveAutostartResponse
from .codersdk_response import CodersdkResponse
from .codersdk_server_sent_event import CodersdkServerSentEvent
from .codersdk_server_sent_event_type import CodersdkServerSentEventType
from .codersdk_shared_workspace_actor import CodersdkSharedWorkspaceActor
from .codersdk_shared_workspace_actor_type import CodersdkSharedWorkspaceActorType
from .codersdk_slim_role import CodersdkSlimRole
from .codersdk_template import CodersdkTemplate
from .codersdk_template_autostart_requirement import CodersdkTemplateAutostartRequirement
from .codersdk_template_build_time_stats import CodersdkTemplateBuildTimeStats
from .codersdk_timing_stage import CodersdkTimingStage
from .codersdk_transition_stats import CodersdkTransitionStats
from .codersdk_update_workspace_acl import CodersdkUpdateWorkspaceACL
from .codersdk_update_workspace_acl_group_roles_type_0 import CodersdkUpdateWorkspaceACLGroupRolesType0
from .codersdk_update_workspace_acl_user_roles_type_0 import CodersdkUpdateWorkspaceACLUserRolesType0
from .codersdk_update_workspace_automatic_updates_request import CodersdkUpdateWorkspaceAutomaticUpdatesRequest
from .codersdk_update_workspace_autostart_request import CodersdkUpdateWorkspaceAutostartRequest
from .codersdk_update_workspace_dormancy import CodersdkUpdateWorkspaceDormancy
from .codersdk_update_workspace_request import CodersdkUpdateWorkspaceRequest
from .codersdk_update_workspace_ttl_request import CodersdkUpdateWorkspaceTTLRequest
from .codersdk_upsert_workspace_agent_port_share_request import CodersdkUpsertWorkspaceAgentPortShareRequest
from .codersdk_usage_app_name import CodersdkUsageAppName
from .codersdk_user import CodersdkUser
from .codersdk_user_status import CodersdkUserStatus
from .codersdk_validation_error import CodersdkValidationError
from .codersdk_workspace import CodersdkWorkspace
from .codersdk_workspace_acl import CodersdkWorkspaceACL
from .codersdk_workspace_agent import CodersdkWorkspaceAgent
from .codersdk_workspace_agent_environment_variables_type_0 import CodersdkWorkspaceAgentEnvironmentVariablesType0
from .codersdk_workspace_agent_health import CodersdkWorkspaceAgentHealth
from .codersdk_workspace_agent_latency import CodersdkWorkspaceAgentLatency
from .codersdk_workspace_agent_lifecycle import CodersdkWorkspaceAgentLifecycle
from .codersdk_workspace_agent_log_source import CodersdkWorkspaceAgentLogSource
from .codersdk_workspace_agent_port_share import CodersdkWorkspaceAgentPortShare
from .codersdk_workspace_agent_port_share_level import CodersdkWorkspaceAgentPortShareLevel
from .codersdk_workspace_agent_port_share_protocol import CodersdkWorkspaceAgentPortShareProtocol
from .codersdk_workspace_agent_port_shares import CodersdkWorkspaceAgentPortShares
from .codersdk_workspace_agent_script import CodersdkWorkspaceAgentScript
from .codersdk_workspace_agent_startup_script_behavior import CodersdkWorkspaceAgentStartupScriptBehavior
from .codersdk_workspace_agent_status import CodersdkWorkspaceAgentStatus
from .codersdk_workspace_app import CodersdkWorkspaceApp
from .codersdk_workspace_app_health import CodersdkWorkspaceAppHealth
from .codersdk_workspace_app_open_in import CodersdkWorkspaceAppOpenIn
from .codersdk_workspace_app_sharing_level import CodersdkWorkspaceAppSharingLevel
from .codersdk_workspace_app_status import CodersdkWorkspaceAppStatus
from .codersdk_workspace_app_status_state import CodersdkWorkspaceAppStatusState
from .codersdk_workspace_build import CodersdkWorkspaceBuild
from .codersdk_workspace_build_parameter import CodersdkWorkspaceBuildParameter
from .codersdk_workspace_build_timings import CodersdkWorkspaceBuildTimings
from .codersdk_workspace_group import CodersdkWorkspaceGroup
from .codersdk_workspace_health import CodersdkWorkspaceHealth
from .codersdk_workspace_resource import CodersdkWorkspaceResource
from .codersdk_workspace_resource_metadata import CodersdkWorkspaceResourceMetadata
from .codersdk_workspace_role import CodersdkWorkspaceRole
from .codersdk_workspace_status import CodersdkWorkspaceStatus
from .codersdk_workspace_transition import CodersdkWorkspaceTransition
from .codersdk_workspace_user import CodersdkWorkspaceUser
from .codersdk_workspaces_response import CodersdkWorkspacesResponse

__all__ = (
    "CodersdkAgentConnectionTiming",
    "CodersdkAgentScriptTiming",
    "CodersdkAgentSubsystem",
    "CodersdkAutomaticUpdates",
    "CodersdkBuildInfoResponse",
    "CodersdkBuildReason",
    "CodersdkCreateWorkspaceBuildReason",
    "CodersdkCreateWorkspaceBuildRequest",
    "CodersdkCreateWorkspaceRequest",
    "CodersdkDeleteWorkspaceAgentPortShareRequest",
    "CodersdkDERPRegion",
    "CodersdkDisplayApp",
    "CodersdkGroupSource",
    "CodersdkHealthcheck",
    "CodersdkJobErrorCode",
    "CodersdkLoginType",
    "CodersdkMatchedProvisioners",
    "CodersdkMinimalUser",
    "CodersdkPostWorkspaceUsageRequest",
    "CodersdkProvisionerJob",
    "CodersdkProvisionerJobInput",
    "CodersdkProvisionerJobMetadata",
    "CodersdkProvisionerJobStatus",
    "CodersdkProvisionerJobTags",
    "CodersdkProvisionerJobType",
    "CodersdkProvisionerTiming",
    "CodersdkPutExtendWorkspaceRequest",
    "CodersdkReducedUser",
    "CodersdkResolveAutostartResponse",
    "CodersdkResponse",
    "CodersdkServerSentEvent",
    "CodersdkServerSentEventType",
    "CodersdkSharedWorkspaceActor",
    "CodersdkSharedWorkspaceActorType",
    "CodersdkSlimRole",
    "CodersdkTemplate",
    "CodersdkTemplateAutostartRequirement",
    "CodersdkTemplateBuildTimeStats",
    "CodersdkTimingStage",
    "CodersdkTransitionStats",
    "CodersdkUpdateWorkspaceACL",
    "CodersdkUpdateWorkspaceACLGroupRolesType0",
    "CodersdkUpdateWorkspaceACLUserRolesType0",
    "CodersdkUpdateWorkspaceAutomaticUpdatesRequest",
    "CodersdkUpdateWorkspaceAutostartRequest",
    "CodersdkUpdateWorkspaceDormancy",
    "CodersdkUpdateWorkspaceRequest",
    "CodersdkUpdateWorkspaceTTLRequest",
    "CodersdkUpsertWorkspaceAgentPortShareRequest",
    "CodersdkUsageAppName",
    "CodersdkUser",
    "CodersdkUserStatus",
    "CodersdkValidationError",
    "CodersdkWorkspace",
    "CodersdkWorkspaceACL",
    "CodersdkWorkspaceAgent",
    "CodersdkWorkspaceAgentEnvironmentVariablesType0",
    "CodersdkWorkspaceAgentHealth",
    "CodersdkWorkspaceAgentLatency",
    "CodersdkWorkspaceAgentLifecycle",
    "CodersdkWorkspaceAgentLogSource",
    "CodersdkWorkspaceAgentPortShare",
    "CodersdkWorkspaceAgentPortShareLevel",
    "CodersdkWorkspaceAgentPortShareProtocol",
    "CodersdkWorkspaceAgentPortShares",
    "CodersdkWorkspaceAgentScript",
    "CodersdkWorkspaceAgentStartupScriptBehavior",
    "CodersdkWorkspaceAgentStatus",
    "CodersdkWorkspaceApp",
    "CodersdkWorkspaceAppHealth",
    "CodersdkWorkspaceAppOpenIn",
    "CodersdkWorkspaceAppSharingLevel",
    "CodersdkWorkspaceAppStatus",
    "CodersdkWorkspaceAppStatusState",
    "CodersdkWorkspaceBuild",
    "CodersdkWorkspaceBuildParameter",
    "CodersdkWorkspaceBuildTimings",
    "CodersdkWorkspaceGroup",
    "CodersdkWorkspaceHealth",
    "CodersdkWorkspaceResource",
    "CodersdkWorkspaceResourceMetadata",
    "CodersdkWorkspaceRole",
    "CodersdkWorkspacesResponse",
    "CodersdkWorkspaceStatus",
    "CodersdkWorkspaceTransition",
    "CodersdkWorkspaceUser",
)
