"""`privacy`: what the bot stores, how long, and who can see it, in plain words — every kind of row the
store holds about a person (see README, "What is kept, and for how long")."""

from __future__ import annotations

from bot.insights.model import RETENTION_MONTHS
from bot.storage.models import ANSWER_TTL
from bot.texts import Lang, t
from cards.elements import Json, card, fact_set, heading, text_block
from cards.literal import literal


def privacy_card(
    lang: Lang = "nl", *, report_retention_months: int | None = None, privacy_contact: str | None = None
) -> Json:
    """`report_retention_months` is the school's setting for reports (None: 'as the school agreed');
    `privacy_contact` is whom to ask, e.g. "de functionaris gegevensbescherming (privacyvragen@…)"."""
    if report_retention_months is None:
        retention = t("privacy.retention.school", lang)
    else:
        retention = t("privacy.retention.months", lang, months=report_retention_months)
    contact = (
        t("privacy.contact", lang, contact=literal(privacy_contact))
        if privacy_contact
        else t("privacy.contact_default", lang)
    )
    days = ANSWER_TTL.days
    body = [
        heading(t("privacy.title", lang)),
        text_block(t("privacy.intro", lang)),
        fact_set(
            [
                (t("privacy.role.what", lang), t("privacy.role.why", lang)),
                (t("privacy.answers.what", lang), t("privacy.answers.why", lang, days=days)),
                (t("privacy.feedback.what", lang), t("privacy.feedback.why", lang, months=RETENTION_MONTHS)),
                (
                    t("privacy.unanswered.what", lang),
                    t("privacy.unanswered.why", lang, months=RETENTION_MONTHS),
                ),
                (t("privacy.questions.what", lang), t("privacy.questions.why", lang, retention=retention)),
                (t("privacy.reports.what", lang), t("privacy.reports.why", lang, retention=retention)),
            ]
        ),
        text_block(t("privacy.unlinked", lang, days=days), spacing="Medium"),
        text_block(t("privacy.pseudonymous", lang)),
        text_block(t("privacy.name", lang)),
        text_block(t("privacy.teams", lang), isSubtle=True, size="Small"),
        text_block(contact, spacing="Medium"),
    ]
    return card(body, lang, summary=t("privacy.title", lang))
