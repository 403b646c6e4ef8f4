"""Which catalogue situations an article covers, with the verdict its words say and the sentence to quote."""

from __future__ import annotations

import pytest

from bot.onboarding.proposals import DraftedArticle, article_roles, propose, read_verdict
from bot.protocol.catalogue import Catalogue
from bot.protocol.lexicon import ConceptMatcher


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("Het medium WhatsApp mag niet gebruikt worden door medewerkers.", "no"),
        ("Het is niet toegestaan om in de les actief te zijn, tenzij de docent het toestaat.", "no"),
        (
            "Het is betrokkenen toegestaan informatie te delen, mits het geen vertrouwelijke informatie is.",
            "yes_if",
        ),
        ("Het wordt medewerkers afgeraden om connecties aan te gaan met leerlingen.", "advised_against"),
        ("Werknemers zijn toegestaan privé deel te nemen aan alle Sociale Media.", "yes"),
        ("Elke betrokkene is persoonlijk verantwoordelijk voor de inhoud.", None),
        ("Leerkrachten gaan op sociale media geen vriendschap aan met ouders.", "no"),
        ("Het is niet toegestaan foto's te plaatsen zonder dat zij toestemming hebben gegeven.", "yes_if"),
    ],
)
def test_the_verdict_is_read_from_the_protocols_words(sentence: str, verdict: str | None) -> None:
    found = read_verdict(sentence)
    assert (found[0] if found else None) == verdict


def test_an_article_is_proposed_for_what_it_covers_with_its_sentence_quoted(
    catalogue: Catalogue, matcher: ConceptMatcher
) -> None:
    articles = [
        DraftedArticle(
            "A.1",
            "Sociale media zijn fijn. Het is leerkrachten niet toegestaan ouders te appen via WhatsApp.",
        ),
        DraftedArticle(
            "A.2", "Het wordt leerkrachten afgeraden om vrienden te worden met ouders op sociale media."
        ),
    ]
    proposals = {p.entry.id: p for p in propose(articles, catalogue, matcher)}
    whatsapp = proposals["whatsapp-medewerker-leerlingen"]
    assert [s.article for s in whatsapp.sources] == ["A.1"]
    assert whatsapp.verdict == "no" and whatsapp.read_from == "niet toegestaan"
    assert whatsapp.quote == "Het is leerkrachten niet toegestaan ouders te appen via WhatsApp."
    befriend = proposals["vrienden-medewerker"]
    # one sentence: the whole article is what the answer quotes
    assert befriend.verdict == "advised_against" and befriend.quote is None
    assert befriend.wording.answer.startswith("Liever niet")


def test_cues_spread_over_sentences_are_not_one_situation(
    catalogue: Catalogue, matcher: ConceptMatcher
) -> None:
    article = DraftedArticle("B.1", "Leerlingen zijn welkom. Volg de strategie van de school.")
    assert "vrienden-medewerker" not in {p.entry.id for p in propose([article], catalogue, matcher)}


def test_cues_in_neighbouring_sentences_count_less_and_the_verdict_comes_from_the_one_about_it(
    catalogue: Catalogue, matcher: ConceptMatcher
) -> None:
    spread = DraftedArticle("B.1", "Medewerkers mailen leerlingen via Teams. WhatsApp wordt niet gebruikt.")
    whole = DraftedArticle("B.2", "Medewerkers appen nooit met leerlingen via WhatsApp.")
    entry = "whatsapp-medewerker-leerlingen"
    proposal = next(p for p in propose([spread, whole], catalogue, matcher) if p.entry.id == entry)
    assert [s.article for s in proposal.sources] == ["B.2", "B.1"]
    alone = next(p for p in propose([spread], catalogue, matcher) if p.entry.id == entry)
    assert (alone.verdict, alone.read_from) == ("no", "niet gebruikt")
    assert alone.quote == "WhatsApp wordt niet gebruikt."


def test_a_verdict_the_entry_has_no_words_for_gets_the_plain_answer(
    catalogue: Catalogue, matcher: ConceptMatcher
) -> None:
    article = DraftedArticle("A.1", "Het is niet toegestaan om informatie over leerlingen te delen.")
    sharing = next(p for p in propose([article], catalogue, matcher) if p.entry.id == "informatie-delen")
    assert sharing.verdict == "no" and sharing.generic
    assert sharing.wording == catalogue.fallback["no"]


def test_whom_an_article_concerns() -> None:
    assert article_roles("E. Voor leerlingen", "Je gaat niet in discussie met medewerkers.") == ["leerling"]
    assert article_roles("A. Voor alle gebruikers", "Medewerkers appen niet.") == [
        "medewerker",
        "leerling",
        "ouder",
    ]
    assert article_roles("Contact", "Leerkrachten appen niet met ouders.") == ["medewerker", "ouder"]
    assert article_roles("Uitgangspunten", "Het protocol draagt bij aan een veilig klimaat.") == [
        "medewerker", "leerling", "ouder"
    ]  # fmt: skip
