"""Every school in rules/ holds its articles complete and in order, clean of scan slips.

Derived from rules/: a new school file is checked without editing this test. The five protocols the team
transcribed are also pinned to the id table of ../shared/protocols/README.md.
"""

from __future__ import annotations

import pytest

from bot.onboarding.ocr import KNOWN_SLIPS
from bot.protocol.engine import RuleBook
from bot.protocol.loader import school_slugs
from tests.conftest import RULES

SCHOOLS = school_slugs(RULES)


def _items(section: str, last: int | str) -> list[str]:
    if isinstance(last, str):  # lettered items: a..f
        return [f"{section}.{chr(c)}" for c in range(ord("a"), ord(last) + 1)]
    return [f"{section}.{n}" for n in range(1, last + 1)]


# The id table of the protocols README (section → last item), for the protocols transcribed from it.
PINNED: dict[str, dict[str, int | str]] = {
    "de-breul": {"U": 6, "R": 2, "A": 10, "B": 3, "C": 4, "D": 5, "E": 10, "S": 6},
    "willem-van-oranje": {"U": 6, "R": 3, "P": 1, "A": 11, "B": 6, "C": 5, "S": 7, "Z": 1},
    "de-marel": {"U": 5, "A": 4, "M": 9, "SM": 2, "O": 7, "L": 6, "SO": 2},
    "lucas-onderwijs": {"U": 5, "R": 1, "A": 7, "B": 5, "S": 6},
    "martinus-twello": {"1": "f", "2": "f", "3": "f", "4": "b"},
}


@pytest.mark.parametrize("slug", sorted(PINNED))
def test_transcribed_protocols_match_the_id_table(book: RuleBook, slug: str) -> None:
    rules = book.school(slug)
    expected = {section: _items(section, last) for section, last in PINNED[slug].items()}
    actual = {section.id: [a.id for a in section.articles] for section in rules.sections}
    assert actual == expected


@pytest.mark.parametrize("slug", SCHOOLS)
def test_articles_are_numbered_without_gaps(book: RuleBook, slug: str) -> None:
    """Each section's items run 1, 2, 3, … or a, b, c, …: an item that lost its number shows as a gap."""
    for section in book.school(slug).sections:
        items = [a.id.split(".")[1] for a in section.articles]
        last: int | str = items[-1] if items[0] == "a" else len(items)
        assert [a.id for a in section.articles] == _items(section.id, last), section.id


@pytest.mark.parametrize("slug", SCHOOLS)
def test_every_article_has_text_and_roles(book: RuleBook, slug: str) -> None:
    for section in book.school(slug).sections:
        for article in section.articles:
            assert len(article.text) > 20, article.id
            assert article.roles, article.id


@pytest.mark.parametrize("slug", SCHOOLS)
def test_no_ocr_slips_left(book: RuleBook, slug: str) -> None:
    for section in book.school(slug).sections:
        for article in section.articles:
            for slip in KNOWN_SLIPS:
                assert slip not in article.text, (article.id, slip)


def test_every_school_file_is_served(book: RuleBook) -> None:
    assert book.slugs == SCHOOLS
    assert set(PINNED) <= set(SCHOOLS)
