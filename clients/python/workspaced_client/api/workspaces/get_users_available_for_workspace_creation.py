from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_minimal_user import CodersdkMinimalUser
from ...models.codersdk_response import CodersdkResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    organization: UUID,
    user: str,
    *,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/organizations/{organization}/members/{user}/workspaces/available-users".format(
            organization=quote(str(organization), safe=""),
            user=quote(str(user), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | list[CodersdkMinimalUser] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CodersdkMinimalUser.from_dict(response_200_item_data)

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
) -> Response[CodersdkResponse | list[CodersdkMinimalUser]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organization: UUID,
    user: str,
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[CodersdkResponse | list[CodersdkMinimalUser]]:
    """Get users available for workspace creation

     The members of the organization the caller may create workspaces for, by username:
    every member for callers who may create workspaces for others (site owners), the
    caller alone otherwise. `q` searches usernames and emails (`search:`, bare words) and
    filters by `status:`.

    Args:
        organization (UUID):
        user (str):
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | list[CodersdkMinimalUser]]
    """

    kwargs = _get_kwargs(
        organization=organization,
        user=user,
        q=q,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organization: UUID,
    user: str,
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> CodersdkResponse | list[CodersdkMinimalUser] | None:
    """Get users available for workspace creation

     The members of the organization the caller may create workspaces for, by username:
    every member for callers who may create workspaces for others (site owners), the
    caller alone otherwise. `q` searches usernames and emails (`search:`, bare words) and
    filters by `status:`.

    Args:
        organization (UUID):
        user (str):
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | list[CodersdkMinimalUser]
    """

    return sync_detailed(
        organization=organization,
        user=user,
        client=client,
        q=q,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    organization: UUID,
    user: str,
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[CodersdkResponse | list[CodersdkMinimalUser]]:
    """Get users available for workspace creation

     The members of the organization the caller may create workspaces for, by username:
    every member for callers who may create workspaces for others (site owners), the
    caller alone otherwise. `q` searches usernames and emails (`search:`, bare words) and
    filters by `status:`.

    Args:
        organization (UUID):
        user (str):
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | list[CodersdkMinimalUser]]
    """

    kwargs = _get_kwargs(
        organization=organization,
        user=user,
        q=q,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organization: UUID,
    user: str,
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> CodersdkResponse | list[CodersdkMinimalUser] | None:
    """Get users available for workspace creation

     The members of the organization the caller may create workspaces for, by username:
    every member for callers who may create workspaces for others (site owners), the
    caller alone otherwise. `q` searches usernames and emails (`search:`, bare words) and
    filters by `status:`.

    Args:
        organization (UUID):
        user (str):
        q (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | list[CodersdkMinimalUser]
    """

    return (
        await asyncio_detailed(
            organization=organization,
            user=user,
            client=client,
            q=q,
            limit=limit,
            offset=offset,
        )
    ).parsed
