"""GRAPH_USE_MANAGED_IDENTITY: azure-identity's ManagedIdentityCredential (App Service flavour, pointed
at a loopback identity endpoint) gets the Graph token; only the identity's own tenant is looked up."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.graph import role_directory_from
from bot.graph.tokens import GRAPH_SCOPE
from tests.fakes.activities import OTHER_TENANT, TENANT
from tests.graph.conftest import STUDENT, TEACHER
from tests.graph.fakes import FakeGraph, FakeManagedIdentity
from tests.http.conftest import make_settings


@pytest.fixture
async def managed_identity(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeManagedIdentity]:
    server = await FakeManagedIdentity().start()
    monkeypatch.setenv("IDENTITY_ENDPOINT", server.url)
    monkeypatch.setenv("IDENTITY_HEADER", server.header)
    yield server
    await server.stop()


async def test_the_managed_identity_token_is_fetched_once_and_used_for_graph(
    managed_identity: FakeManagedIdentity, graph: FakeGraph
) -> None:
    settings = make_settings(
        "https://login.example/openid",
        app_password=None,
        app_type="UserAssignedMSI",
        allowed_tenant_ids=f"{TENANT},{OTHER_TENANT}",
        tenant_schools={TENANT: ["testschool"], OTHER_TENANT: ["testschool"]},
        graph_enabled=True,
        graph_use_managed_identity=True,
        graph_base_url=graph.url,
    )
    directory = role_directory_from(settings)
    assert directory is not None
    try:
        assert await directory.role_of(TENANT, STUDENT) == "leerling"
        assert await directory.role_of(TENANT, TEACHER) == "medewerker"
        assert await directory.role_of(OTHER_TENANT, STUDENT) is None  # not the identity's tenant
    finally:
        await directory.close()

    [request] = managed_identity.requests
    assert request["resource"] == GRAPH_SCOPE.removesuffix("/.default")
    assert request["client_id"] == settings.app_id  # the user-assigned identity of the bot
    assert {call.authorization for call in graph.calls} == {"Bearer mi-token-1"}
    assert len(graph.calls) == 2
