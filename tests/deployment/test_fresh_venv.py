"""The container's start command works on a clean machine: a fresh virtualenv, the project installed
non-editable from PyPI packages (as the Dockerfile's build stage does), then `python app.py` from a
folder holding only app.py and rules/ (as the image's /app), in local-development mode on a free port,
until /healthz and /readyz answer 200. Slow (a minute or two: pip downloads everything); nothing is
cached in the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.protocol.loader import school_slugs

ROOT = Path(__file__).resolve().parents[2]
LOCAL_TENANT = "00000000-0000-0000-0000-0000000000001"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 loopback only
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _copy_source(into: Path) -> Path:
    """What the Dockerfile's build stage copies; installing from a copy leaves the repository untouched."""
    source = into / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for package in ("bot", "cards"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    return source


def test_python_app_py_serves_health_and_readiness_from_a_fresh_virtualenv(tmp_path: Path) -> None:
    started = time.monotonic()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)  # noqa: S603
    python = venv / "bin" / "python"
    install = subprocess.run(  # noqa: S603
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"{_copy_source(tmp_path)}[azure]",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    installed = time.monotonic()

    app_dir = tmp_path / "app"  # the image's /app: app.py and the rules, no source tree
    app_dir.mkdir()
    shutil.copy2(ROOT / "app.py", app_dir / "app.py")
    shutil.copytree(ROOT / "rules", app_dir / "rules")
    schools = "+".join(school_slugs(ROOT / "rules"))
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOCAL_DEV": "true",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ALLOWED_TENANT_IDS": LOCAL_TENANT,
        "TENANT_SCHOOLS": f"{LOCAL_TENANT}={schools}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'magdit.sqlite3'}",
        "LOG_FORMAT": "json",
    }
    server = subprocess.Popen(  # noqa: S603 the README's start command
        [str(python), "app.py"],
        cwd=app_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        health = ready = 0
        while time.monotonic() < deadline and server.poll() is None:
            health, ready = _status(f"{base}/healthz"), _status(f"{base}/readyz")
            if health == ready == 200:
                break
            time.sleep(0.3)
        assert server.poll() is None, f"the server stopped: {server.communicate(timeout=5)[1][-3000:]}"
        assert (health, ready) == (200, 200)
        with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:  # noqa: S310
            body = json.load(response)
        assert body["schools"] == len(schools.split("+")) and body["store"] is True
    finally:
        server.terminate()
        try:
            _, errors = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
    lines = [line for line in errors.splitlines() if line.strip()]
    assert lines and all(json.loads(line)["level"] for line in lines), errors[-2000:]  # LOG_FORMAT=json
    print(
        f"fresh venv: install {installed - started:.0f}s, start to ready {time.monotonic() - installed:.1f}s"
    )
