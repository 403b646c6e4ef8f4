"""Answers, rules and hostile strings to render cards from (the engine's output shape, built by hand)."""

from __future__ import annotations

from typing import Any

from bot.protocol.answer import Answer, Quote, Suggestion
from bot.protocol.model import RulesFile, Verdict

HOSTILE = (
    "[Klik hier](https://evil.example/login) **vet** _schuin_ ~~weg~~ `code` "
    "<at>Iedereen</at> <b>html</b> <img src=x onerror=alert(1)> &amp; &#60; "
    "\u202egnp.exe\u202c # kop\n- lijst\n1. genummerd\n> citaat"
)

QUOTE = Quote(
    article_id="de-breul:A.8",
    section_title="A. Voor alle gebruikers",
    quoted="Je plaatst geen foto's of filmpjes van anderen zonder hun toestemming",
    full_text="Je plaatst geen foto's of filmpjes van anderen zonder hun toestemming. Dat geldt ook voor "
    "foto's die in de klas, op het schoolplein of tijdens een excursie zijn gemaakt.",
)


def answer(verdict: Verdict = "no", **changes: Any) -> Answer:
    fields: dict[str, Any] = {
        "intent": "question",
        "verdict": verdict,
        "sources": ("de-breul:A.8",),
        "text": "Nee, dat mag niet zonder toestemming.",
        "school": "de-breul",
        "role": "leerling",
        "headline": "Nee, niet zonder toestemming van wie erop staat.",
        "quotes": (QUOTE,),
        "advice": "Vraag eerst of het goed is.",
    }
    fields.update(changes)
    return Answer(**fields)


def unknown_answer(**changes: Any) -> Answer:
    fields: dict[str, Any] = {
        "sources": (),
        "quotes": (),
        "advice": None,
        "headline": "Dat staat niet in het socialemediaprotocol van De Breul, dus ik ga er niet naar gissen.",
        "ask": ("je mentor", "de functionaris gegevensbescherming (privacyvragen@de-breul.nl)"),
        "suggestions": (
            Suggestion(article_id="de-breul:A.8", topic="foto's van anderen plaatsen"),
            Suggestion(article_id="de-breul:E.6", topic="vrienden worden met docenten"),
        ),
    }
    fields.update(changes)
    return answer("unknown", **fields)


def clarify_answer(**changes: Any) -> Answer:
    """An ask-back: two meanings, each a situation of the school."""
    fields: dict[str, Any] = {
        "sources": (),
        "quotes": (),
        "advice": None,
        "headline": "Ik weet niet zeker wat je bedoelt, en ik wil je geen verkeerd antwoord geven. "
        "Kies wat het beste past:",
        "ask": ("je mentor",),
        "suggestions": (
            Suggestion(
                article_id="de-breul:E.6", topic="vrienden worden met docenten", situation="docent-volgen"
            ),
            Suggestion(
                article_id="de-breul:E.5", topic="discussie met docenten online", situation="discussie"
            ),
        ),
    }
    fields.update(changes)
    return answer("clarify", **fields)


def report_answer(**changes: Any) -> Answer:
    fields: dict[str, Any] = {
        "intent": "report",
        "headline": "Cyberpesten meld je bij je mentor of de vertrouwenspersoon.",
        "ask": ("je mentor", "de vertrouwenspersoon"),
        "situation": "cyberpesten",
    }
    fields.update(changes)
    return answer("no", **fields)


def rules_file(sections: int = 8, articles: int = 7, article_chars: int = 260) -> RulesFile:
    """A school as large as the largest protocol (De Breul: ~13 KB of article text), or larger."""
    filler = "Je gebruikt sociale media op een manier die past bij de school en respecteert anderen. "
    text = (filler * (article_chars // len(filler) + 1))[:article_chars].strip()
    roles = ["medewerker", "leerling", "ouder"]
    raw_sections = [
        {
            "id": chr(ord("A") + s),
            "title": f"{chr(ord('A') + s)}. Onderdeel {s + 1}",
            "summary": "Wat iedereen moet weten over dit onderdeel van het protocol.",
            "articles": [
                {
                    "id": f"{chr(ord('A') + s)}.{a + 1}",
                    "text": f"{text} ({a + 1})",
                    "roles": [roles[(s + a) % 3]],
                }
                for a in range(articles)
            ],
        }
        for s in range(sections)
    ]
    return RulesFile.model_validate(
        {
            "school": {
                "slug": "de-breul",
                "name": "De Breul",
                "kind": "vo",
                "protocol_title": "Protocol sociale media",
                "contacts": [{"key": "mentor", "name": "je mentor"}],
                "channels": ["Teams"],
                "ask": {role: ["mentor"] for role in roles},
                "report_to": {role: ["mentor"] for role in roles},
            },
            "sections": raw_sections,
            "situations": [
                {
                    "id": "foto",
                    "topic": "foto's plaatsen",
                    "match": {"all": ["photo"]},
                    "verdict": "no",
                    "sources": ["A.1"],
                    "answer": "Nee.",
                }
            ],
        }
    )
