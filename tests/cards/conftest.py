"""Every card the package builds, in both languages, including from hostile and oversized input."""

from __future__ import annotations

from typing import Any

import pytest

from bot.protocol.answer import Suggestion
from bot.protocol.model import School
from bot.texts import LANGS
from cards.answer import answer_card
from cards.help import help_card
from cards.privacy import privacy_card
from cards.protocol import protocol_card
from cards.role import role_card, school_card, school_chosen_card
from cards.welcome import welcome_card
from tests.cards import samples
from tests.leadership.samples import leadership_cards
from tests.questions.samples import question_cards
from tests.reporting.samples import reporting_cards

TOKEN = "q1w2e3r4t5y6"


def every_card() -> dict[str, dict[str, Any]]:
    rules = samples.rules_file()
    hostile = samples.HOSTILE
    schools = [rules.school, School.model_validate({**rules.school.model_dump(), "slug": "de-marel",
                                                    "name": hostile})]  # fmt: skip
    built: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        for verdict in ("yes", "yes_if", "no", "advised_against"):
            built[f"answer-{verdict}-{lang}"] = answer_card(
                samples.answer(verdict), lang, question="Mag ik een foto delen?", question_token=TOKEN,
                school_name="De Breul",
            )  # fmt: skip
        built[f"answer-unknown-{lang}"] = answer_card(
            samples.unknown_answer(), lang, question="Mag ik een drone gebruiken?", question_token=TOKEN
        )
        built[f"answer-clarify-{lang}"] = answer_card(
            samples.clarify_answer(), lang, question="mag ik mn leraar toevoegen", question_token=TOKEN
        )
        built[f"answer-clarify-hostile-{lang}"] = answer_card(
            samples.clarify_answer(suggestions=(
                Suggestion(article_id="de-breul:A.1", topic=hostile, situation="whatsapp-leerlingen"),)),
            lang, question=hostile, question_token=TOKEN,
        )  # fmt: skip
        built[f"answer-report-{lang}"] = answer_card(
            samples.report_answer(), lang, question="ik word gepest", question_token=TOKEN
        )
        built[f"answer-hostile-{lang}"] = answer_card(
            samples.answer("yes_if", headline=hostile, advice=hostile, quotes=(samples.QUOTE.model_copy(
                update={"quoted": hostile, "section_title": hostile, "full_text": hostile * 3}),)),
            lang, question=hostile * 20, question_token=TOKEN, school_name=hostile,
        )  # fmt: skip
        built[f"answer-unknown-hostile-{lang}"] = answer_card(
            samples.unknown_answer(ask=(hostile,), suggestions=(
                Suggestion(article_id="de-breul:A.1", topic=hostile),)),
            lang, question=hostile, question_token=TOKEN,
        )  # fmt: skip
        built[f"welcome-{lang}"] = welcome_card(lang)
        built[f"role-{lang}"] = role_card(lang)
        built[f"role-current-{lang}"] = role_card(lang, current="ouder")
        built[f"school-{lang}"] = school_card(schools, lang)
        built[f"help-{lang}"] = help_card(lang)
        built[f"help-channel-{lang}"] = help_card(lang, "channel")
        built[f"school-chosen-{lang}"] = school_chosen_card(hostile, lang)
        for useful in (True, False):
            built[f"answer-voted-{useful}-{lang}"] = answer_card(
                samples.answer("yes"), lang, question="Mag ik een foto delen?", question_token=TOKEN,
                voted=useful,
            )  # fmt: skip
        built[f"protocol-{lang}"] = protocol_card(rules, lang)
        built[f"protocol-leerling-{lang}"] = protocol_card(rules, lang, role="leerling")
        built[f"protocol-huge-{lang}"] = protocol_card(samples.rules_file(12, 10, 900), lang)
        built[f"privacy-{lang}"] = privacy_card(lang)
        built[f"privacy-set-{lang}"] = privacy_card(
            lang, report_retention_months=24, privacy_contact="privacyvragen@de-breul.nl"
        )
    built.update(leadership_cards(hostile))
    built.update(question_cards(hostile))
    built.update(reporting_cards(hostile))
    return built


@pytest.fixture(scope="session")
def cards() -> dict[str, dict[str, Any]]:
    return every_card()
