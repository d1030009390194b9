from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...types import Response


def _get_kwargs(
    workspace: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/workspaces/{workspace}/favorite".format(
            workspace=quote(str(workspace), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CodersdkResponse | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 500:
        response_500 = CodersdkResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | CodersdkResponse]:
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
) -> Response[Any | CodersdkResponse]:
    """Favorite workspace by ID.

     Only the workspace's owner may: favorites are personal, and come first in the owner's
    list.

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CodersdkResponse]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
) -> Any | CodersdkResponse | None:
    """Favorite workspace by ID.

     Only the workspace's owner may: favorites are personal, and come first in the owner's
    list.

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CodersdkResponse
    """

    return sync_detailed(
        workspace=workspace,
        client=client,
    ).parsed


async def asyncio_detailed(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Any | CodersdkResponse]:
    """Favorite workspace by ID.

     Only the workspace's owner may: favorites are personal, and come first in the owner's
    list.

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CodersdkResponse]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
) -> Any | CodersdkResponse | None:
    """Favorite workspace by ID.

     Only the workspace's owner may: favorites are personal, and come first in the owner's
    list.

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CodersdkResponse
    """

    return (
        await asyncio_detailed(
            workspace=workspace,
            client=client,
        )
    ).parsed
