from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.codersdk_response import CodersdkResponse
from ...models.codersdk_template import CodersdkTemplate
from ...types import Response


def _get_kwargs(
    template: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/templates/{template}".format(
            template=quote(str(template), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodersdkResponse | CodersdkTemplate | None:
    if response.status_code == 200:
        response_200 = CodersdkTemplate.from_dict(response.json())

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
) -> Response[CodersdkResponse | CodersdkTemplate]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CodersdkResponse | CodersdkTemplate]:
    """Get template settings by ID

    Args:
        template (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkTemplate]
    """

    kwargs = _get_kwargs(
        template=template,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template: UUID,
    *,
    client: AuthenticatedClient,
) -> CodersdkResponse | CodersdkTemplate | None:
    """Get template settings by ID

    Args:
        template (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkTemplate
    """

    return sync_detailed(
        template=template,
        client=client,
    ).parsed


async def asyncio_detailed(
    template: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CodersdkResponse | CodersdkTemplate]:
    """Get template settings by ID

    Args:
        template (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodersdkResponse | CodersdkTemplate]
    """

    kwargs = _get_kwargs(
        template=template,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template: UUID,
    *,
    client: AuthenticatedClient,
) -> CodersdkResponse | CodersdkTemplate | None:
    """Get template settings by ID

    Args:
        template (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodersdkResponse | CodersdkTemplate
    """

    return (
        await asyncio_detailed(
            template=template,
            client=client,
        )
    ).parsed
