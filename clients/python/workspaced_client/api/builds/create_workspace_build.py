from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_create_workspace_build_request import CodersdkCreateWorkspaceBuildRequest
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_workspace_build import CodersdkWorkspaceBuild
from ...types import Response


def _get_kwargs(
    workspace: UUID,
    *,
    body: CodersdkCreateWorkspaceBuildRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/workspaces/{workspace}/builds".format(
            workspace=quote(str(workspace), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | CodersdkWorkspaceBuild | None:
    if response.status_code == 201:
        response_201 = CodersdkWorkspaceBuild.from_dict(response.json())

        return response_201

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

    if response.status_code == 409:
        response_409 = CodersdkResponse.from_dict(response.json())

        return response_409

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
) -> Response[CodersdkResponse | CodersdkWorkspaceBuild]:
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
    body: CodersdkCreateWorkspaceBuildRequest,
) -> Response[CodersdkResponse | CodersdkWorkspaceBuild]:
    """Create workspace build

     Queues a `start`, `stop` or `delete` build, run by the provisioner; a completed `delete`
    build deletes the workspace. Starting and stopping need the `use` role on a shared
    workspace, deleting `admin`. Coder answers 201 Created.

    Args:
        workspace (UUID):
        body (CodersdkCreateWorkspaceBuildRequest): Body of `POST /workspaces/{workspace}/builds`:
            start, stop or delete the workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkWorkspaceBuild]
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
    body: CodersdkCreateWorkspaceBuildRequest,
) -> CodersdkResponse | CodersdkWorkspaceBuild | None:
    """Create workspace build

     Queues a `start`, `stop` or `delete` build, run by the provisioner; a completed `delete`
    build deletes the workspace. Starting and stopping need the `use` role on a shared
    workspace, deleting `admin`. Coder answers 201 Created.

    Args:
        workspace (UUID):
        body (CodersdkCreateWorkspaceBuildRequest): Body of `POST /workspaces/{workspace}/builds`:
            start, stop or delete the workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkWorkspaceBuild
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
    body: CodersdkCreateWorkspaceBuildRequest,
) -> Response[CodersdkResponse | CodersdkWorkspaceBuild]:
    """Create workspace build

     Queues a `start`, `stop` or `delete` build, run by the provisioner; a completed `delete`
    build deletes the workspace. Starting and stopping need the `use` role on a shared
    workspace, deleting `admin`. Coder answers 201 Created.

    Args:
        workspace (UUID):
        body (CodersdkCreateWorkspaceBuildRequest): Body of `POST /workspaces/{workspace}/builds`:
            start, stop or delete the workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkWorkspaceBuild]
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
    body: CodersdkCreateWorkspaceBuildRequest,
) -> CodersdkResponse | CodersdkWorkspaceBuild | None:
    """Create workspace build

     Queues a `start`, `stop` or `delete` build, run by the provisioner; a completed `delete`
    build deletes the workspace. Starting and stopping need the `use` role on a shared
    workspace, deleting `admin`. Coder answers 201 Created.

    Args:
        workspace (UUID):
        body (CodersdkCreateWorkspaceBuildRequest): Body of `POST /workspaces/{workspace}/builds`:
            start, stop or delete the workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkWorkspaceBuild
    """

    return (
        await asyncio_detailed(
            workspace=workspace,
            client=client,
            body=body,
        )
    ).parsed
