"""Loopback stand-ins for Microsoft Graph and the Microsoft identity platform.

The identity platform speaks TLS (MSAL only accepts an https authority) with a certificate from a
throwaway test CA; Graph is plain http on 127.0.0.1 (the client allows http on loopback only).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import itertools
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TestCertificates:
    """A CA file (for the client's `verify`) and the server's certificate chain and key."""

    __test__ = False

    ca_file: Path
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def make_certificates(folder: Path) -> TestCertificates:
    """A CA and a certificate for 127.0.0.1 signed by it, valid for a day."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "magdit test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    certificates = TestCertificates(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    certificates.ca_file.write_bytes(ca.public_bytes(pem))
    certificates.cert_file.write_bytes(cert.public_bytes(pem))
    certificates.key_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return certificates


async def _start(app: web.Application, context: ssl.SSLContext | None = None) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
    await site.start()
    server = site._server
    assert server is not None
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    return runner, f"{'https' if context else 'http'}://127.0.0.1:{port}"


@dataclass
class TokenRequest:
    tenant: str
    form: dict[str, str]
    authorization: str | None


class FakeIdentityPlatform:
    """`/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/oauth2/v2.0/token` (client
    credentials) over TLS. Issues `graph-token-<n>` for the right client id and secret."""

    def __init__(self, certificates: TestCertificates, client_id: str, secret: str) -> None:
        self._context = certificates.server_context()
        self._client_id = client_id
        self._secret = secret
        self._ids = itertools.count(1)
        self.lifetime_seconds = 3600
        self.token_requests: list[TokenRequest] = []
        self.discoveries: list[str] = []
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> FakeIdentityPlatform:
        app = web.Application()
        app.router.add_get("/{tenant}/v2.0/.well-known/openid-configuration", self._discovery)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        self._runner, self.url = await _start(app, self._context)
        return self

    @property
    def issued(self) -> list[str]:
        return [f"graph-token-{n}" for n in range(1, len(self.token_requests) + 1)]

    async def _discovery(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        self.discoveries.append(tenant)
        base = f"{self.url}/{tenant}"
        return web.json_response(
            {
                "issuer": f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
            }
        )

    async def _token(self, request: web.Request) -> web.Response:
        form = {key: str(value) for key, value in (await request.post()).items()}
        self.token_requests.append(
            TokenRequest(request.match_info["tenant"], form, request.headers.get("Authorization"))
        )
        if form.get("client_id") != self._client_id or form.get("client_secret") != self._secret:
            return web.json_response({"error": "invalid_client"}, status=401)
        number = next(self._ids)
        return web.json_response(
            {
                "token_type": "Bearer",
                "expires_in": self.lifetime_seconds,
                "access_token": f"graph-token-{number}",
            }
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class GraphCall:
    path: str
    query: str
    authorization: str | None


@dataclass
class FakeGraph:
    """`GET /v1.0/education/users/{id}`: `users[id]` is a primaryRole, or a status to answer with.

    Unknown users get 404. `delay_seconds` makes every answer slow; `redirect_to` answers 302 there.
    """

    users: dict[str, str | int] = field(default_factory=dict)
    delay_seconds: float = 0.0
    redirect_to: str | None = None
    retry_after: str | None = None
    calls: list[GraphCall] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> FakeGraph:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._runner, origin = await _start(app)
        self.url = f"{origin}/v1.0"
        return self

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        self.calls.append(GraphCall(request.path, request.query_string, request.headers.get("Authorization")))
        if self.delay_seconds:
            with contextlib.suppress(TimeoutError):  # a slow answer, cut short when the fake stops
                await asyncio.wait_for(self._stopping.wait(), self.delay_seconds)
        if self.redirect_to is not None:
            raise web.HTTPFound(self.redirect_to)
        prefix = "/v1.0/education/users/"
        user = request.path.removeprefix(prefix) if request.path.startswith(prefix) else ""
        answer = self.users.get(user, 404)
        if isinstance(answer, int):
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return web.json_response({"error": {"code": "Scripted"}}, status=answer, headers=headers)
        return web.json_response(
            {
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#education/users(primaryRole)/$entity",
                "primaryRole": answer,
            }
        )

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class FakeManagedIdentity:
    """The App Service managed identity endpoint (`IDENTITY_ENDPOINT`, header `X-IDENTITY-HEADER`)."""

    header: str = "magdit-identity-header"
    requests: list[dict[str, str]] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def start(self) -> FakeManagedIdentity:
        app = web.Application()
        app.router.add_get("/msi/token", self._token)
        self._runner, origin = await _start(app)
        self.url = f"{origin}/msi/token"
        return self

    async def _token(self, request: web.Request) -> web.Response:
        self.requests.append(dict(request.query))
        if request.headers.get("X-IDENTITY-HEADER") != self.header:
            return web.json_response({"error": "forbidden"}, status=401)
        expires_on = int(datetime.datetime.now(datetime.UTC).timestamp()) + 3600
        return web.json_response(
            {
                "access_token": f"mi-token-{next(self._ids)}",
                "expires_on": str(expires_on),
                "resource": request.query.get("resource", ""),
                "token_type": "Bearer",
            }
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
