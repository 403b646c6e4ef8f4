"""A fake Graph and a fake identity platform on loopback, and the real client (MSAL included) over them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.graph import EducationRoleDirectory, MsalGraphTokens, TenantTokens
from tests.fakes.activities import TENANT
from tests.graph.fakes import FakeGraph, FakeIdentityPlatform, TestCertificates, make_certificates

CLIENT_ID = "00000000-aaaa-bbbb-cccc-00000000000a"
CLIENT_SECRET = "graph-test-secret"
STUDENT = "0a000000-0000-4000-8000-000000000001"
TEACHER = "0a000000-0000-4000-8000-000000000002"
FACULTY = "0a000000-0000-4000-8000-000000000003"
NO_ROLE = "0a000000-0000-4000-8000-000000000004"
FUTURE = "0a000000-0000-4000-8000-000000000005"
PARENT = "0a000000-0000-4000-8000-000000000006"  # not in the Education API: 404
FORBIDDEN = "0a000000-0000-4000-8000-000000000007"
BROKEN = "0a000000-0000-4000-8000-000000000008"
THROTTLED = "0a000000-0000-4000-8000-000000000009"


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> TestCertificates:
    return make_certificates(Path(tmp_path_factory.mktemp("tls")))


@pytest.fixture
async def identity(
    certificates: TestCertificates, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FakeIdentityPlatform]:
    # MSAL talks through requests, which trusts REQUESTS_CA_BUNDLE: here, the test CA.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificates.ca_file))
    server = await FakeIdentityPlatform(certificates, CLIENT_ID, CLIENT_SECRET).start()
    yield server
    await server.stop()


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraph]:
    users: dict[str, str | int] = {
        STUDENT: "student",
        TEACHER: "teacher",
        FACULTY: "faculty",
        NO_ROLE: "none",
        FUTURE: "unknownFutureValue",
        FORBIDDEN: 403,
        BROKEN: 500,
        THROTTLED: 429,
    }
    server = await FakeGraph(users=users).start()
    yield server
    await server.stop()


def msal_tokens(
    identity: FakeIdentityPlatform, certificates: TestCertificates, secret: str = CLIENT_SECRET
) -> TenantTokens:
    source = MsalGraphTokens(CLIENT_ID, secret, authority_url=identity.url, timeout_seconds=1.5)
    return TenantTokens(source)


@pytest.fixture
async def directory(
    identity: FakeIdentityPlatform, graph: FakeGraph, certificates: TestCertificates
) -> AsyncIterator[EducationRoleDirectory]:
    roles = EducationRoleDirectory(
        msal_tokens(identity, certificates),
        base_url=graph.url,
        tenants=frozenset({TENANT}),
        timeout_seconds=1.0,
    )
    yield roles
    await roles.close()
