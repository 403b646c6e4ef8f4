"""The answer card: verdict badge, headline, quoted article (expandable), advice and feedback.

Three shapes from one `Answer`: a question the protocol answers, a question it does not (`unknown`:
who to ask, 'Bedoel je misschien …', an offer to ask the school), and a message describing an
incident (`report`: a caring reply and a button to report it).
"""

from __future__ import annotations

import re
from typing import Final

from bot.protocol.answer import Answer, AnswerVerdict, Quote
from bot.safety.care import dial
from bot.texts import Lang, t
from cards.confirmation import people_to_talk_to
from cards.elements import (
    Color,
    Json,
    Style,
    action_set,
    card,
    column,
    column_set,
    container,
    execute,
    text_block,
    toggle,
)
from cards.ids import ARTICLE_FULL, ARTICLE_HIDE, ARTICLE_SHOW, INPUT_MEANING, Verb
from cards.literal import literal, plain

# Icon, text colour and container style per verdict: the host's semantic colours only.
BADGES: Final[dict[AnswerVerdict, tuple[str, Color, Style]]] = {
    "yes": ("✅", "Good", "good"),
    "yes_if": ("☑️", "Accent", "accent"),
    "no": ("⛔", "Attention", "attention"),
    "advised_against": ("⚠️", "Warning", "warning"),
    "unknown": ("❔", "Default", "emphasis"),
    "clarify": ("🤔", "Accent", "emphasis"),
}
MAX_QUOTES: Final = 3
MAX_SUGGESTIONS: Final = 4
MAX_QUESTION: Final = 1000  # the longest question a card carries back (cards.actions.Question)


def answer_card(
    answer: Answer,
    lang: Lang = "nl",
    *,
    question: str,
    question_token: str,
    school_name: str | None = None,
    forwarded_as: str | None = None,
    voted: bool | None = None,
) -> Json:
    """The card for one answer. `question` is what the user asked and `question_token` an id the
    conversation layer issued for this answer (feedback and 'ask the school' carry both back).
    `school_name` is shown under the quote; without it the quote names article and section only.
    `forwarded_as` (a `V-…` number): the question was put to the school, the button becomes a line.
    `voted` (👍 True, 👎 False): the thanks replaces the buttons, with one button to change the vote."""
    if answer.intent == "report":
        return _report_card(answer, lang)
    carried = {"question_token": question_token, "question": plain(question, MAX_QUESTION)}
    body = [verdict_badge(answer.verdict, answer.headline, lang)]
    for index, quote in enumerate(answer.quotes[:MAX_QUOTES]):
        body.append(_quote(quote, index, school_name, lang))
    if answer.advice:
        body.append(text_block(t("answer.advice", lang, advice=literal(answer.advice)), spacing="Medium"))
    actions: list[Json] = []
    if answer.verdict == "clarify":
        body.extend(_clarify_parts(answer, carried, question_token, lang, forwarded_as))
    elif answer.verdict == "unknown":
        body.extend(_unknown_parts(answer, carried, lang, forwarded_as))
    else:
        feedback = {**carried, "verdict": answer.verdict, "sources": list(answer.sources)}
        if voted is None:
            body.append(
                text_block(t("answer.feedback_prompt", lang), isSubtle=True, size="Small", spacing="Large")
            )
            actions = [
                execute(t("answer.feedback_yes", lang), Verb.FEEDBACK, {**feedback, "useful": True}),
                execute(t("answer.feedback_no", lang), Verb.FEEDBACK, {**feedback, "useful": False}),
            ]
        else:
            thanks = t("answer.voted_yes" if voted else "answer.voted_no", lang)
            body.append(text_block(thanks, isSubtle=True, size="Small", spacing="Large"))
            change = t("answer.change_to_no" if voted else "answer.change_to_yes", lang)
            actions = [execute(change, Verb.FEEDBACK, {**feedback, "useful": not voted})]
    if answer.safety is not None and answer.safety.offer:
        # A rule question that carries a signal of harm: the answer, and the way to report it.
        body.append(text_block(t("care.offer", lang), weight="Bolder", spacing="Large"))
        actions.insert(0, _report_button(answer, lang))
    return card(body, lang, actions, summary=_summary(answer, lang))


def _report_button(answer: Answer, lang: Lang) -> Json:
    """'Meld het', with the form preset to what the safety check saw (category, urgency)."""
    preset = {"category": answer.safety.category, "urgent": answer.safety.urgent} if answer.safety else None
    return execute(t("report.button", lang), Verb.START_REPORT, preset, style="positive")


_VERDICT_WORDS = re.compile(r"^(nee|ja|no|yes)\s*[,:.!]\s*(?=\S)", re.IGNORECASE)


def without_verdict_word(headline: str) -> str:
    """ "Nee, als medewerker …" under a "Nee" badge reads twice: drop the word the badge already says."""
    rest = _VERDICT_WORDS.sub("", headline, count=1)
    return rest[:1].upper() + rest[1:] if rest != headline else headline


def verdict_badge(verdict: AnswerVerdict, headline: str, lang: Lang) -> Json:
    """Icon and verdict in words on the verdict's colour, with the headline beside it."""
    icon, color, style = BADGES[verdict]
    return container(
        [
            column_set(
                [
                    column(
                        [text_block(icon, size="ExtraLarge")], width="auto", verticalContentAlignment="Center"
                    ),
                    column(
                        [
                            text_block(
                                t(f"verdict.{verdict}", lang), weight="Bolder", size="Medium", color=color
                            ),
                            text_block(literal(without_verdict_word(headline)), spacing="Small"),
                        ],
                        verticalContentAlignment="Center",
                    ),
                ]
            )
        ],
        style=style,
        bleed=True,
    )


def _quote(quote: Quote, index: int, school_name: str | None, lang: Lang) -> Json:
    """The first article quoted in full view; further articles as a 'see also' line that opens in place."""
    article = t("answer.article", lang, article=quote.article_id.split(":", 1)[-1])
    section = literal(quote.section_title)
    if school_name:
        source = t("answer.quote_source", lang, article=article, section=section, school=literal(school_name))
    else:
        source = t("answer.quote_source_no_school", lang, article=article, section=section)
    items: list[Json] = []
    if index == 0 and quote.quoted.strip():
        items.append(text_block(f"“{literal(quote.quoted.rstrip(' ;:'))}”"))
        items.append(text_block(source, isSubtle=True, size="Small", spacing="Small"))
        if _squash(quote.full_text) == _squash(quote.quoted):
            return container(items, style="emphasis", spacing="Medium")
    else:
        see_also = t("answer.see_also", lang, source=source[:1].lower() + source[1:])
        items.append(text_block(see_also, isSubtle=True, size="Small"))
    full, show, hide = (name.format(index=index) for name in (ARTICLE_FULL, ARTICLE_SHOW, ARTICLE_HIDE))
    targets = [full, show, hide]
    items += [
        action_set([toggle(t("answer.show_article", lang), targets)], id=show, spacing="Small"),
        container([text_block(literal(quote.full_text, 4000))], id=full, isVisible=False, spacing="Small"),
        action_set(
            [toggle(t("answer.hide_article", lang), targets)], id=hide, isVisible=False, spacing="Small"
        ),
    ]
    return container(
        items, style="emphasis" if index == 0 else "default", spacing="Small" if index else "Medium"
    )


def _clarify_parts(
    answer: Answer, carried: dict[str, str], question_token: str, lang: Lang, forwarded_as: str | None
) -> list[Json]:
    """An ask-back: the meanings the question may have as a choice whose titles wrap (a button's title is cut
    off after one line in Teams), one button that gives the chosen meaning's answer, and the offer to put
    the question to the school when none fits."""
    meanings = [s for s in answer.suggestions[:MAX_SUGGESTIONS] if s.situation]
    choice_set: Json = {
        "type": "Input.ChoiceSet",
        "id": INPUT_MEANING,
        "style": "expanded",
        "wrap": True,
        "label": t("answer.clarify_label", lang),
        "isRequired": True,
        "errorMessage": t("answer.clarify_required", lang),
        "spacing": "Medium",
        "choices": [{"title": plain(s.topic, 200), "value": s.situation} for s in meanings],
    }
    if len(meanings) == 1:
        choice_set["value"] = meanings[0].situation  # "Bedoel je dit?": one tap on the button
    token = {"question_token": question_token}
    choose = execute(t("answer.clarify_choose", lang), Verb.CHOOSE_MEANING, token, style="positive")
    parts: list[Json] = [choice_set, action_set([choose], spacing="Small")]
    if forwarded_as is not None:
        parts.append(
            text_block(t("answer.forwarded", lang, number=forwarded_as), weight="Bolder", spacing="Large")
        )
    else:
        parts.append(text_block(t("answer.clarify_other", lang), isSubtle=True, spacing="Large"))
        parts.append(
            action_set([execute(t("answer.ask_contact", lang), Verb.ASK_CONTACT, carried)], spacing="Small")
        )
    return parts


def _unknown_parts(
    answer: Answer, carried: dict[str, str], lang: Lang, forwarded_as: str | None
) -> list[Json]:
    parts: list[Json] = []
    if answer.ask:
        parts.append(text_block(t("answer.ask_heading", lang), weight="Bolder", spacing="Medium"))
        parts.append(text_block(_bullets(answer.ask), spacing="Small"))
    if answer.suggestions:
        parts.append(text_block(t("answer.suggestions_heading", lang), weight="Bolder", spacing="Medium"))
        parts.append(
            action_set(
                [
                    execute(
                        plain(s.topic, 200),
                        Verb.ASK_TOPIC,
                        {"article_id": s.article_id, "topic": plain(s.asks or s.topic, 200)},
                    )
                    for s in answer.suggestions[:MAX_SUGGESTIONS]
                ],
                spacing="Small",
            )
        )
    if forwarded_as is not None:
        parts.append(
            text_block(t("answer.forwarded", lang, number=forwarded_as), weight="Bolder", spacing="Large")
        )
    else:
        parts.append(
            action_set([execute(t("answer.ask_contact", lang), Verb.ASK_CONTACT, carried)], spacing="Large")
        )
    return parts


def _report_card(answer: Answer, lang: Lang) -> Json:
    care = answer.safety.care if answer.safety else ()
    body: list[Json] = []
    if care:
        # Care first (bot/safety): what matters most right now; it already comforts, so no second comfort line
        # and no protocol headline after it, and only people a child can talk to (not a privacy officer).
        first, *rest = care
        lines = [text_block(literal(first), weight="Bolder"), *(text_block(literal(line)) for line in rest)]
        body.append(container(lines, style="attention", bleed=True))
        people = people_to_talk_to(answer.ask)
    else:
        body += [
            column_set(
                [
                    column([text_block("💙", size="ExtraLarge")], width="auto"),
                    column([text_block(t("report.caring", lang))], verticalContentAlignment="Center"),
                ]
            ),
            text_block(literal(answer.headline), spacing="Medium"),
        ]
        people = answer.ask
    if people:
        body.append(text_block(t("report.talk_to", lang), weight="Bolder", spacing="Medium"))
        body.append(text_block(_bullets(people), spacing="Small"))
    if not care:
        body.append(text_block(t("report.danger", lang), isSubtle=True, size="Small", spacing="Medium"))
    actions = [_report_button(answer, lang)]
    calls = answer.safety.call if answer.safety else ()
    actions += [
        {"type": "Action.OpenUrl", "title": t("care.call", lang, number=number), "url": dial(number)}
        for number in calls[:2]
    ]
    summary = care[0] if care else t("report.caring", lang)
    return card(body, lang, actions, summary=plain(summary))


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"- {literal(' '.join(line.split()), 300)}" for line in lines)


def _summary(answer: Answer, lang: Lang) -> str:
    return plain(f"{t(f'verdict.{answer.verdict}', lang)}: {answer.headline}", 300)


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .…\"“”'").lower()
