"""Answers worded from what the engine found: a situation, an uncovered report, or nothing at all."""

from __future__ import annotations

from typing import cast

from bot.protocol import wording
from bot.protocol.answer import Answer, SafetyNote, Suggestion
from bot.protocol.book import SchoolBook
from bot.protocol.model import Role, Situation
from bot.protocol.text import clauses, tokens
from bot.safety.care import HelpLines, care_lines
from bot.safety.check import Assessment
from bot.safety.model import Tier, TierName
from bot.texts import Lang, t


def second_question(book: SchoolBook, role: Role, text: str, first: Situation) -> Situation | None:
    """When a message holds two questions about different things, the other one's situation."""
    parts = clauses(text)
    if len(parts) < 2:
        return None
    found: list[Situation] = []
    for part in parts:
        match = book.best(book.matcher.find(tokens(part)), role, "question")
        if match and match.rule.situation not in found:
            found.append(match.rule.situation)
    if len(found) < 2 or first not in found:
        return None
    return next(s for s in found if s is not first)


def situation_answer(
    book: SchoolBook,
    role: Role,
    situation: Situation,
    lang: str,
    second: Situation | None = None,
    for_staff: bool = False,
    lead: str | None = None,
    obligation: bool = False,
) -> Answer:
    """The answer of one situation (and of a second question's, if any); `for_staff`: a staff situation
    answering someone else's question about what a member of staff may do, said so before the verdict."""
    headline, advice = _worded(situation, lang)
    verdict = situation.verdict
    if obligation and verdict in ("yes", "no"):
        # "Moet ik haar ontvrienden?" answered by "you may stay friends": no, you don't have to; "moet mijn
        # profiel afgeschermd?" by "you don't leave it public": yes, you must.
        verdict = "no" if verdict == "yes" else "yes"
        headline = wording.as_obligation(headline, verdict, lang)
    if for_staff:
        headline = f"{wording.frame(lang, 'for_staff')} {headline}"
    # `lead`: an article the situation cites further down, cited and quoted first (its own quote stays with
    # the situation's first article).
    order = (
        [lead, *(s for s in situation.sources if s != lead)]
        if lead in situation.sources
        else situation.sources
    )
    quotes = tuple(
        book.quote(source, situation.quote if source == situation.sources[0] else None) for source in order
    )
    if situation.intent == "report" and not book.rules.school.report_article:
        # A report rests on how the protocol says to report; where it says nothing about that (Martinus), the
        # answer cites no article, however near one is to what happened (a staff member's private social
        # media for a child groomed online; "parents' own groups are not the school's" for a child bullied
        # in one).
        quotes = ()
    sources = [q.article_id for q in quotes]
    ask: tuple[str, ...] = ()
    closing = None
    if situation.intent == "report":
        ask, where = _report_where(book, role, lang)
        closing = wording.paragraphs(where, wording.frame(lang, "report_here"))
    also = None
    if second is not None:
        second_quote = book.quote(second.sources[0], second.quote)
        sources += [book.full_id(s) for s in second.sources if book.full_id(s) not in sources]
        second_headline, second_advice = _worded(second, lang)
        # The article quoted for the first question is not quoted again for the second.
        shown = bool(quotes) and second_quote.article_id == quotes[0].article_id
        also = wording.paragraphs(
            f"{wording.frame(lang, 'also')} {second_headline}",
            None if shown else wording.cited(second_quote, lang),
            second_advice,
        )
    text = wording.paragraphs(
        headline, wording.cited(quotes[0], lang) if quotes else None, advice, closing, also
    )
    return Answer(
        intent=situation.intent,
        verdict=verdict,
        sources=tuple(sources),
        text=text,
        school=book.rules.school.slug,
        role=role,
        headline=headline,
        quotes=quotes,
        advice=advice,
        ask=ask,
        situation=situation.id,
    )


def _worded(situation: Situation, lang: str) -> tuple[str, str | None]:
    """The headline and advice in `lang`: the file's English where it has it, else its Dutch."""
    english = situation.en if lang == "en" else None
    headline = english.answer if english else situation.answer
    advice = (english.advice if english else None) or situation.advice
    return headline, advice


def confession_answer(
    book: SchoolBook, role: Role, consequences: Situation, report: Situation, lang: str
) -> Answer:
    """Someone tells what they did and asks what happens now: the sanctions article first, then the school's
    reporting route, as a report (the school should hear of it, best from them)."""
    answer = situation_answer(book, role, consequences, lang, second=report)
    ask, where = _report_where(book, role, lang)
    return answer.model_copy(
        update={"intent": "report", "text": wording.paragraphs(answer.text, where), "ask": ask}
    )


def _report_where(book: SchoolBook, role: Role, lang: str) -> tuple[tuple[str, ...], str]:
    """Whom someone of `role` tells at this school, and the sentence that says so."""
    ask = book.contacts(book.rules.school.report_to[role])
    return ask, wording.frame(lang, "report_where", contacts=wording.join(ask, lang, "and"))


def uncovered_report(book: SchoolBook, role: Role, lang: str) -> Answer:
    """An incident no report situation of the school fits: its article on how to report, whom to tell; at a
    school whose protocol says nothing about reporting, that it does not, and whom to tell."""
    school = book.rules.school
    ask, where = _report_where(book, role, lang)
    article = school.report_article.get(role)
    quotes = (book.quote(article),) if article else ()
    headline = wording.frame(lang, "report_covered" if article else "report_uncovered", school=school.name)
    cited = wording.cited(quotes[0], lang) if quotes else None
    text = wording.paragraphs(headline, cited, where, wording.frame(lang, "report_here"))
    return Answer(
        intent="report",
        verdict="no" if quotes else "unknown",  # as the report situations: what happened is not all right
        sources=tuple(q.article_id for q in quotes),
        text=text,
        school=school.slug,
        role=role,
        headline=headline,
        quotes=quotes,
        ask=ask,
    )


def unknown_answer(book: SchoolBook, role: Role, concepts: frozenset[str], lang: str) -> Answer:
    school = book.rules.school
    ask = book.contacts(school.ask[role])
    suggestions = tuple(book.near(concepts, role, lang))
    headline = wording.frame(lang, "unknown", school=school.name)
    text = wording.paragraphs(
        headline,
        wording.frame(lang, "ask", contacts=wording.join(ask, lang)),
        wording.maybe(suggestions, lang) if suggestions else None,
    )
    return Answer(
        intent="question",
        verdict="unknown",
        sources=(),
        text=text,
        school=school.slug,
        role=role,
        headline=headline,
        ask=ask,
        suggestions=suggestions,
    )


def with_safety(answer: Answer, found: Assessment, lang: str, lines: HelpLines) -> Answer:
    """The answer with what the safety check found: care first on the report path; on a rule question
    that carries a signal, the answer followed by the offer to report."""
    language: Lang = "en" if lang == "en" else "nl"
    tier = found.tier or Tier.INCIDENT
    report = answer.intent == "report"
    care = care_lines(tier, answer.role, language, lines) if report else ()
    note = SafetyNote(
        tier=cast(TierName, tier.name.lower()),
        signals=found.signals,
        category=found.category.value,
        urgent=found.urgent,
        offer=not report,
        care=care,
        call=_numbers_to_call(tier, answer.role, lines) if report else (),
        emergency=lines.emergency,
    )
    advice = answer.advice
    body = answer.text
    if report and tier == Tier.SEXUAL and advice:
        # The school's advice on a report ("maak screenshots met de datum") must not follow the care text
        # on images: a screenshot of a nude picture of a child is one more copy of it (art. 240b Sr). The
        # care text says what to keep.
        body = "\n\n".join(paragraph for paragraph in body.split("\n\n") if paragraph != advice)
        advice = None
    closing = () if report else (t("care.offer", language),)
    text = wording.paragraphs(*care, body, *closing)
    return answer.model_copy(update={"text": text, "advice": advice, "safety": note})


def _numbers_to_call(tier: Tier, role: Role, lines: HelpLines) -> tuple[str, ...]:
    if tier == Tier.ACUTE:
        child = (lines.child_line,) if role == "leerling" else ()
        return (lines.emergency, lines.suicide_prevention_free, *child)
    if tier == Tier.DANGER:
        return (lines.emergency, lines.police)
    if tier == Tier.SEXUAL:
        return (lines.police,)
    return ()


def clarify_answer(
    book: SchoolBook, role: Role, options: list[Situation], lang: str, maybe_uncovered: bool = False
) -> Answer:
    """No verdict: two readings of the question compete, so the asker chooses ("Bedoel je …?").

    `maybe_uncovered`: the other reading is that the protocol does not cover the question at all; the one
    option is then the engine's own reading, and the text says the protocol may not be about this."""
    language: Lang = "en" if lang == "en" else "nl"
    suggestions = tuple(
        Suggestion(
            article_id=book.full_id(s.sources[0]), topic=s.topic_in(lang), asks=s.topic, situation=s.id
        )
        for s in options
    )
    headline = t("answer.clarify_uncovered" if maybe_uncovered else "answer.clarify", language)
    text = wording.paragraphs(headline, wording.maybe(suggestions, lang))
    return Answer(
        intent="question",
        verdict="clarify",
        sources=(),
        text=text,
        school=book.rules.school.slug,
        role=role,
        headline=headline,
        ask=book.contacts(book.rules.school.ask[role]),
        suggestions=suggestions,
    )
