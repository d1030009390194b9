from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_create_workspace_request import CodersdkCreateWorkspaceRequest
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_workspace import CodersdkWorkspace
from ...types import Response


def _get_kwargs(
    user: str,
    *,
    body: CodersdkCreateWorkspaceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/users/{user}/workspaces".format(
            user=quote(str(user), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | CodersdkWorkspace | None:
    if response.status_code == 201:
        response_201 = CodersdkWorkspace.from_dict(response.json())

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
) -> Response[CodersdkResponse | CodersdkWorkspace]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user: str,
    *,
    client: AuthenticatedClient,
    body: CodersdkCreateWorkspaceRequest,
) -> Response[CodersdkResponse | CodersdkWorkspace]:
    """Create user workspace

     Create a new workspace using a template. The request must specify either the Template
    ID or the Template Version ID, not both. If the Template ID is specified, the active
    version of the template will be used. Coder answers 201 Created.

    Args:
        user (str):
        body (CodersdkCreateWorkspaceRequest): Body of the create-workspace endpoints; give a
            template or a template version, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkWorkspace]
    """

    kwargs = _get_kwargs(
        user=user,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user: str,
    *,
    client: AuthenticatedClient,
    body: CodersdkCreateWorkspaceRequest,
) -> CodersdkResponse | CodersdkWorkspace | None:
    """Create user workspace

     Create a new workspace using a template. The request must specify either the Template
    ID or the Template Version ID, not both. If the Template ID is specified, the active
    version of the template will be used. Coder answers 201 Created.

    Args:
        user (str):
        body (CodersdkCreateWorkspaceRequest): Body of the create-workspace endpoints; give a
            template or a template version, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkWorkspace
    """

    return sync_detailed(
        user=user,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    user: str,
    *,
    client: AuthenticatedClient,
    body: CodersdkCreateWorkspaceRequest,
) -> Response[CodersdkResponse | CodersdkWorkspace]:
    """Create user workspace

     Create a new workspace using a template. The request must specify either the Template
    ID or the Template Version ID, not both. If the Template ID is specified, the active
    version of the template will be used. Coder answers 201 Created.

    Args:
        user (str):
        body (CodersdkCreateWorkspaceRequest): Body of the create-workspace endpoints; give a
            template or a template version, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkWorkspace]
    """

    kwargs = _get_kwargs(
        user=user,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user: str,
    *,
    client: AuthenticatedClient,
    body: CodersdkCreateWorkspaceRequest,
) -> CodersdkResponse | CodersdkWorkspace | None:
    """Create user workspace

     Create a new workspace using a template. The request must specify either the Template
    ID or the Template Version ID, not both. If the Template ID is specified, the active
    version of the template will be used. Coder answers 201 Created.

    Args:
        user (str):
        body (CodersdkCreateWorkspaceRequest): Body of the create-workspace endpoints; give a
            template or a template version, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkWorkspace
    """

    return (
        await asyncio_detailed(
            user=user,
            client=client,
            body=body,
        )
    ).parsed
