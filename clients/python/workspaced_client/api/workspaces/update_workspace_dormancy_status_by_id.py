from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_update_workspace_dormancy import CodersdkUpdateWorkspaceDormancy
from ...models.codersdk_workspace import CodersdkWorkspace
from ...types import Response


def _get_kwargs(
    workspace: UUID,
    *,
    body: CodersdkUpdateWorkspaceDormancy,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/workspaces/{workspace}/dormant".format(
            workspace=quote(str(workspace), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CodersdkResponse | CodersdkWorkspace | None:
    if response.status_code == 200:
        response_200 = CodersdkWorkspace.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | CodersdkResponse | CodersdkWorkspace]:
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
    body: CodersdkUpdateWorkspaceDormancy,
) -> Response[Any | CodersdkResponse | CodersdkWorkspace]:
    """Update workspace dormancy status by id.

     Dormancy sets `dormant_at` and, when the template deletes dormant workspaces,
    `deleting_at` (after its `time_til_dormant_autodelete_ms`); waking clears both and
    counts as a use.

    Args:
        workspace (UUID):
        body (CodersdkUpdateWorkspaceDormancy): Body of the dormancy endpoint; false wakes the
            workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CodersdkResponse | CodersdkWorkspace]
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
    body: CodersdkUpdateWorkspaceDormancy,
) -> Any | CodersdkResponse | CodersdkWorkspace | None:
    """Update workspace dormancy status by id.

     Dormancy sets `dormant_at` and, when the template deletes dormant workspaces,
    `deleting_at` (after its `time_til_dormant_autodelete_ms`); waking clears both and
    counts as a use.

    Args:
        workspace (UUID):
        body (CodersdkUpdateWorkspaceDormancy): Body of the dormancy endpoint; false wakes the
            workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CodersdkResponse | CodersdkWorkspace
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
    body: CodersdkUpdateWorkspaceDormancy,
) -> Response[Any | CodersdkResponse | CodersdkWorkspace]:
    """Update workspace dormancy status by id.

     Dormancy sets `dormant_at` and, when the template deletes dormant workspaces,
    `deleting_at` (after its `time_til_dormant_autodelete_ms`); waking clears both and
    counts as a use.

    Args:
        workspace (UUID):
        body (CodersdkUpdateWorkspaceDormancy): Body of the dormancy endpoint; false wakes the
            workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CodersdkResponse | CodersdkWorkspace]
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
    body: CodersdkUpdateWorkspaceDormancy,
) -> Any | CodersdkResponse | CodersdkWorkspace | None:
    """Update workspace dormancy status by id.

     Dormancy sets `dormant_at` and, when the template deletes dormant workspaces,
    `deleting_at` (after its `time_til_dormant_autodelete_ms`); waking clears both and
    counts as a use.

    Args:
        workspace (UUID):
        body (CodersdkUpdateWorkspaceDormancy): Body of the dormancy endpoint; false wakes the
            workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CodersdkResponse | CodersdkWorkspace
    """

    return (
        await asyncio_detailed(
            workspace=workspace,
            client=client,
            body=body,
        )
    ).parsed
