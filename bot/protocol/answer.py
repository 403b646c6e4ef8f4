"""What the engine returns: the answer contract plus the parts a card needs to show it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from bot.protocol.model import Intent, Role
from bot.safety.model import TierName


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(_Frozen):
    """An article as cited: full id (`de-breul:A.1`), its section, the quoted part and the whole text."""

    article_id: str
    section_title: str
    quoted: str
    full_text: str


AnswerVerdict = Literal["yes", "yes_if", "no", "advised_against", "unknown", "clarify"]


class Suggestion(_Frozen):
    """A nearby article offered under 'Bedoel je misschien …' when the engine is not sure, or an option of an
    ask-back ("Bedoel je …?").

    `topic` is shown, in the answer's language; `asks` is what a tap on it asks: the Dutch topic, which
    the engine reads whatever language the topic is shown in (unset: the topic itself). With `situation`
    (an ask-back's option) a tap answers exactly that situation instead.
    """

    article_id: str
    topic: str
    asks: str | None = None
    situation: str | None = None


class SafetyNote(_Frozen):
    """What the safety check found (bot/safety): the tier, the care text, and the report form's preset.

    `offer`: the message asks a rule question that carries a signal of harm; the answer comes with the
    offer to report. Otherwise the answer *is* the report path.
    """

    tier: TierName
    signals: tuple[str, ...]
    category: str
    urgent: bool
    offer: bool
    care: tuple[str, ...] = ()
    call: tuple[str, ...] = ()  # numbers worth a tap-to-call button, most urgent first
    emergency: str = "112"  # said even where the bot repeats nothing (a channel, a group chat)


class Answer(_Frozen):
    """An answer to one question for one school and role.

    `intent`, `verdict`, `sources` and `text` are the answer contract (`contract()`); the other fields
    are the same answer in parts, for cards.
    """

    intent: Intent
    verdict: AnswerVerdict
    sources: tuple[str, ...]
    text: str
    school: str
    role: Role
    headline: str
    quotes: tuple[Quote, ...] = ()
    advice: str | None = None
    ask: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    situation: str | None = None
    safety: SafetyNote | None = None

    def contract(self) -> dict[str, Any]:
        """The answer contract (shared/protocols/README.md); an ask-back carries its `options`."""
        contract: dict[str, Any] = {
            "intent": self.intent,
            "verdict": self.verdict,
            "sources": list(self.sources),
            "text": self.text,
        }
        if self.verdict == "clarify":
            options = self.suggestions
            contract["options"] = [
                {"situation": o.situation, "article": o.article_id, "topic": o.topic} for o in options
            ]
        return contract
