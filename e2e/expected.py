"""What the end-to-end run expects to see rendered: the bot's Dutch texts and the engine's own answers.

`e2e/drive.mjs` asserts that the Teams client shows what `bot/texts/nl.py` and the answer engine say, so a
reworded text does not break the run while a missing or wrong one does. The facts the scenario is about
are checked here: at De Breul a medewerker may not use WhatsApp with the class (no, article A.1), and a
question about the canteen is not in the protocol. For the report flow: what a pupil reports (category,
description, platform) and where De Breul's protocol sends a pupil's report (article E.9).

Usage: python e2e/expected.py <rules dir>   (prints JSON)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bot.protocol import wording
from bot.protocol.answer import Answer
from bot.protocol.engine import RuleBook
from bot.texts.en import TEXTS as TEXTS_EN
from bot.texts.nl import TEXTS
from cards.answer import without_verdict_word
from cards.confirmation import inspector_phone, people_to_talk_to

SCHOOL = "de-breul"
ROLE = "medewerker"
QUESTION = "Mag ik mijn klas appen via WhatsApp?"
OUT_OF_SCOPE = "Hoe laat begint de kantine?"
PERSONAL_CHAT_ID = "personal-chat-id"  # e2e/playground.yml: the reporter's chat with the bot
REPORTER_ROLE = "leerling"
REPORT_ARTICLE = f"{SCHOOL}:E.9"
PUPIL_QUESTION = "Mag ik in de pauze naar de supermarkt?"  # asked as a leerling, put to the school
# A child's message of despair (issue 12): care first, then the report form preset to "in danger".
DISTRESS = "ik wil niet meer leven, ze sturen elke dag in de app dat ik dood moet"
# An expat's question (issue 8): answered in English whatever the client's locale.
ENGLISH_QUESTION = "Can I post a photo of my class on Instagram?"
# A question read two ways (issue 8): no verdict but "Wat bedoel je precies?" with the meanings as buttons.
ASK_BACK_QUESTION = "wordt een overtreding van een leerling ergens vastgelegd?"
REPORT = {
    "category": "cyberpesten",
    "description": "In de groepsapp van 2B sturen ze steeds memes over mij en lachen ze me uit.",
    "platform": "WhatsApp",
}


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "verdict": answer.verdict,
        "headline": without_verdict_word(answer.headline),  # as the answer card shows it
        "advice": answer.advice,
        "ask": list(answer.ask),
        "quotes": [
            {
                "article": quote.article_id.split(":", 1)[-1],
                "section": quote.section_title,
                "quoted": quote.quoted.rstrip(" ;:"),
                "full_text": quote.full_text,
            }
            for quote in answer.quotes
        ],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    book = RuleBook.load(Path(argv[1]))
    answer = book.answer(SCHOOL, ROLE, QUESTION, "nl")
    if answer.verdict != "no" or answer.sources[:1] != (f"{SCHOOL}:A.1",):
        print(f"e2e: expected 'no' from {SCHOOL}:A.1, the engine says {answer.contract()}", file=sys.stderr)
        return 1
    unknown = book.answer(SCHOOL, ROLE, OUT_OF_SCOPE, "nl")
    if unknown.verdict != "unknown":
        print(f"e2e: expected 'unknown', the engine says {unknown.contract()}", file=sys.stderr)
        return 1
    pupil = book.answer(SCHOOL, REPORTER_ROLE, PUPIL_QUESTION, "nl")
    if pupil.verdict != "unknown" or pupil.intent != "question":
        print(
            f"e2e: expected 'unknown' for a {REPORTER_ROLE}, the engine says {pupil.contract()}",
            file=sys.stderr,
        )
        return 1
    distress = book.answer(SCHOOL, REPORTER_ROLE, DISTRESS, "nl")
    if distress.intent != "report" or distress.safety is None or distress.safety.tier != "acute":
        print(
            f"e2e: expected the acute report path for the distress message, got {distress.contract()}",
            file=sys.stderr,
        )
        return 1
    english = book.answer(SCHOOL, REPORTER_ROLE, ENGLISH_QUESTION, "en")
    if english.intent != "question" or english.verdict == "unknown":
        print(f"e2e: expected an English question answered, got {english.contract()}", file=sys.stderr)
        return 1
    asked_back = book.answer(SCHOOL, REPORTER_ROLE, ASK_BACK_QUESTION, "nl")
    if asked_back.verdict != "clarify" or len(asked_back.suggestions) < 2:
        print(f"e2e: expected an ask-back with two meanings, got {asked_back.contract()}", file=sys.stderr)
        return 1
    meaning = asked_back.suggestions[0]
    chosen = book.answer_situation(SCHOOL, REPORTER_ROLE, meaning.situation or "", "nl")
    if chosen is None:
        print(f"e2e: the ask-back's option {meaning} has no answer", file=sys.stderr)
        return 1
    route = book.report_route(SCHOOL, REPORTER_ROLE)
    if [quote.article_id for quote in route.quotes][:1] != [REPORT_ARTICLE]:
        print(f"e2e: expected a pupil's report to go by {REPORT_ARTICLE}, not {route}", file=sys.stderr)
        return 1
    inspector = inspector_phone(route.external)
    if inspector is None:
        print(f"e2e: expected {SCHOOL}'s rules to give the vertrouwensinspecteur's number", file=sys.stderr)
        return 1
    expected = {
        "school_name": book.school(SCHOOL).school.name,
        "personal_chat_id": PERSONAL_CHAT_ID,
        "question": QUESTION,
        "out_of_scope": OUT_OF_SCOPE,
        "texts": TEXTS,
        "texts_en": TEXTS_EN,
        "distress": {
            "message": DISTRESS,
            "care_first": distress.safety.care[0],
            "calls": list(distress.safety.call[:2]),
        },
        "english": {"question": ENGLISH_QUESTION, "verdict": english.verdict},
        "ask_back": {
            "question": ASK_BACK_QUESTION,
            "meanings": [option.topic for option in asked_back.suggestions],
            "chosen": meaning.topic,
            "answer": _answer(chosen),
        },
        "answer": _answer(answer),
        "unknown": _answer(unknown),
        "pupil_question": {"question": PUPIL_QUESTION, "role": REPORTER_ROLE, "answer": _answer(pupil)},
        "report": {
            **REPORT,
            "role": REPORTER_ROLE,
            "article": REPORT_ARTICLE.split(":", 1)[-1],  # as the confirmation names it
            "contacts": wording.join(route.contacts, "nl", last="and"),
            "people": wording.join(people_to_talk_to(route.contacts), "nl"),
            "quoted": route.quotes[0].quoted,
            "inspector_phone": inspector.replace("-", ""),  # as the urgent confirmation's tel: button dials
        },
    }
    json.dump(expected, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
