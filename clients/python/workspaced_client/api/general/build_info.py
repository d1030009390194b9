from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_build_info_response import CodersdkBuildInfoResponse
from ...models.codersdk_response import CodersdkResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/buildinfo",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkBuildInfoResponse | CodersdkResponse | None:
    if response.status_code == 200:
        response_200 = CodersdkBuildInfoResponse.from_dict(response.json())

        return response_200

    if response.status_code == 500:
        response_500 = CodersdkResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodersdkBuildInfoResponse | CodersdkResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CodersdkBuildInfoResponse | CodersdkResponse]:
    """Build info

     The server's version and the API versions it speaks. Needs no session. The deployment
    id is the id of the organization made at the first start.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkBuildInfoResponse | CodersdkResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> CodersdkBuildInfoResponse | CodersdkResponse | None:
    """Build info

     The server's version and the API versions it speaks. Needs no session. The deployment
    id is the id of the organization made at the first start.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkBuildInfoResponse | CodersdkResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CodersdkBuildInfoResponse | CodersdkResponse]:
    """Build info

     The server's version and the API versions it speaks. Needs no session. The deployment
    id is the id of the organization made at the first start.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkBuildInfoResponse | CodersdkResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> CodersdkBuildInfoResponse | CodersdkResponse | None:
    """Build info

     The server's version and the API versions it speaks. Needs no session. The deployment
    id is the id of the organization made at the first start.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkBuildInfoResponse | CodersdkResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
