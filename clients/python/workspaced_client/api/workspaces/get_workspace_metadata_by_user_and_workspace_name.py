from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_workspace import CodersdkWorkspace
from ...types import UNSET, Response, Unset


def _get_kwargs(
    user: str,
    workspacename: str,
    *,
    include_deleted: bool | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["include_deleted"] = include_deleted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/users/{user}/workspace/{workspacename}".format(
            user=quote(str(user), safe=""),
            workspacename=quote(str(workspacename), safe=""),
        ),
        "params": params,
    }

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
) -> Response[Any | CodersdkResponse | CodersdkWorkspace]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user: str,
    workspacename: str,
    *,
    client: AuthenticatedClient,
    include_deleted: bool | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | CodersdkResponse | CodersdkWorkspace]:
    """Get workspace metadata by user and workspace name

    Args:
        user (str):
        workspacename (str):
        include_deleted (bool | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CodersdkResponse | CodersdkWorkspace]
    """

    kwargs = _get_kwargs(
        user=user,
        workspacename=workspacename,
        include_deleted=include_deleted,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user: str,
    workspacename: str,
    *,
    client: AuthenticatedClient,
    include_deleted: bool | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | CodersdkResponse | CodersdkWorkspace | None:
    """Get workspace metadata by user and workspace name

    Args:
        user (str):
        workspacename (str):
        include_deleted (bool | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CodersdkResponse | CodersdkWorkspace
    """

    return sync_detailed(
        user=user,
        workspacename=workspacename,
        client=client,
        include_deleted=include_deleted,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    user: str,
    workspacename: str,
    *,
    client: AuthenticatedClient,
    include_deleted: bool | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | CodersdkResponse | CodersdkWorkspace]:
    """Get workspace metadata by user and workspace name

    Args:
        user (str):
        workspacename (str):
        include_deleted (bool | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CodersdkResponse | CodersdkWorkspace]
    """

    kwargs = _get_kwargs(
        user=user,
        workspacename=workspacename,
        include_deleted=include_deleted,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user: str,
    workspacename: str,
    *,
    client: AuthenticatedClient,
    include_deleted: bool | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | CodersdkResponse | CodersdkWorkspace | None:
    """Get workspace metadata by user and workspace name

    Args:
        user (str):
        workspacename (str):
        include_deleted (bool | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CodersdkResponse | CodersdkWorkspace
    """

    return (
        await asyncio_detailed(
            user=user,
            workspacename=workspacename,
            client=client,
            include_deleted=include_deleted,
            if_none_match=if_none_match,
        )
    ).parsed
