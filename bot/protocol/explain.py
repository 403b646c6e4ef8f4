"""`python -m bot ask --explain`: what the engine understood of a question and why the answer won.

Plain text for a person fixing an answer: the safety check (signals, tier, the framing that decided report
or question), the concepts the school's lexicon found, and the situations that scored, best first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.protocol.answer import Answer
    from bot.protocol.engine import RuleBook
    from bot.protocol.recogniser import Guess

_SHOWN = 6


def explain(book: RuleBook, school: str, role: str, question: str) -> str:
    from bot.protocol.engine import _confessed, _protocol_answer, parse_role

    answer = book.answer(school, role, question)
    school_book = book.book(school)
    who = parse_role(role)
    text, understood, concepts = book.read(school, question)
    found = book.assess(school, text, understood, concepts)
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

    # The second opinion weighs the situations' answer, before it asks back, says "staat er niet in" or lets
    # another situation answer: its lead is over that answer's article.
    guess = book.recogniser.guess(school, understood)
    consequences = _confessed(school_book, who, concepts)
    if consequences is not None and not found.report:
        lines.append(
            f"bekentenis (eigen daad, 'wat gebeurt er met mij?'): {consequences.id} antwoordt, "
            "geen tweede mening"
        )
    before = (
        answer
        if found.report
        else _protocol_answer(
            school_book, who, understood, concepts, "nl", found, lambda: guess, consequences
        )
    )
    chosen = school_book.situation(before.situation, who) if before.situation else None
    lines.append(_second_opinion(guess, before.sources, chosen.sources if chosen else None))
    if (before.situation, before.verdict) != (answer.situation, answer.verdict):
        lines.append(
            f"  de situaties gaven: {before.situation or '-'} [{before.verdict}]; {_changed(answer)}"
        )
    for option in answer.suggestions if answer.verdict == "clarify" else ():
        lines.append(f"  vraagt terug met: {option.situation} ({option.article_id}) {option.topic}")
    return "\n".join(lines)


def _changed(answer: Answer) -> str:
    """What the second opinion made of the situations' answer."""
    if answer.verdict == "clarify":
        return "de tweede mening vraagt terug"
    if answer.verdict == "unknown":
        return "de tweede mening zegt dat het er niet in staat"
    return f"de tweede mening laat {answer.situation or '-'} antwoorden"


def _second_opinion(guess: Guess | None, sources: tuple[str, ...], own: Sequence[str] | None) -> str:
    """What the article recogniser thinks, and whether it made the engine ask back."""
    from bot.protocol.engine import (
        SECOND_OPINION_MARGIN,
        TAKE_OVER_MARGIN,
        TIE_BREAK_MARGIN,
        UNCOVERED_MARGIN,
        rests_on,
    )
    from bot.protocol.recogniser import NONE

    if guess is None:
        return "tweede mening (artikelherkenner): geen (geen gelabelde vragen van deze school)"
    best = sorted(guess.scores, key=lambda article: -guess.scores[article])[:3]
    ranked = ", ".join(f"{article} {guess.scores[article]:.1f}" for article in best)
    lead = guess.lead_over(rests_on(sources, own)) if sources else float("nan")
    return (
        f"tweede mening (artikelherkenner): {ranked}; voorsprong op het artikel van het antwoord {lead:.1f} "
        f"(vraagt terug vanaf {SECOND_OPINION_MARGIN:.0f}; zegt 'staat er niet in' als '{NONE}' "
        f"{UNCOVERED_MARGIN:.0f} voor ligt, antwoordt met het andere artikel vanaf {TAKE_OVER_MARGIN:.0f}; "
        f"bij gelijke score kiest hij een situatie vanaf "
        f"{TIE_BREAK_MARGIN:.0f} meer)"
    )
