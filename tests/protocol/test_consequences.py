"""'Ik heb … gedaan, wat gebeurt er nu met mij?': the asker tells what they did and asks what happens now.
The answer is the sanctions for the asker's own role first (not the sanctions for the teacher it was about);
where the deed is an incident the school should hear of, the reporting route follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.protocol.engine import RuleBook

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(RULES)


def test_a_pupil_who_posted_a_fake_of_a_teacher_hears_the_pupils_sanctions_then_how_to_report(
    book: RuleBook,
) -> None:
    answer = book.answer(
        "de-breul",
        "leerling",
        "ik heb met een app een nepfilmpje van de juf gemaakt en gepost, word ik geschorst?",
    )
    assert answer.sources[0] == "de-breul:E.10"  # sanctions for pupils, not S.2 (for staff)
    assert answer.intent == "report"
    assert "de-breul:E.9" in answer.sources  # where a pupil reports
    assert "Melden kan bij" in answer.text


def test_caught_in_class_is_a_question_about_ones_own_sanctions(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul", "leerling", "ik werd betrapt op snapchat in de les, wat gebeurt er nu met mij?"
    )
    assert answer.intent == "question"
    assert answer.safety is None  # "betrapt" is no typo of "bedreigt"
    assert answer.sources[0] == "de-breul:E.10"


def test_a_supposition_is_answered_by_the_rule_it_asks_about(book: RuleBook) -> None:
    answer = book.answer("de-breul", "leerling", "Als ik een meme van een leraar maak, krijg ik dan straf?")
    assert answer.verdict == "no"
    assert answer.sources[0] in ("de-breul:E.1", "de-breul:E.7")  # the rule about edited images of others


def test_a_parent_asking_whether_a_child_can_be_expelled_hears_the_sanctions(book: RuleBook) -> None:
    answer = book.answer(
        "de-marel",
        "ouder",
        "Kan een kind echt van school gestuurd worden voor een gemeen filmpje op TikTok? Mijn zoon is 10, "
        "het was een grapje zegt hij.",
    )
    assert answer.sources[0] in ("de-marel:SO.2", "de-marel:SO.1")


@pytest.mark.parametrize(
    "message",
    [
        "ik heb een meme van onze leraar in de klassengroep gezet. wat kan er gebeuren? kan ik geschorst",
        "ik heb een docent uitgescholden in een comment op insta, wat voor straf krijg ik?",
        "ik heb iemand een gemeen bericht gestuurd op snap, kan ik hiervoor van school gestuurd worden?",
    ],
)
def test_a_confession_is_answered_by_the_sanctions_in_other_words_too(book: RuleBook, message: str) -> None:
    """However sure the article recogniser is of the article about the deed (the meme, the comment), the
    asker asks what happens to them: the sanctions answer, no question back."""
    answer = book.answer("de-breul", "leerling", message)
    assert answer.verdict != "clarify"
    assert answer.sources[0] in ("de-breul:E.10", "de-breul:A.10")  # pupils' sanctions; the school's measures


def test_the_fear_of_a_pupil_who_did_it_is_no_case_of_its_own(book: RuleBook) -> None:
    answer = book.answer(
        "willem-van-oranje",
        "leerling",
        "ik heb als grap iemands insta wachtwoord geraden en ingelogd en nu weet mn mentor het. "
        "kan ik hiervoor van school gestuurd worden? ik ben echt bang",
    )
    assert answer.intent == "question"
    assert "113" not in answer.text  # "van school gestuurd" is no address spread, "bang" no despair


def test_a_pupil_coerced_after_sending_a_photo_hears_no_sanctions_first(book: RuleBook) -> None:
    answer = book.answer(
        "lucas-onderwijs",
        "leerling",
        "ik heb een foto van mezelf gestuurd en nu dreigt hij hem rond te sturen als ik niet betaal. "
        "wat gebeurt er nu? ik ben zo bang",
    )
    assert answer.intent == "report"
    assert answer.text.startswith("Het is niet jouw schuld")
    assert not answer.sources or answer.sources[0] not in ("lucas-onderwijs:S.5", "lucas-onderwijs:S.4")


@pytest.mark.parametrize(
    "message",
    [
        "Ik ben teamleider. Stel dat een medewerker op TikTok leerlingen belachelijk maakt, wat voor "
        "maatregelen kan die medewerker dan verwachten?",
        "welke maatregelen krijgt die docent als hij foto's van leerlingen op zijn insta zet?",
    ],
)
def test_the_sanctions_of_the_member_of_staff_asked_about(book: RuleBook, message: str) -> None:
    """Whose sanctions: the member of staff the question is about, not the pupils it names, and not the asker
    because the asker says "ik"."""
    answer = book.answer("lucas-onderwijs", "medewerker", message)
    assert answer.sources[0] in ("lucas-onderwijs:S.1", "lucas-onderwijs:S.2", "lucas-onderwijs:S.3")


@pytest.mark.parametrize(
    "message",
    [
        "Een collega zette per ongeluk een cijferlijst met namen op zijn openbare Instagram. Wat kan hem "
        "als medewerker boven het hoofd hangen?",
        "Een collega zette per ongeluk een cijferlijst met namen op Instagram. Wat staat hem te wachten?",
    ],
)
def test_what_hangs_over_a_colleague_asks_the_staffs_sanctions(book: RuleBook, message: str) -> None:
    """The staff's sanctions answer, or are the meaning offered when the bot asks back (never the rule on
    sharing personal data alone)."""
    answer = book.answer("de-breul", "medewerker", message)
    staff_sanctions = ("de-breul:S.1", "de-breul:S.2", "de-breul:S.3")
    offered = [s.article_id for s in answer.suggestions] if answer.verdict == "clarify" else []
    assert (answer.sources[:1] or offered[:1])[0] in staff_sanctions
