"""Bot Framework-style tokens signed with a local RSA test key, and the JWKS that publishes it."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"


class TestSigner:
    """One RSA key pair; `jwks()` publishes it (endorsed for msteams), `sign()` issues tokens with it."""

    __test__ = False

    def __init__(self, kid: str = "magdit-test-key", endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.kid = kid
        self.endorsements = endorsements
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256", "endorsements": list(self.endorsements)})
        return {"keys": [jwk]}

    def sign(self, claims: dict[str, Any], *, kid: str | None = None, key: Any = None) -> str:
        return jwt.encode(
            claims, key or self.private_key, algorithm="RS256", headers={"kid": kid or self.kid}
        )


def channel_claims(app_id: str, service_url: str, **overrides: Any) -> dict[str, Any]:
    """The claims the Bot Framework channel puts in a token sent to a bot."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": BOT_FRAMEWORK_ISSUER,
        "aud": app_id,
        "serviceurl": service_url,
        "nbf": now - 10,
        "iat": now - 10,
        "exp": now + 3600,
    }
    claims.update(overrides)
    return {key: value for key, value in claims.items() if value is not None}
