"""The Education API client against a fake Graph, with MSAL fetching its token from a fake identity
platform over TLS: mapping, caching, failures, and where the token goes."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import pytest

from bot.graph import EducationRoleDirectory, GraphConfigError, GraphToken, TenantTokens
from bot.graph.tokens import GRAPH_SCOPE
from tests.fakes.activities import OTHER_TENANT, TENANT
from tests.graph.conftest import (
    BROKEN,
    CLIENT_ID,
    FACULTY,
    FORBIDDEN,
    FUTURE,
    NO_ROLE,
    PARENT,
    STUDENT,
    TEACHER,
    THROTTLED,
    msal_tokens,
)
from tests.graph.fakes import FakeGraph, FakeIdentityPlatform, TestCertificates


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def directory_with(
    identity: FakeIdentityPlatform,
    graph: FakeGraph,
    certificates: TestCertificates,
    *,
    tokens: TenantTokens | None = None,
    timeout_seconds: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
) -> EducationRoleDirectory:
    return EducationRoleDirectory(
        tokens or msal_tokens(identity, certificates),
        base_url=graph.url,
        tenants=frozenset({TENANT}),
        timeout_seconds=timeout_seconds,
        clock=clock,
    )


async def test_a_student_is_a_leerling_asked_with_an_app_token_from_msal(
    directory: EducationRoleDirectory, graph: FakeGraph, identity: FakeIdentityPlatform
) -> None:
    assert await directory.role_of(TENANT, STUDENT) == "leerling"

    [call] = graph.calls
    assert call.path == f"/v1.0/education/users/{STUDENT}"
    assert call.query == "$select=primaryRole"
    assert call.authorization == "Bearer graph-token-1"
    [request] = identity.token_requests
    assert request.tenant == TENANT
    assert request.form["grant_type"] == "client_credentials"
    assert request.form["client_id"] == CLIENT_ID
    assert request.form["scope"] == GRAPH_SCOPE


@pytest.mark.parametrize(
    ("user", "role"),
    [(TEACHER, "medewerker"), (FACULTY, "medewerker"), (NO_ROLE, None), (FUTURE, None), (PARENT, None)],
)
async def test_primary_roles_map_to_our_roles_and_anything_else_is_unknown(
    directory: EducationRoleDirectory, user: str, role: str | None
) -> None:
    assert await directory.role_of(TENANT, user) == role


@pytest.mark.parametrize("user", [FORBIDDEN, BROKEN, THROTTLED])
async def test_graph_refusing_or_failing_means_unknown_not_an_error(
    directory: EducationRoleDirectory, graph: FakeGraph, user: str
) -> None:
    assert await directory.role_of(TENANT, user) is None
    assert len(graph.calls) == 1


async def test_one_token_for_many_lookups_also_when_they_come_at_once(
    directory: EducationRoleDirectory, graph: FakeGraph, identity: FakeIdentityPlatform
) -> None:
    users = [f"0b000000-0000-4000-8000-{n:012d}" for n in range(30)]
    graph.users.update({user: "student" if n % 2 else "teacher" for n, user in enumerate(users)})

    roles = await asyncio.gather(*(directory.role_of(TENANT, user) for user in users))
    roles += [await directory.role_of(TENANT, TEACHER)]

    assert roles.count("leerling") == 15 and roles.count("medewerker") == 16
    assert len(identity.token_requests) == 1
    assert {call.authorization for call in graph.calls} == {"Bearer graph-token-1"}


async def test_a_token_that_expires_soon_is_fetched_again(
    identity: FakeIdentityPlatform, graph: FakeGraph, certificates: TestCertificates
) -> None:
    identity.lifetime_seconds = 200  # inside the five-minute margin: never reused
    roles = directory_with(identity, graph, certificates)
    await roles.role_of(TENANT, STUDENT)
    await roles.role_of(TENANT, TEACHER)
    await roles.close()
    assert [call.authorization for call in graph.calls] == ["Bearer graph-token-1", "Bearer graph-token-2"]


async def test_a_token_graph_refuses_is_replaced(
    directory: EducationRoleDirectory, graph: FakeGraph, identity: FakeIdentityPlatform
) -> None:
    graph.users[PARENT] = 401
    assert await directory.role_of(TENANT, PARENT) is None
    assert await directory.role_of(TENANT, STUDENT) == "leerling"
    assert [call.authorization for call in graph.calls] == ["Bearer graph-token-1", "Bearer graph-token-2"]


async def test_answers_are_kept_per_user_for_a_while(
    identity: FakeIdentityPlatform, graph: FakeGraph, certificates: TestCertificates
) -> None:
    clock = Clock()
    roles = directory_with(identity, graph, certificates, clock=clock)
    for _ in range(3):
        assert await roles.role_of(TENANT, STUDENT) == "leerling"
        assert await roles.role_of(TENANT, PARENT) is None
    assert len(graph.calls) == 2

    clock.now += 3601  # "not an education user" is asked again after an hour, a role after a day
    await roles.role_of(TENANT, STUDENT)
    await roles.role_of(TENANT, PARENT)
    assert len(graph.calls) == 3

    clock.now += 24 * 3600
    graph.users[STUDENT] = "teacher"
    assert await roles.role_of(TENANT, STUDENT) == "medewerker"
    await roles.close()


async def test_a_slow_graph_costs_one_timeout_then_the_tenant_is_left_alone_for_a_while(
    identity: FakeIdentityPlatform, graph: FakeGraph, certificates: TestCertificates
) -> None:
    clock = Clock()
    roles = directory_with(identity, graph, certificates, timeout_seconds=0.5, clock=clock)
    await roles.role_of(TENANT, TEACHER)  # the token is fetched before Graph slows down
    graph.delay_seconds = 5.0

    started = time.perf_counter()
    assert await roles.role_of(TENANT, STUDENT) is None
    assert time.perf_counter() - started < 1.0
    assert await roles.role_of(TENANT, FACULTY) is None  # paused: not asked at all
    assert len(graph.calls) == 2

    clock.now += 61
    graph.delay_seconds = 0.0
    assert await roles.role_of(TENANT, STUDENT) == "leerling"
    await roles.close()


async def test_throttling_pauses_the_tenant_for_retry_after(
    identity: FakeIdentityPlatform, graph: FakeGraph, certificates: TestCertificates
) -> None:
    clock = Clock()
    graph.retry_after = "120"
    roles = directory_with(identity, graph, certificates, clock=clock)
    assert await roles.role_of(TENANT, THROTTLED) is None
    clock.now += 90
    assert await roles.role_of(TENANT, STUDENT) is None
    assert len(graph.calls) == 1
    clock.now += 31
    assert await roles.role_of(TENANT, STUDENT) == "leerling"
    await roles.close()


async def test_wrong_credentials_mean_unknown_and_graph_is_never_called(
    identity: FakeIdentityPlatform, graph: FakeGraph, certificates: TestCertificates
) -> None:
    roles = directory_with(identity, graph, certificates, tokens=msal_tokens(identity, certificates, "wrong"))
    assert await roles.role_of(TENANT, STUDENT) is None
    assert len(identity.token_requests) == 1
    assert graph.calls == []
    await roles.close()


@pytest.mark.parametrize(
    ("tenant", "user"),
    [
        (OTHER_TENANT, STUDENT),  # a tenant this bot does not serve
        (TENANT, "aad-user-1"),  # not an object id
        (TENANT, f"{STUDENT}/../../users"),  # path tricks never reach a URL
        (TENANT, f"{STUDENT}?$select=displayName"),
    ],
)
async def test_lookups_outside_the_served_tenants_or_with_odd_ids_never_leave_the_process(
    directory: EducationRoleDirectory,
    graph: FakeGraph,
    identity: FakeIdentityPlatform,
    tenant: str,
    user: str,
) -> None:
    assert await directory.role_of(tenant, user) is None
    assert graph.calls == [] and identity.token_requests == []


async def test_a_redirect_is_not_followed_so_the_token_stays_with_graph(
    directory: EducationRoleDirectory, graph: FakeGraph
) -> None:
    elsewhere = await FakeGraph(users={STUDENT: "student"}).start()
    try:
        graph.redirect_to = f"{elsewhere.url}/education/users/{STUDENT}?$select=primaryRole"
        assert await directory.role_of(TENANT, STUDENT) is None
        assert elsewhere.calls == []
    finally:
        await elsewhere.stop()


@pytest.mark.parametrize(
    "url",
    [
        "http://graph.microsoft.com/v1.0",
        "http://10.0.0.5/v1.0",
        "https://user:pw@graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0?x=1",
        "ftp://graph.microsoft.com",
    ],
)
def test_a_base_url_a_token_could_leak_to_is_refused_at_start(url: str) -> None:
    with pytest.raises(GraphConfigError):
        EducationRoleDirectory(TenantTokens(_NoTokens()), base_url=url, tenants=frozenset({TENANT}))


async def test_the_log_names_ids_and_statuses_never_tokens(
    directory: EducationRoleDirectory, identity: FakeIdentityPlatform, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for user in (STUDENT, FORBIDDEN, BROKEN, PARENT):
        await directory.role_of(TENANT, user)
    logged = "\n".join(
        record.getMessage() for record in caplog.records if record.name.startswith("bot.graph")
    )
    assert "403" in logged and "500" in logged
    assert "graph-token" not in logged and "Bearer" not in logged
    assert "graph-test-secret" not in caplog.text


class _NoTokens:
    async def fetch(self, tenant_id: str, *, refresh: bool = False) -> GraphToken:
        raise AssertionError("no token is needed")
