"""`python -m bot ask --explain`: what the engine understood of a question and why the answer won.

Plain text for a person fixing an answer: the safety check (signals, tier, the framing that decided report
or question), the concepts the school's lexicon found, and the situations that scored, best first.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from bot.protocol.english import is_english
from bot.protocol.text import tokens, without_courtesies

if TYPE_CHECKING:
    from bot.protocol.engine import RuleBook

_SHOWN = 6


def explain(book: RuleBook, school: str, role: str, question: str) -> str:
    from bot.protocol.engine import parse_role

    answer = book.answer(school, role, question)
    school_book = book.book(school)
    who = parse_role(role)
    text = without_courtesies(question.strip())
    understood = book.english.to_dutch(text) if is_english(text) else text
    concepts = school_book.matcher.find(tokens(understood))
    found = book.safety.assess(text, concepts)
    lines = [f"antwoord: intent={answer.intent} verdict={answer.verdict} situatie={answer.situation or '-'}"]
    lines.append(f"bronnen: {', '.join(answer.sources) or '-'}")
    if found.tier is None:
        lines.append("veiligheid: geen signaal")
    else:
        verdict = "melding" if found.report else "vraag + aanbod om te melden"
        lines.append(f"veiligheid: {found.tier.name.lower()} ({', '.join(found.signals)}) -> {verdict}")
    flags = [f.name for f in fields(found.framing) if getattr(found.framing, f.name)]
    lines.append(f"  framing: {', '.join(flags) or '-'}")
    lines.append(f"  signaalbegrippen: {', '.join(sorted(found.concepts))}")
    weighed = ", ".join(f"{f} {w:+.2f}" for f, w in book.safety.detector.top_features(text))
    lines.append(f"  geleerd: {found.learned:+.2f} ({weighed or '-'})")
    if understood != text:
        lines.append(f"gelezen als: {understood}")
    lines.append(f"begrippen (lexicon): {', '.join(sorted(concepts)) or '-'}")
    lines.append("situaties (alle verplichte cues aanwezig, hoogste score eerst):")
    scored = []
    for rule in school_book.rules_for(who):
        hits, score = rule.score(concepts)
        if hits == len(rule.required):
            scored.append((score, rule))
    for score, rule in sorted(scored, key=lambda item: -item[0])[:_SHOWN]:
        situation = rule.situation
        kind = f"[{situation.intent}/{situation.verdict}]"
        lines.append(f"  {score:>3}  {situation.id} {kind} {', '.join(situation.sources)}")
    if not scored:
        lines.append("  (geen)")
    return "\n".join(lines)
