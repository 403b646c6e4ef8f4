"""Microsoft Graph: the user's role from the Education API, when the school has configured it."""

from __future__ import annotations

from bot.graph.education import EducationRoleDirectory, GraphConfigError
from bot.graph.tokens import (
    GraphToken,
    GraphTokenSource,
    ManagedIdentityGraphTokens,
    MsalGraphTokens,
    TenantTokens,
)
from bot.settings import Settings

# A turn answers within 2 s: one role lookup, token included, gets at most this long.
LOOKUP_SECONDS = 1.5


def role_directory_from(settings: Settings) -> EducationRoleDirectory | None:
    """The Graph role directory for these settings, or None when Graph is not enabled.

    Client credentials may look users up in every allowed tenant (each must consent to
    EduRoster.Read.All); a managed identity only in its own tenant, `MicrosoftAppTenantId`.
    """
    if not settings.graph_enabled:
        return None
    client_id = settings.graph_client_id or settings.app_id
    if settings.graph_use_managed_identity:
        if not settings.app_tenant_id:
            raise GraphConfigError("GRAPH_USE_MANAGED_IDENTITY needs MicrosoftAppTenantId (its tenant).")
        if settings.graph_client_id is None and settings.app_type == "UserAssignedMSI":
            client_id = settings.app_id
        elif settings.graph_client_id is None:
            client_id = None  # the system-assigned identity
        identity = ManagedIdentityGraphTokens(client_id, settings.app_tenant_id)
        return EducationRoleDirectory(
            TenantTokens(identity),
            base_url=settings.graph_base_url,
            tenants=settings.allowed_tenants & {settings.app_tenant_id.lower()},
            timeout_seconds=LOOKUP_SECONDS,
            on_close=identity.close,
        )
    secret = settings.graph_client_secret.get_secret_value() if settings.graph_client_secret else ""
    if not client_id or not secret:
        raise GraphConfigError(
            "GRAPH_ENABLED needs GRAPH_CLIENT_ID (or MicrosoftAppId) and GRAPH_CLIENT_SECRET."
        )
    source = MsalGraphTokens(
        client_id,
        secret,
        authority_url=settings.graph_authority_url,
        timeout_seconds=LOOKUP_SECONDS,
    )
    return EducationRoleDirectory(
        TenantTokens(source),
        base_url=settings.graph_base_url,
        tenants=settings.allowed_tenants,
        timeout_seconds=LOOKUP_SECONDS,
    )


__all__ = [
    "EducationRoleDirectory",
    "GraphConfigError",
    "GraphToken",
    "GraphTokenSource",
    "ManagedIdentityGraphTokens",
    "MsalGraphTokens",
    "TenantTokens",
    "role_directory_from",
]
