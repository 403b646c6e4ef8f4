"""A protocol's text split into sections and articles with the ids the bot cites."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.onboarding.ocr import slips
from bot.onboarding.splitting import split
from tests.onboarding.conftest import PROTOCOL

SHARED = Path(__file__).resolve().parents[3] / "shared" / "protocols"


def _ids(text: str) -> dict[str, list[str]]:
    return {s.id: [a.label for a in s.articles] for s in split(text).sections}


def test_numbered_lettered_and_article_headings_get_their_ids() -> None:
    protocol = split(PROTOCOL.read_text(encoding="utf-8"))
    assert protocol.title == "Protocol sociale media Basisschool Het Baken"
    assert _ids(PROTOCOL.read_text(encoding="utf-8")) == {
        "U": ["1", "2"],
        "1": ["a", "b"],
        "A": ["1", "2", "3", "4"],
        "S": ["1", "2"],
    }
    assert any("Inleiding" in note and "overgeslagen" in note for note in protocol.notes)


def test_lines_broken_by_the_scan_are_joined() -> None:
    section = next(s for s in split(PROTOCOL.read_text(encoding="utf-8")).sections if s.id == "1")
    assert section.articles[1].text == (
        "Het is leerkrachten niet toegestaan om ouders of leerlingen via WhatsApp te benaderen."
    )


def test_an_item_that_lost_its_number_is_numbered_by_its_place() -> None:
    section = next(s for s in split(PROTOCOL.read_text(encoding="utf-8")).sections if s.id == "A")
    assert section.articles[2].text.startswith("Het wordt leerkrachten afgeraden")
    assert any("artikel 3" in note and "geen nummer" in note for note in section.notes)


def test_a_list_printed_before_its_heading_goes_under_it() -> None:
    text = "B. Voor medewerkers\n\n1. Een regel voor medewerkers.\n\n1. Je regel als leerling.\n"
    text += "2. Nog een regel als leerling.\n\nC. Voor leerlingen\n\no\n"
    assert _ids(text) == {"B": ["1"], "C": ["1", "2"]}


def test_sections_without_numbers_get_one_article_per_paragraph_with_its_bullets() -> None:
    text = (
        "Doelgroep en reikwijdte\n\nDit protocol geldt voor iedereen. Hieronder vallen:\n\n- medewerkers\n"
        "- leerlingen\n\nHet geldt ook buiten schooltijd als het over school gaat.\n\n"
        "Sancties\n\n1. Een maatregel.\n"
    )
    sections = split(text).sections
    assert [(s.id, len(s.articles)) for s in sections] == [("R", 2), ("S", 1)]
    expected = "Dit protocol geldt voor iedereen. Hieronder vallen: medewerkers; leerlingen."
    assert sections[0].articles[0].text == expected


def test_two_sanction_sections_are_told_apart_by_whom_they_are_for() -> None:
    text = "Sancties voor medewerkers\n\n1. Een.\n2. Twee.\n\nSancties voor ouders en leerlingen\n\n1. Een.\n"
    assert list(_ids(text)) == ["SM", "SO"]


def test_decimal_numbering_gives_section_and_item() -> None:
    text = "1. Algemeen\n1.1 Iedereen is zelf verantwoordelijk.\n1.2 Wees respectvol.\n\n"
    text += "2. Medewerkers\n2.1 Medewerkers appen niet met leerlingen.\n"
    assert _ids(text) == {"1": ["1", "2"], "2": ["1"]}


def test_numbering_gaps_and_doubles_are_noted() -> None:
    text = "A. Algemeen\n\n1. Een regel.\n2. Nog een.\n5. Een derde.\n"
    [section] = split(text).sections
    assert any("springt van 2 naar 5" in note for note in section.notes)


def test_suspected_scan_slips_are_flagged_with_what_was_meant() -> None:
    found = slips(
        "We gebruiken vitsluitend Teams, alleen bjj uitzondering, de requliere norm; hij? publiceert"
    )
    assert [s.comment() for s in found] == [
        'OCR? "vitsluitend" → "uitsluitend"',
        'OCR? "bjj" → "bij"',
        'OCR? "requliere" → "reguliere"',
        'OCR? "hij?" → "hij"',
    ]
    assert slips("Vitamines en een vitrine") == []


# The id tables of ../shared/protocols/README.md, for the protocols the team transcribed by hand.
TRANSCRIBED = {
    "de-breul": {"U": 6, "R": 2, "A": 10, "B": 3, "C": 4, "D": 5, "E": 10, "S": 6},
    "de-marel": {"U": 5, "A": 4, "M": 9, "SM": 2, "O": 7, "L": 6, "SO": 2},
    "lucas-onderwijs": {"U": 5, "R": 1, "A": 7, "B": 5, "S": 6},
    "martinus-twello": {"1": 6, "2": 6, "3": 6, "4": 2},
}


@pytest.mark.skipif(not SHARED.exists(), reason="the received protocols are not next to the repository")
@pytest.mark.parametrize("slug", sorted(TRANSCRIBED))
def test_the_received_scans_split_as_the_team_transcribed_them(slug: str) -> None:
    ids = _ids((SHARED / f"{slug}.txt").read_text(encoding="utf-8"))
    assert {section: len(items) for section, items in ids.items()} == TRANSCRIBED[slug]
