"""Fixtures for onboarding a school: the shared lexicon compiled once, the catalogue, a made-up protocol."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.protocol.catalogue import Catalogue
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.loader import LEXICON_FILE, compile_lexicon, load_catalogue, load_lexicon
from tests.conftest import RULES

HERE = Path(__file__).resolve().parent
PROTOCOL = HERE / "het-baken.txt"  # a made-up primary school's protocol, with the slips scans make


@pytest.fixture(scope="session")
def matcher() -> ConceptMatcher:
    return compile_lexicon(load_lexicon(RULES / LEXICON_FILE))


@pytest.fixture(scope="session")
def catalogue(matcher: ConceptMatcher) -> Catalogue:
    return load_catalogue(RULES, matcher)
