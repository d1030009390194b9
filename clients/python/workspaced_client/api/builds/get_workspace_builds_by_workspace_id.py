import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_workspace_build import CodersdkWorkspaceBuild
from ...types import UNSET, Response, Unset


def _get_kwargs(
    workspace: UUID,
    *,
    after_id: UUID | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after_id: str | Unset = UNSET
    if not isinstance(after_id, Unset):
        json_after_id = str(after_id)
    params["after_id"] = json_after_id

    params["limit"] = limit

    params["offset"] = offset

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/workspaces/{workspace}/builds".format(
            workspace=quote(str(workspace), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | list[CodersdkWorkspaceBuild] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CodersdkWorkspaceBuild.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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

    if response.status_code == 500:
        response_500 = CodersdkResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodersdkResponse | list[CodersdkWorkspaceBuild]]:
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
    after_id: UUID | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
) -> Response[CodersdkResponse | list[CodersdkWorkspaceBuild]]:
    """Get workspace builds by workspace ID

     The workspace's builds, newest first.

    Args:
        workspace (UUID):
        after_id (UUID | Unset):
        limit (int | Unset):
        offset (int | Unset):
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | list[CodersdkWorkspaceBuild]]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        after_id=after_id,
        limit=limit,
        offset=offset,
        since=since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    after_id: UUID | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
) -> CodersdkResponse | list[CodersdkWorkspaceBuild] | None:
    """Get workspace builds by workspace ID

     The workspace's builds, newest first.

    Args:
        workspace (UUID):
        after_id (UUID | Unset):
        limit (int | Unset):
        offset (int | Unset):
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | list[CodersdkWorkspaceBuild]
    """

    return sync_detailed(
        workspace=workspace,
        client=client,
        after_id=after_id,
        limit=limit,
        offset=offset,
        since=since,
    ).parsed


async def asyncio_detailed(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    after_id: UUID | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
) -> Response[CodersdkResponse | list[CodersdkWorkspaceBuild]]:
    """Get workspace builds by workspace ID

     The workspace's builds, newest first.

    Args:
        workspace (UUID):
        after_id (UUID | Unset):
        limit (int | Unset):
        offset (int | Unset):
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | list[CodersdkWorkspaceBuild]]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        after_id=after_id,
        limit=limit,
        offset=offset,
        since=since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace: UUID,
    *,
    client: AuthenticatedClient,
    after_id: UUID | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
) -> CodersdkResponse | list[CodersdkWorkspaceBuild] | None:
    """Get workspace builds by workspace ID

     The workspace's builds, newest first.

    Args:
        workspace (UUID):
        after_id (UUID | Unset):
        limit (int | Unset):
        offset (int | Unset):
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | list[CodersdkWorkspaceBuild]
    """

    return (
        await asyncio_detailed(
            workspace=workspace,
            client=client,
            after_id=after_id,
            limit=limit,
            offset=offset,
            since=since,
        )
    ).parsed
