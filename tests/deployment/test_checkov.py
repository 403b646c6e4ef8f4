"""checkov (from PyPI, in its own virtualenv .venv/checkov) scans the Bicep templates and the Dockerfile.

Offline checkov has no severities, so every failed check fails this test unless
deployment/checkov-accepted.yaml lists it with a reason; an accepted entry that no longer fails fails
too, so that list stays true. `make checkov` installs checkov (`make unit` does it for you).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHECKOV = ROOT / ".venv" / "checkov" / "bin" / "checkov"
ACCEPTED = ROOT / "deployment" / "checkov-accepted.yaml"


SCANS = (
    ("--directory", "deployment/azure", "--framework", "bicep"),
    ("--file", "Dockerfile", "--framework", "dockerfile"),
)


def _checkov(*target: str) -> list[dict[str, Any]]:
    completed = subprocess.run(  # noqa: S603 a fixed command line
        [str(CHECKOV), *target, "--skip-download", "--output", "json", "--quiet", "--compact"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        # --skip-download and BC_SKIP_MAPPING: no calls home (only the package registries are reachable)
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
    )
    assert completed.stdout.strip(), completed.stderr[-2000:]
    reports = json.loads(completed.stdout)
    return reports if isinstance(reports, list) else [reports]


@pytest.fixture(scope="module")
def findings() -> list[dict[str, Any]]:
    if not CHECKOV.exists():
        pytest.fail(f"checkov is not installed at {CHECKOV.relative_to(ROOT)}: run `make checkov`")
    started = time.monotonic()
    reports = [report for scan in SCANS for report in _checkov(*scan)]
    print(f"checkov took {time.monotonic() - started:.1f}s")
    return reports


def _failed(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [check for report in reports for check in report.get("results", {}).get("failed_checks", [])]


def test_both_frameworks_were_scanned_without_parse_errors(findings: list[dict[str, Any]]) -> None:
    kinds = {report.get("check_type") for report in findings}
    assert {"bicep", "dockerfile"} <= kinds
    for report in findings:
        summary = report["summary"]
        assert summary["parsing_errors"] == 0, (report["check_type"], summary)
        assert summary["passed"] > 0, report["check_type"]


def test_no_failed_check_beyond_the_accepted_ones(findings: list[dict[str, Any]]) -> None:
    entries = yaml.safe_load(ACCEPTED.read_text())["accepted"]
    accepted = {(entry["id"], entry["resource"]) for entry in entries}
    failed = {(check["check_id"], check["resource"]): check for check in _failed(findings)}

    unexpected = [
        f"{check_id} {resource} ({check.get('severity') or 'no severity offline'}): "
        f"{check['check_name']} — {check['file_path']}:{check['file_line_range']}"
        for (check_id, resource), check in sorted(failed.items())
        if (check_id, resource) not in accepted
    ]
    stale = sorted(accepted - set(failed))

    assert not unexpected, "fix these or accept them with a reason in deployment/checkov-accepted.yaml:\n" + (
        "\n".join(unexpected)
    )
    assert not stale, f"accepted but no longer failing, remove from the list: {stale}"


def test_every_accepted_finding_says_why() -> None:
    for entry in yaml.safe_load(ACCEPTED.read_text())["accepted"]:
        assert len(entry.get("reason", "").split()) >= 10, entry["id"]
