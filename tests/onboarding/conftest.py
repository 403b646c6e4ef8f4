"""Fixtures for onboarding a school: a made-up protocol."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PROTOCOL = HERE / "het-baken.txt"  # a made-up primary school's protocol, with the slips scans make
