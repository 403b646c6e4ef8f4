"""Fixtures for the Teams app package tests.

The package is built by running scripts/package_app.py as `make package` does, in a clean
environment with test settings, and the tests read what ends up in the zip. Microsoft's manifest
JSON schemas come from the npm package @microsoft/app-manifest that `make node` installs from
package-lock.json; without them the schema tests fail under CI=true and are skipped locally.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGE_DIR = ROOT / "deployment" / "appPackage"
SCHEMA_ROOT = ROOT / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"

BOT_ID = "6f1c2a0e-8d3b-4b8e-9a53-3f0f6a1d2c11"
BOT_DOMAIN = "magdit.example.nl"
SETTING_NAMES = (
    "MicrosoftAppId",
    "BOT_DOMAIN",
    "TEAMS_APP_ID",
    "TEAMS_APP_VERSION",
    "DEVELOPER_NAME",
    "DEVELOPER_WEBSITE_URL",
    "DEVELOPER_PRIVACY_URL",
    "DEVELOPER_TERMS_URL",
)


def load_script(name: str) -> ModuleType:
    """Import scripts/<name>.py as a module (scripts/ is not a package)."""
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"magdit_scripts_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def clean_environ(**settings: str) -> dict[str, str]:
    """os.environ without any package setting (names match case-insensitively), plus settings."""
    names = {name.lower() for name in SETTING_NAMES}
    env = {key: value for key, value in os.environ.items() if key.lower() not in names}
    env.update(settings)
    return env


RunPackage = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_package(tmp_path_factory: pytest.TempPathFactory) -> RunPackage:
    """Run scripts/package_app.py with only the given settings and no env file."""
    no_env_file = tmp_path_factory.mktemp("env") / "absent.env"

    def run(out: Path, **settings: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - fixed interpreter and script, our own arguments
            [sys.executable, "scripts/package_app.py", "--env-file", str(no_env_file), "--out", str(out)],
            cwd=ROOT,
            env=clean_environ(**settings),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def package_zip(run_package: RunPackage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("package") / "mag-dit.zip"
    result = run_package(out, MicrosoftAppId=BOT_ID, BOT_DOMAIN=BOT_DOMAIN)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def manifest(package_zip: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package_zip) as archive:
        loaded: dict[str, Any] = json.loads(archive.read("manifest.json"))
    return loaded


@pytest.fixture(scope="session")
def schema_dir(manifest: dict[str, Any]) -> Path:
    """The folder with Microsoft's JSON schemas for the manifest's version, from node_modules."""
    directory = SCHEMA_ROOT / f"v{manifest['manifestVersion']}"
    if not (directory / "MicrosoftTeams.schema.json").is_file():
        message = (
            f"Microsoft's Teams manifest schema is missing: {directory}/MicrosoftTeams.schema.json. "
            "Install the npm packages with `make node` (npm ci from package-lock.json)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return directory
