from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_server_sent_event import CodersdkServerSentEvent
from ...types import Response


def _get_kwargs(
    workspace: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/workspaces/{workspace}/watch-ws".format(
            workspace=quote(str(workspace), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | CodersdkServerSentEvent | None:
    if response.status_code == 200:
        response_200 = CodersdkServerSentEvent.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CodersdkResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CodersdkResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = CodersdkResponse.from_dict(response.json())

        return response_404

    if response.status_code == 426:
        response_426 = CodersdkResponse.from_dict(response.json())

        return response_426

    if response.status_code == 500:
        response_500 = CodersdkResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodersdkResponse | CodersdkServerSentEvent]:
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
) -> Response[CodersdkResponse | CodersdkServerSentEvent]:
    """Watch workspace by ID via WebSockets

     The events of `watch` as WebSocket text frames, each a `codersdk.ServerSentEvent`
    (`{"type": ..., "data": ...}`), after the handshake (101 Switching Protocols). The socket
    is one-way: a message from the client closes it with status 1002 (protocol error).

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkServerSentEvent]
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
) -> CodersdkResponse | CodersdkServerSentEvent | None:
    """Watch workspace by ID via WebSockets

     The events of `watch` as WebSocket text frames, each a `codersdk.ServerSentEvent`
    (`{"type": ..., "data": ...}`), after the handshake (101 Switching Protocols). The socket
    is one-way: a message from the client closes it with status 1002 (protocol error).

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkServerSentEvent
    """

    return sync_detailed(
        workspace=workspace,
        client=client,
    ).parsed


async def asyncio_detailed(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CodersdkResponse | CodersdkServerSentEvent]:
    """Watch workspace by ID via WebSockets

     The events of `watch` as WebSocket text frames, each a `codersdk.ServerSentEvent`
    (`{"type": ..., "data": ...}`), after the handshake (101 Switching Protocols). The socket
    is one-way: a message from the client closes it with status 1002 (protocol error).

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkServerSentEvent]
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
) -> CodersdkResponse | CodersdkServerSentEvent | None:
    """Watch workspace by ID via WebSockets

     The events of `watch` as WebSocket text frames, each a `codersdk.ServerSentEvent`
    (`{"type": ..., "data": ...}`), after the handshake (101 Switching Protocols). The socket
    is one-way: a message from the client closes it with status 1002 (protocol error).

    Args:
        workspace (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkServerSentEvent
    """

    return (
        await asyncio_detailed(
            workspace=workspace,
            client=client,
        )
    ).parsed
