"""A condition the question itself states decides the verdict of a `yes_if`: said broken ("zijn ouders hebben
nee aangevinkt", "de ouders weten het nog niet", "zonder erbij te zeggen dat het mijn mening is") it is the
article's "no"; said met ("alleen van achteren te zien", "gepixeld") it is the article's "yes, if".

Paraphrases of eval set 42 (written blind about conditions met and denied), kept out of
tests/protocol/cases/: those train the learned models.
"""

from __future__ import annotations

import pytest

from bot.protocol.engine import RuleBook

STATED = [
    # broken
    (
        "de-breul",
        "medewerker",
        "Mag ik een filmpje van een leerling van 14 op het Instagram-account van school zetten? "
        "Zijn ouders hebben nee aangevinkt.",
        "no",
        "D.3",
    ),
    (
        "willem-van-oranje",
        "medewerker",
        "Een vader heeft op het formulier nee aangekruist. Mag de foto van zijn dochter toch op de Instagram "
        "van school?",
        "no",
        "A.5",
    ),
    (
        "lucas-onderwijs",
        "medewerker",
        "Mag ik op LinkedIn mijn mening over het schoolbeleid geven zonder erbij te zeggen dat het mijn "
        "eigen mening is?",
        "no",
        "B.1",
    ),
    (
        "martinus-twello",
        "medewerker",
        "Ik wil een appgroep voor de werkgroep sinterklaas maken, de ouders weten het nog niet. Mag dat?",
        "no",
        "3.a",
    ),
    (
        "de-breul",
        "leerling",
        "ik heb stiekem een filmpje van mijn vriend gemaakt mag ik dat op insta zetten",
        "no",
        "E.7",
    ),
    (
        "de-breul",
        "medewerker",
        "Niemand heeft me gevraagd, maar ik wil een Instagram-account voor onze sectie aanmaken. Kan dat?",
        "no",
        "D.1",
    ),
    # met
    (
        "martinus-twello",
        "ouder",
        "Mag de school een foto van mijn dochter op Facebook zetten als ze alleen van achteren te zien is?",
        "yes_if",
        "1.c",
    ),
    (
        "martinus-twello",
        "medewerker",
        "Ik heb de gezichten van de kinderen gepixeld, mag de foto op twitter?",
        "yes_if",
        "2.c",
    ),
    # met: the teacher allows social media for the lesson (A.4's "tenzij … toestemming"), said in other words
    (
        "de-breul",
        "ouder",
        "Is my son allowed to be on Instagram during class if his teacher says it's part of the assignment?",
        "yes_if",
        "E.8",
    ),
    (
        "lucas-onderwijs",
        "medewerker",
        "Bij mediawijsheid wil ik mijn eigen Instagram als voorbeeld laten zien en de leerlingen even "
        "zelf laten kijken op hun telefoon. Mag dat in de les?",
        "yes_if",
        "A.4",
    ),
    # broken: people ranked for fun in a poll is making fun of them
    (
        "lucas-onderwijs",
        "leerling",
        "we willen een poll op insta doen over welke docent het saaist lesgeeft, voor de grap. mag dat?",
        "no",
        "A.7",
    ),
    ("de-marel", "leerling", "mogen we een ranking van de stomste juffen op tiktok maken", "no", "L.4"),
    # broken: no consent, said as never signing anything; asked of a staff member's own act too
    (
        "lucas-onderwijs",
        "ouder",
        "Er staan foto's van mijn zoon op het Instagram-account van school. Ik heb nergens voor getekend. "
        "Mag de school dat zomaar?",
        "no",
        "A.5",
    ),
    (
        "de-marel",
        "ouder",
        "Juf heeft een foto van mijn zoon op de Instagram van school gezet. Ik heb nooit ja gezegd. "
        "Mag juf dat doen?",
        "no",
        "M.3",
    ),
    # broken: private contact with a pupil for fun, about personal things or kept from everyone (Lucas A.6:
    # functional, professional and transparent)
    (
        "lucas-onderwijs",
        "medewerker",
        "Een leerling vraagt of ik haar volg op haar privé-Instagram, gewoon omdat het gezellig is. Mag dat?",
        "no",
        "A.6",
    ),
    (
        "lucas-onderwijs",
        "medewerker",
        "Ik app 's avonds vanaf mijn privénummer met een leerling over persoonlijke dingen. Verder weet "
        "niemand ervan. Is dat toegestaan?",
        "no",
        "A.6",
    ),
    # who the asker is ("meester in groep 6") is no class in a picture; "mijn groep" is a class in primary
    (
        "martinus-twello",
        "medewerker",
        "Ik ben meester in groep 6 en maak privé TikTok-filmpjes over mijn hobby. Mag dat gewoon?",
        "yes_if",
        "4.b",
    ),
    (
        "martinus-twello",
        "medewerker",
        "Mag ik foto's van mijn groep op mijn eigen Instagram zetten?",
        "no",
        "4.a",
    ),
    # essential information never through the parents' WhatsApp group, quick information may (3.f, 3.d)
    (
        "martinus-twello",
        "medewerker",
        "Morgen is de school dicht door een staking. Mogen de klassenouders dat in de WhatsApp-groepen "
        "zetten in plaats van Social Schools?",
        "no",
        "3.f",
    ),
    (
        "martinus-twello",
        "medewerker",
        "Mag ik de nieuwe gymtijden alleen via de klassenouder laten doorgeven in hun appgroep?",
        "no",
        "3.f",
    ),
    (
        "martinus-twello",
        "medewerker",
        "Ik ben vergeten te zeggen dat ze morgen bord en bestek mee moeten. Mag de klassenouder dat in de "
        "appgroep zetten?",
        "yes",
        "3.d",
    ),
    # a member of staff answering a parent's criticism under a school post is the discussion B.4 rules out
    (
        "lucas-onderwijs",
        "medewerker",
        "Een ouder stelt onder een bericht van school op Facebook kritische vragen over de cijfers van zijn "
        "zoon. Mag ik daar inhoudelijk op reageren als ik het netjes doe?",
        "no",
        "B.4",
    ),
    # met: consent given, for the school's own channel
    (
        "de-breul",
        "medewerker",
        "De spelers van de musical zijn 17 en 18 en hebben zelf schriftelijk toestemming gegeven. Mag de "
        "opname op het YouTube-kanaal van school?",
        "yes_if",
        "D.3",
    ),
]


@pytest.mark.parametrize(("school", "role", "question", "verdict", "source"), STATED)
def test_a_condition_stated_in_the_question_decides_the_verdict(
    book: RuleBook, school: str, role: str, question: str, verdict: str, source: str
) -> None:
    answer = book.answer(school, role, question)
    assert (answer.intent, answer.verdict) == ("question", verdict)
    # The situation whose condition it is answers; the recogniser may lead with another article it cites
    # that says the same (De Breul A.4 and E.8: social media in class only with the teacher's permission).
    assert f"{school}:{source}" in answer.sources
