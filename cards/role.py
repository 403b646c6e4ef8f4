"""Asking who someone is (medewerker, leerling, ouder) and, for a school board, which school."""

from __future__ import annotations

from collections.abc import Sequence

from bot.protocol.model import ROLES, Role, School
from bot.texts import Lang, t
from cards.elements import Json, card, execute, heading, text_block
from cards.ids import INPUT_SCHOOL, Verb
from cards.literal import plain

ROLE_ICONS: dict[Role, str] = {"medewerker": "🧑‍🏫", "leerling": "🎒", "ouder": "👪"}


def role_name(role: Role, lang: Lang = "nl") -> str:
    """The role in words, as buttons and replies show it."""
    return t(f"role.{role}", lang)


def role_card(lang: Lang = "nl", current: Role | None = None) -> Json:
    """One button per role; with `current`, the card says which role is chosen now."""
    body = [heading(t("role.title", lang)), text_block(t("role.why", lang))]
    if current is not None:
        body.append(text_block(t("role.current", lang, role=role_name(current, lang)), isSubtle=True))
    actions = [
        execute(f"{ROLE_ICONS[role]} {role_name(role, lang)}", Verb.CHOOSE_ROLE, {"role": role})
        for role in ROLES
    ]
    return card(body, lang, actions, summary=t("role.title", lang))


def school_chosen_card(school_name: str, lang: Lang = "nl", *, can_change: bool = True) -> Json:
    """What replaces the school picker once a school is chosen: the school, and a way to change it."""
    body = [text_block(t("school.chosen", lang, school=plain(school_name, 100)), weight="Bolder")]
    actions = [execute(t("school.change", lang), Verb.CHANGE_SCHOOL)] if can_change else []
    return card(body, lang, actions, summary=t("school.chosen", lang, school=plain(school_name, 100)))


def school_card(schools: Sequence[School], lang: Lang = "nl") -> Json:
    """A required choice of school, for a tenant that hosts several; the value is the school's slug."""
    if not schools:
        raise ValueError("school_card needs at least one school")
    choice_set: Json = {
        "type": "Input.ChoiceSet",
        "id": INPUT_SCHOOL,
        "style": "compact",
        "label": t("school.label", lang),
        "placeholder": t("school.placeholder", lang),
        "isRequired": True,
        "errorMessage": t("school.required", lang),
        "choices": [{"title": plain(school.name, 100), "value": school.slug} for school in schools],
    }
    body = [heading(t("school.title", lang)), text_block(t("school.why", lang)), choice_set]
    actions = [execute(t("school.button", lang), Verb.CHOOSE_SCHOOL, style="positive")]
    return card(body, lang, actions, summary=t("school.title", lang))
