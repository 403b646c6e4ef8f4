"""Obligation questions ("moet ik …?", "hoeft mijn profiel …?") about taking something back (closing a
profile, unfriending, removing) are answered as obligations: a situation that allows what may stay says "Nee,
dat hoeft niet", one that forbids it says "Ja, dat moet". A message that also asks "mag …?" asks the
permission, which the situation answers as it is."""

from __future__ import annotations

import pytest

from bot.protocol import wording
from bot.protocol.engine import RuleBook


@pytest.mark.parametrize(
    ("question", "verdict", "starts"),
    [
        ("Moet mijn privé-Instagram afgeschermd zijn?", "yes", "Ja, dat moet: je persoonlijke profielen"),
        ("hoeft LinkedIn ook afgeschermd te worden?", "no", "Nee, dat hoeft niet: LinkedIn mag openbaar"),
        ("Moet ik mijn LinkedIn-profiel op privé zetten?", "no", "Nee, dat hoeft niet:"),
        # the permission asked as well: the situation's own verdict
        (
            "moet mijn linkedin ook afgeschermd of mag die gewoon openbaar?",
            "yes",
            "Ja, LinkedIn mag openbaar",
        ),
    ],
)
def test_an_obligation_to_take_something_back_is_answered_as_one(
    book: RuleBook, question: str, verdict: str, starts: str
) -> None:
    answer = book.answer("de-marel", "medewerker", question)
    assert (answer.intent, answer.verdict) == ("question", verdict)
    assert answer.sources[0] == "de-marel:M.2"
    assert answer.text.startswith(starts)


def test_the_headline_keeps_a_name_capitalised_and_reads_in_english() -> None:
    assert (
        wording.as_obligation("Ja, LinkedIn mag openbaar.", "no", "nl")
        == "Nee, dat hoeft niet: LinkedIn mag openbaar."
    )
    assert (
        wording.as_obligation("Nee, je laat het niet open.", "yes", "nl")
        == "Ja, dat moet: je laat het niet open."
    )
    assert wording.as_obligation("No, you don't leave it public.", "yes", "en") == (
        "Yes, you must: you don't leave it public."
    )
