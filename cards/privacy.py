"""`privacy`: what the bot stores, how long, and who can see it, in plain words."""

from __future__ import annotations

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
    body = [
        heading(t("privacy.title", lang)),
        text_block(t("privacy.intro", lang)),
        fact_set(
            [
                (t("privacy.role.what", lang), t("privacy.role.why", lang)),
                (t("privacy.feedback.what", lang), t("privacy.feedback.why", lang)),
                (t("privacy.questions.what", lang), t("privacy.questions.why", lang, retention=retention)),
                (t("privacy.reports.what", lang), t("privacy.reports.why", lang, retention=retention)),
            ]
        ),
        text_block(t("privacy.pseudonymous", lang), spacing="Medium"),
        text_block(t("privacy.name", lang)),
        text_block(t("privacy.teams", lang), isSubtle=True, size="Small"),
        text_block(contact, spacing="Medium"),
    ]
    return card(body, lang, summary=t("privacy.title", lang))
