from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_upsert_workspace_agent_port_share_request import CodersdkUpsertWorkspaceAgentPortShareRequest
from ...models.codersdk_workspace_agent_port_share import CodersdkWorkspaceAgentPortShare
from ...types import Response


def _get_kwargs(
    workspace: UUID,
    *,
    body: CodersdkUpsertWorkspaceAgentPortShareRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/workspaces/{workspace}/port-share".format(
            workspace=quote(str(workspace), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | CodersdkWorkspaceAgentPortShare | None:
    if response.status_code == 200:
        response_200 = CodersdkWorkspaceAgentPortShare.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CodersdkResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CodersdkResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CodersdkResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = CodersdkResponse.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = CodersdkResponse.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = CodersdkResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodersdkResponse | CodersdkWorkspaceAgentPortShare]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    body: CodersdkUpsertWorkspaceAgentPortShareRequest,
) -> Response[CodersdkResponse | CodersdkWorkspaceAgentPortShare]:
    """Upsert workspace agent port share

     Shares a port of one of the workspace's agents, or changes how it is shared: keyed by
    (workspace, `agent_name`, `port`). `share_level` is `organization`, `authenticated` or
    `public` (`owner` means "not shared": delete the share instead), at most the template's
    `max_port_share_level`; `port` is 9–65535; `protocol` is `http` (the default) or
    `https`; `agent_name` names an agent of the workspace's latest build. For callers who
    may change the workspace: its owner, site owners and users or groups holding `admin` on it.

    Args:
        workspace (UUID):
        body (CodersdkUpsertWorkspaceAgentPortShareRequest): Creates or changes the share of one
            agent port.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkWorkspaceAgentPortShare]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    body: CodersdkUpsertWorkspaceAgentPortShareRequest,
) -> CodersdkResponse | CodersdkWorkspaceAgentPortShare | None:
    """Upsert workspace agent port share

     Shares a port of one of the workspace's agents, or changes how it is shared: keyed by
    (workspace, `agent_name`, `port`). `share_level` is `organization`, `authenticated` or
    `public` (`owner` means "not shared": delete the share instead), at most the template's
    `max_port_share_level`; `port` is 9–65535; `protocol` is `http` (the default) or
    `https`; `agent_name` names an agent of the workspace's latest build. For callers who
    may change the workspace: its owner, site owners and users or groups holding `admin` on it.

    Args:
        workspace (UUID):
        body (CodersdkUpsertWorkspaceAgentPortShareRequest): Creates or changes the share of one
            agent port.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkWorkspaceAgentPortShare
    """

    return sync_detailed(
        workspace=workspace,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    body: CodersdkUpsertWorkspaceAgentPortShareRequest,
) -> Response[CodersdkResponse | CodersdkWorkspaceAgentPortShare]:
    """Upsert workspace agent port share

     Shares a port of one of the workspace's agents, or changes how it is shared: keyed by
    (workspace, `agent_name`, `port`). `share_level` is `organization`, `authenticated` or
    `public` (`owner` means "not shared": delete the share instead), at most the template's
    `max_port_share_level`; `port` is 9–65535; `protocol` is `http` (the default) or
    `https`; `agent_name` names an agent of the workspace's latest build. For callers who
    may change the workspace: its owner, site owners and users or groups holding `admin` on it.

    Args:
        workspace (UUID):
        body (CodersdkUpsertWorkspaceAgentPortShareRequest): Creates or changes the share of one
            agent port.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkWorkspaceAgentPortShare]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    body: CodersdkUpsertWorkspaceAgentPortShareRequest,
) -> CodersdkResponse | CodersdkWorkspaceAgentPortShare | None:
    """Upsert workspace agent port share

     Shares a port of one of the workspace's agents, or changes how it is shared: keyed by
    (workspace, `agent_name`, `port`). `share_level` is `organization`, `authenticated` or
    `public` (`owner` means "not shared": delete the share instead), at most the template's
    `max_port_share_level`; `port` is 9–65535; `protocol` is `http` (the default) or
    `https`; `agent_name` names an agent of the workspace's latest build. For callers who
    may change the workspace: its owner, site owners and users or groups holding `admin` on it.

    Args:
        workspace (UUID):
        body (CodersdkUpsertWorkspaceAgentPortShareRequest): Creates or changes the share of one
            agent port.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkWorkspaceAgentPortShare
    """

    return (
        await asyncio_detailed(
            workspace=workspace,
            client=client,
            body=body,
        )
    ).parsed
