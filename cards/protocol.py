"""`protocol`: the school's protocol in short, one part per section, each with its articles to open."""

from __future__ import annotations

import json
from typing import Final

from bot.protocol.model import Role, RulesFile, Section
from bot.texts import Lang, t
from cards.elements import Json, action_set, card, container, heading, text_block, toggle
from cards.ids import SECTION_ARTICLES, SECTION_HIDE, SECTION_SHOW
from cards.literal import literal, plain

MAX_BYTES: Final = 26_000  # Teams takes ~80 KB; we stay well below 28 KB
_ARTICLE_LIMITS: Final = (None, 600, 300, 150, 80, 0)  # 0: titles and summaries only


def protocol_card(rules: RulesFile, lang: Lang = "nl", role: Role | None = None) -> Json:
    """Title and summary per section, with the section's articles behind a toggle.

    With `role`, only the articles that concern that role (and sections that have any) are shown.
    Article texts are shortened only when the whole card would otherwise be too large.
    """
    sections = [(section, _articles_for(section, role)) for section in rules.sections]
    shown = [(section, articles) for section, articles in sections if articles]
    for limit in _ARTICLE_LIMITS:
        content = _build(rules, shown, lang, limit)
        if len(json.dumps(content, ensure_ascii=False).encode()) <= MAX_BYTES:
            return content
    return content


def _articles_for(section: Section, role: Role | None) -> list[tuple[str, str]]:
    return [(a.id, a.text) for a in section.articles if role is None or role in a.roles]


def _build(
    rules: RulesFile, shown: list[tuple[Section, list[tuple[str, str]]]], lang: Lang, limit: int | None
) -> Json:
    body: list[Json] = [
        heading(literal(rules.school.protocol_title)),
        text_block(literal(rules.school.name), isSubtle=True, spacing="None"),
        text_block(t("protocol.intro", lang), size="Small", spacing="Small"),
    ]
    body += [
        _section(index, section, articles, lang, limit) for index, (section, articles) in enumerate(shown)
    ]
    body.append(text_block(t("protocol.more", lang), isSubtle=True, size="Small", spacing="Medium"))
    return card(body, lang, summary=plain(rules.school.protocol_title))


def _section(
    index: int, section: Section, articles: list[tuple[str, str]], lang: Lang, limit: int | None
) -> Json:
    items = [
        text_block(literal(section.title), weight="Bolder"),
        text_block(literal(section.summary), spacing="Small"),
    ]
    if limit != 0:
        ids = [name.format(index=index) for name in (SECTION_ARTICLES, SECTION_SHOW, SECTION_HIDE)]
        text = "\n\n".join(
            t("protocol.article", lang, article=article_id, text=literal(article_text, limit))
            for article_id, article_text in articles
        )
        items += [
            action_set(
                [toggle(t("protocol.show", lang, count=len(articles)), ids)], id=ids[1], spacing="Small"
            ),
            container([text_block(text, size="Small")], id=ids[0], isVisible=False, spacing="Small"),
            action_set([toggle(t("protocol.hide", lang), ids)], id=ids[2], isVisible=False, spacing="Small"),
        ]
    return container(items, separator=True, spacing="Medium")
