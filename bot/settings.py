"""The one settings class: read once from the environment (and an optional `.env`), passed down.

Secure by default: without a Microsoft app id the bot refuses to start, unless the explicitly unsafe
local-development switch is on *and* the server binds a loopback address only.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.safety.care import HelpLines

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
AppType = Literal["SingleTenant", "UserAssignedMSI"]

BOT_FRAMEWORK_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class SettingsError(ValueError):
    """The configuration is unsafe or incomplete; the message says which setting to fix."""


class Settings(BaseSettings):
    """Everything the bot needs to start; see `.env.example` for each setting in words."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    # Bot Framework / Entra app registration (names as the Bot Framework documents them).
    app_id: str | None = Field(default=None, validation_alias=_alias("MicrosoftAppId", "app_id"))
    app_password: SecretStr | None = Field(
        default=None, validation_alias=_alias("MicrosoftAppPassword", "app_password")
    )
    app_type: AppType = Field(default="SingleTenant", validation_alias=_alias("MicrosoftAppType", "app_type"))
    app_tenant_id: str | None = Field(
        default=None, validation_alias=_alias("MicrosoftAppTenantId", "app_tenant_id")
    )

    # Which Microsoft 365 tenants may use the bot, and which school(s) each tenant hosts.
    allowed_tenant_ids: Annotated[tuple[str, ...], NoDecode] = ()
    tenant_schools: Annotated[dict[str, tuple[str, ...]], NoDecode] = Field(default_factory=dict)

    database_url: str = "sqlite:///./data/magdit.sqlite3"
    host: str = "127.0.0.1"
    port: int = Field(default=3978, ge=1, le=65535)
    log_level: LogLevel = "INFO"

    # Help named first when someone may be in danger (bot/safety); the national services by default.
    helpline_emergency: str = "112"
    helpline_police: str = "0900-8844"
    helpline_suicide_prevention: str = "113"
    helpline_suicide_prevention_free: str = "0800-0113"
    helpline_suicide_prevention_site: str = "113.nl"
    helpline_child_line: str = "0800-0432"
    helpline_child_line_site: str = "kindertelefoon.nl"
    helpline_online_abuse_site: str = "helpwanted.nl"
    # Operations (deployment/README.md): JSON lines in Azure and containers, text in a terminal; an
    # Entra token as the PostgreSQL password; Application Insights only when its connection string is
    # set; AZURE_CLIENT_ID names the user-assigned managed identity azure-identity signs in with.
    log_format: Literal["json", "text"] = "text"
    database_auth: Literal["password", "entra"] = "password"
    applicationinsights_connection_string: SecretStr | None = None
    azure_client_id: str | None = None
    rules_dir: Path = Path("rules")

    # Abuse limits and outbound behaviour.
    rate_limit_messages: int = Field(default=20, ge=1)
    rate_limit_window_seconds: float = Field(default=60.0, gt=0)
    rate_limit_report_requests: int = Field(default=20, ge=1)  # `meld` has its own budget, never silence
    max_body_bytes: int = Field(default=256 * 1024, ge=4096, le=1024 * 1024)
    outbound_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # The outbox: a claim's lease (renewed while sending, so it bounds only a crashed instance's wait), and
    # the age of the oldest pending message that raises one ALERT (log, /readyz, the Azure alert rule).
    outbox_lease_seconds: float = Field(default=15.0, ge=1, le=300)
    outbox_alert_seconds: float = Field(default=300.0, ge=10, le=24 * 3600)
    # A turn not done within this is cancelled and answered "niet verzonden" (Teams re-delivers after 15 s).
    turn_budget_seconds: float = Field(default=5.0, gt=0, le=12)
    health_probe_seconds: float = Field(default=5.0, ge=0.1, le=60)  # /readyz answers from this probe
    openid_metadata_url: str = BOT_FRAMEWORK_OPENID_METADATA_URL
    openid_timeout_seconds: float = Field(default=5.0, gt=0, le=30)

    # Unsafe: accept unsigned requests (Agents Playground). Only with no app id and a loopback host.
    dangerously_allow_unauthenticated_local_dev: bool = False

    # Escalation: who may register the report channel and act on cases, per school, by Entra object id
    # (JSON: {"de-breul": {"<object id>": "Mw. De Vries"}} or {"de-breul": ["<object id>"]}), and extra
    # channels for some categories (JSON: {"de-breul": {"fg": ["nepaccount", "deepfake"]}}).
    leaders: Annotated[dict[str, dict[str, str]], NoDecode] = Field(default_factory=dict)
    report_routes: Annotated[dict[str, dict[str, tuple[str, ...]]], NoDecode] = Field(default_factory=dict)
    # The school's response time: a case nobody touched for longer than this many school days (Monday to
    # Friday) is marked in the leaders' overview and reminded daily in its thread (JSON {"de-breul": 1}).
    response_school_days: Annotated[dict[str, int], NoDecode] = Field(default_factory=dict)
    default_response_school_days: int = Field(default=2, ge=1, le=20)

    # Privacy: months a closed report is kept before the daily purge deletes it, per school (JSON
    # {"de-breul": 24}; other schools get the default), and the largest screenshot the bot takes in.
    report_retention_months: Annotated[dict[str, int], NoDecode] = Field(default_factory=dict)
    default_report_retention_months: int = Field(default=24, ge=1, le=120)
    screenshot_max_bytes: int = Field(default=5 * 1024 * 1024, ge=64 * 1024, le=20 * 1024 * 1024)

    # Optional Microsoft Graph (Education API primaryRole) for the user's role.
    graph_enabled: bool = False
    graph_client_id: str | None = None
    graph_client_secret: SecretStr | None = None
    graph_use_managed_identity: bool = False
    graph_base_url: str = "https://graph.microsoft.com/v1.0"
    graph_authority_url: str = "https://login.microsoftonline.com"

    @field_validator("allowed_tenant_ids", mode="before")
    @classmethod
    def _split_tenants(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip().lower() for part in value.split(",") if part.strip())
        if isinstance(value, list | tuple):
            return tuple(str(part).strip().lower() for part in value)
        return value

    @field_validator("tenant_schools", mode="before")
    @classmethod
    def _parse_tenant_schools(cls, value: Any) -> Any:
        """JSON (`{"<tenant>": ["de-breul"]}`) or `tenant=school+school;tenant=school`."""
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return {}
            if text.startswith("{"):
                value = json.loads(text)
            else:
                pairs = (item.split("=", 1) for item in text.split(";") if item.strip())
                value = {tenant: schools.split("+") for tenant, schools in pairs}
        if isinstance(value, dict):
            return {
                str(tenant).strip().lower(): tuple(
                    [schools] if isinstance(schools, str) else [str(s).strip() for s in schools]
                )
                for tenant, schools in value.items()
            }
        return value

    @field_validator("leaders", mode="before")
    @classmethod
    def _parse_leaders(cls, value: Any) -> Any:
        """Object ids are compared lower-case; a list of ids gets the name "schoolleiding"."""
        if isinstance(value, str):
            value = json.loads(value) if value.strip() else {}
        if isinstance(value, dict):
            return {
                str(school).strip(): (
                    {str(k).strip().lower(): str(v).strip() for k, v in people.items()}
                    if isinstance(people, dict)
                    else {str(k).strip().lower(): "schoolleiding" for k in people}
                )
                for school, people in value.items()
            }
        return value

    @field_validator("report_routes", mode="before")
    @classmethod
    def _parse_report_routes(cls, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value.strip() else {}
        return value

    @model_validator(mode="after")
    def _routes_are_known(self) -> Settings:
        from bot.leadership.model import REPORTS_ROUTE
        from bot.reports.model import Category

        known = {category.value for category in Category}
        for school, routes in self.report_routes.items():
            for route, categories in routes.items():
                if route == REPORTS_ROUTE or not re.fullmatch(r"[a-z][a-z0-9_-]{0,31}", route):
                    raise SettingsError(f"REPORT_ROUTES: {school}: route name {route!r} is not allowed.")
                unknown = sorted(set(categories) - known)
                if unknown:
                    raise SettingsError(f"REPORT_ROUTES: {school}.{route}: unknown categories {unknown}.")
        return self

    def is_leader(self, school: str, object_id: str | None) -> bool:
        """An authorised leader of this school (by Entra object id, never by name or Teams id)."""
        return bool(object_id) and (object_id or "").lower() in self.leaders.get(school, {})

    def leader_name(self, school: str, object_id: str | None) -> str | None:
        return self.leaders.get(school, {}).get((object_id or "").lower())

    def routes_for_school(self, school: str) -> tuple[str, ...]:
        return tuple(sorted(self.report_routes.get(school, {})))

    def route_categories(self, school: str, route: str) -> tuple[str, ...]:
        return tuple(self.report_routes.get(school, {}).get(route, ()))

    def routes_for(self, school: str, category: str) -> tuple[str, ...]:
        """The extra routes (besides the report channel) a category of this school also goes to."""
        routes = self.report_routes.get(school, {})
        return tuple(sorted(route for route, categories in routes.items() if category in categories))

    @field_validator("report_retention_months", "response_school_days", mode="before")
    @classmethod
    def _parse_retention(cls, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value.strip() else {}
        return value

    @model_validator(mode="after")
    def _retention_is_sane(self) -> Settings:
        wrong = sorted(
            school for school, months in self.report_retention_months.items() if not 1 <= months <= 120
        )
        if wrong:
            raise SettingsError(
                f"REPORT_RETENTION_MONTHS: between 1 and 120 months, not for {', '.join(wrong)}."
            )
        slow = sorted(school for school, days in self.response_school_days.items() if not 1 <= days <= 20)
        if slow:
            raise SettingsError(
                f"RESPONSE_SCHOOL_DAYS: between 1 and 20 school days, not for {', '.join(slow)}."
            )
        return self

    def retention_months(self, school: str) -> int:
        """How long a closed report of this school is kept (months after closing)."""
        return self.report_retention_months.get(school, self.default_report_retention_months)

    def response_days(self, school: str) -> int:
        """The school's response time in school days (Monday to Friday)."""
        return self.response_school_days.get(school, self.default_response_school_days)

    @model_validator(mode="after")
    def _secure_by_default(self) -> Settings:
        if not self.app_id:
            if not self.dangerously_allow_unauthenticated_local_dev:
                raise SettingsError(
                    "MicrosoftAppId is not set: the bot would accept unsigned requests. Set MicrosoftAppId "
                    "(and MicrosoftAppPassword, MicrosoftAppTenantId), or for local development only set "
                    "DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOCAL_DEV=true with HOST=127.0.0.1."
                )
            if not _is_loopback(self.host):
                raise SettingsError(
                    f"DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOCAL_DEV needs HOST to be a loopback address, "
                    f"not {self.host!r}."
                )
        else:
            if not self.app_tenant_id:
                raise SettingsError(f"MicrosoftAppTenantId is required for MicrosoftAppType={self.app_type}.")
            if self.app_type == "SingleTenant" and (
                self.app_password is None or not self.app_password.get_secret_value()
            ):
                raise SettingsError("MicrosoftAppPassword is required for MicrosoftAppType=SingleTenant.")
        if not self.allowed_tenants:
            raise SettingsError("No tenant is allowed: set ALLOWED_TENANT_IDS (or MicrosoftAppTenantId).")
        missing = [tenant for tenant in self.allowed_tenants if not self.tenant_schools.get(tenant)]
        if missing:
            raise SettingsError(
                f"TENANT_SCHOOLS names no school for allowed tenant(s): {', '.join(missing)}."
            )
        if self.graph_enabled and not (self.graph_use_managed_identity or self.graph_client_secret):
            raise SettingsError("GRAPH_ENABLED needs GRAPH_CLIENT_SECRET or GRAPH_USE_MANAGED_IDENTITY=true.")
        return self

    @property
    def unauthenticated_local_dev(self) -> bool:
        """True when requests are not authenticated (only possible on loopback, see validation)."""
        return not self.app_id

    @property
    def allowed_tenants(self) -> frozenset[str]:
        """ALLOWED_TENANT_IDS, or else the bot's own tenant: never "any tenant"."""
        if self.allowed_tenant_ids:
            return frozenset(self.allowed_tenant_ids)
        return frozenset({self.app_tenant_id.lower()}) if self.app_tenant_id else frozenset()

    def help_lines(self) -> HelpLines:
        """The helplines the care text names (`HELPLINE_*`)."""
        prefix = "helpline_"
        return HelpLines(**{name[len(prefix) :]: value for name, value in self if name.startswith(prefix)})

    def schools_for(self, tenant_id: str) -> tuple[str, ...]:
        """The school slugs a tenant hosts (empty for a tenant that is not allowed)."""
        tenant = tenant_id.lower()
        return self.tenant_schools.get(tenant, ()) if tenant in self.allowed_tenants else ()


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
