"""Build the Teams app package (deployment/appPackage/build/mag-dit.zip).

The manifest template's ``{{NAME}}`` placeholders are filled from the environment or a ``.env``
file (same names the bot uses: ``MicrosoftAppId``), then the zip gets manifest.json, the icons and
the localization files the manifest names. The zip is reproducible: fixed entry order and times.

Settings:
  MicrosoftAppId         required  the bot's Microsoft Entra app id (GUID) -> bots[0].botId
  BOT_DOMAIN             required  host name the bot is reached on, e.g. magdit.school.nl
  TEAMS_APP_ID           optional  the Teams app's own id (GUID); default: MicrosoftAppId
  TEAMS_APP_VERSION      optional  semver; default: the project version in pyproject.toml
  DEVELOPER_NAME         optional  publisher shown in Teams (max 32); default "Mag dit?"
  DEVELOPER_WEBSITE_URL  optional  https URL; default https://<BOT_DOMAIN>/
  DEVELOPER_PRIVACY_URL  optional  https URL; default https://<BOT_DOMAIN>/privacy
  DEVELOPER_TERMS_URL    optional  https URL; default https://<BOT_DOMAIN>/gebruiksvoorwaarden

Run: make package   (or .venv/bin/python scripts/package_app.py [--env-file PATH] [--out PATH])
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGE_DIR = ROOT / "deployment" / "appPackage"
TEMPLATE = APP_PACKAGE_DIR / "manifest.template.json"
DEFAULT_OUT = APP_PACKAGE_DIR / "build" / "mag-dit.zip"

PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){LABEL}(?:\.{LABEL})+$")
HTTPS_URL = re.compile(r"^https://[^\s/]+(?:/\S*)?$")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

HINTS = {
    "MicrosoftAppId": "the bot's Microsoft Entra app id, a GUID such as 00000000-0000-0000-0000-000000000000",
    "BOT_DOMAIN": "the host name the bot is reached on, without https:// or a path, e.g. magdit.school.nl",
    "TEAMS_APP_ID": "a GUID; leave it out to use MicrosoftAppId",
    "TEAMS_APP_VERSION": "a version such as 1.2.0",
    "DEVELOPER_NAME": "at most 32 characters",
    "DEVELOPER_WEBSITE_URL": "an https:// URL",
    "DEVELOPER_PRIVACY_URL": "an https:// URL",
    "DEVELOPER_TERMS_URL": "an https:// URL",
}


class PackageError(Exception):
    """The package cannot be built; the message says what to fix."""


class PackageSettings(BaseSettings):
    """What the manifest needs from the deployment; read from the environment and an env file."""

    model_config = SettingsConfigDict(extra="ignore", env_file_encoding="utf-8")

    microsoft_app_id: UUID = Field(validation_alias="MicrosoftAppId")
    bot_domain: str = Field(validation_alias="BOT_DOMAIN")
    teams_app_id: UUID | None = Field(default=None, validation_alias="TEAMS_APP_ID")
    app_version: str | None = Field(
        default=None, validation_alias="TEAMS_APP_VERSION", pattern=r"^\d+\.\d+\.\d+$"
    )
    developer_name: str = Field(
        default="Mag dit?", validation_alias="DEVELOPER_NAME", min_length=1, max_length=32
    )
    developer_website_url: str | None = Field(default=None, validation_alias="DEVELOPER_WEBSITE_URL")
    developer_privacy_url: str | None = Field(default=None, validation_alias="DEVELOPER_PRIVACY_URL")
    developer_terms_url: str | None = Field(default=None, validation_alias="DEVELOPER_TERMS_URL")

    @field_validator("bot_domain")
    @classmethod
    def _host_name_only(cls, value: str) -> str:
        host = value.strip().lower()
        if not HOST_NAME.fullmatch(host):
            raise ValueError("not a host name")
        return host

    @field_validator("developer_website_url", "developer_privacy_url", "developer_terms_url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is not None and not HTTPS_URL.fullmatch(value.strip()):
            raise ValueError("not an https:// URL")
        return None if value is None else value.strip()


def load_settings(env_file: Path | None) -> PackageSettings:
    """Settings from the environment (and env_file when it exists), with readable errors."""
    try:
        return PackageSettings(_env_file=env_file if env_file and env_file.is_file() else None)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else "?"
            what = "is not set" if problem["type"] == "missing" else f"is invalid ({problem['msg']})"
            lines.append(f"  {name} {what}: {HINTS.get(name, '')}")
        where = f" or in {env_file}" if env_file else ""
        lines.append(f"Set them in the environment{where}.")
        raise PackageError("cannot build the Teams app package:\n" + "\n".join(lines)) from None


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def placeholder_values(settings: PackageSettings) -> dict[str, str]:
    """The value for every placeholder in the template, defaults filled in."""
    base = f"https://{settings.bot_domain}"
    return {
        "BOT_ID": str(settings.microsoft_app_id),
        "TEAMS_APP_ID": str(settings.teams_app_id or settings.microsoft_app_id),
        "APP_VERSION": settings.app_version or project_version(),
        "BOT_DOMAIN": settings.bot_domain,
        "DEVELOPER_NAME": settings.developer_name,
        "DEVELOPER_WEBSITE_URL": settings.developer_website_url or f"{base}/",
        "DEVELOPER_PRIVACY_URL": settings.developer_privacy_url or f"{base}/privacy",
        "DEVELOPER_TERMS_URL": settings.developer_terms_url or f"{base}/gebruiksvoorwaarden",
    }


def fill_placeholders(node: Any, values: dict[str, str]) -> Any:
    """Replace ``{{NAME}}`` in every string of a parsed JSON document; unknown names are an error."""
    if isinstance(node, dict):
        return {key: fill_placeholders(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [fill_placeholders(item, values) for item in node]
    if isinstance(node, str):

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                raise PackageError(f"the manifest template uses an unknown placeholder {{{{{name}}}}}")
            return values[name]

        return PLACEHOLDER.sub(substitute, node)
    return node


def build_manifest(settings: PackageSettings, template: Path = TEMPLATE) -> dict[str, Any]:
    manifest: dict[str, Any] = fill_placeholders(
        json.loads(template.read_text(encoding="utf-8")), placeholder_values(settings)
    )
    return manifest


def package_files(manifest: dict[str, Any]) -> list[str]:
    """The files besides manifest.json that the manifest refers to, in a fixed order."""
    icons = manifest["icons"]
    names = [icons["color"], icons["outline"]]
    languages = manifest.get("localizationInfo", {}).get("additionalLanguages", [])
    names += [language["file"] for language in languages]
    return names


def write_package(manifest: dict[str, Any], out: Path, source_dir: Path = APP_PACKAGE_DIR) -> Path:
    """Write the zip: manifest.json first, then the referenced files, with fixed metadata."""
    entries: list[tuple[str, bytes]] = [
        ("manifest.json", (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    ]
    for name in package_files(manifest):
        path = source_dir / name
        if not path.is_file():
            raise PackageError(f"{path} is missing (icons: run scripts/make_icons.py)")
        entries.append((name, path.read_bytes()))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Mag dit? Teams app package.")
    parser.add_argument("--env-file", type=Path, default=ROOT / ".env", help="env file, used when it exists")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="zip to write")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.env_file)
        out = write_package(build_manifest(settings), args.out)
    except PackageError as error:
        print(f"package_app: {error}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
