"""The schema of the safety signals (`rules/safety/signals.yaml`): concepts, signals and framing.

A signal is a harm the bot must never answer with a rule: a set of concepts that, all present in one
message, say that someone may be in trouble. Each signal has a tier (how the bot responds) and the report
category the form is preset to. Validated at load like the school files: a bad file stops the start.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.reports.model import Category

ConceptName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Cue = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\|[a-z][a-z0-9_]*)*$")]
SignalId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
TierName = Literal["incident", "danger", "sexual", "acute"]

# Concepts the check itself relies on (besides those the signals name): validated at load.
FRAMING_CONCEPTS: tuple[str, ...] = (
    "victim",
    "witness",
    "narrative",
    "general",
    "asks_permission",
    "plans",
    "asks_ok",
    "asks_allowed",
    "rule_question",
    "distress",
    "happened",
    "supposed_child",
    "how_to",
    "tell_school",
    "repeated",
    "done_to_me",
    "asks_about_the_school",
)


class Tier(IntEnum):
    """How the bot responds, in rising order: a higher tier wins when several signals fire."""

    INCIDENT = 1  # comfort, the report button, the article when the protocol has one
    DANGER = 2  # threats of violence: 112 when in danger now, then the form with urgency preset
    SEXUAL = 3  # sextortion, grooming, nudes spread: not your fault, send nothing, Helpwanted, the form
    ACUTE = 4  # thoughts of death, self-harm, being told to die: care first (112, 113, Kindertelefoon)

    @classmethod
    def named(cls, name: TierName) -> Tier:
        return cls[name.upper()]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Signal(_Strict):
    """A harm: every cue in `all` present (a cue is one concept or alternatives `a|b`)."""

    id: SignalId
    tier: TierName
    category: Category
    all: list[Cue] = Field(min_length=1)
    # So specific that it is someone's case even when asked as a rule question ("als iemand dreigt je
    # naaktfoto's te lekken tenzij je meer stuurt, …?"); never for the asker's own act.
    strong: bool = False
    # Told as happening, someone's case even when the asker asks what they may do about it ("een vader
    # schrijft op Facebook dat ik een pedo ben, mag ik reageren?"), as a threat is.
    told: bool = False
    # Only ever the offer to report: a harm named without anyone it happens to ("chantage?").
    offer_only: bool = False
    # Fires only in a message of at most this many words (a word on its own, without a story around it).
    max_words: int | None = Field(default=None, ge=1)
    note: str | None = None


class Learned(_Strict):
    """Where the learned detector's log-odds (bot/safety/learned.py) decide on their own."""

    report_above: float  # a case (unless the asker asks about their own act, or their child did it)
    offer_above: float  # a question that gets the offer to report

    @model_validator(mode="after")
    def _ordered(self) -> Learned:
        if self.offer_above > self.report_above:
            raise ValueError("learned: offer_above must not be above report_above")
        return self


class SignalsFile(_Strict):
    concepts: dict[ConceptName, list[str]]
    # Words people drop anywhere without changing what they say ("ik wil gewoon dood", "kan opeens niet
    # meer inloggen"): the signals are also looked for in the message without them.
    fillers: list[str] = []
    # A concept's words inside one of these phrases say something else ("ik kan niet meer inloggen" is no
    # despair): the concept counts only if it is still found with the phrases taken out.
    masks: dict[ConceptName, list[str]] = {}
    signals: list[Signal] = Field(min_length=1)
    learned: Learned

    @model_validator(mode="after")
    def _names_are_known(self) -> SignalsFile:
        problems = []
        ids = [s.id for s in self.signals]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"signal {dup!r} is defined twice")
        for name in FRAMING_CONCEPTS:
            if name not in self.concepts:
                problems.append(f"concepts: {name!r} is missing (the check relies on it)")
        for name in self.masks:
            if name not in self.concepts:
                problems.append(f"masks: unknown concept {name!r}")
        for signal in self.signals:
            for cue in signal.all:
                for name in cue.split("|"):
                    if name not in self.concepts:
                        problems.append(f"signal {signal.id}: all: unknown concept {name!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self
