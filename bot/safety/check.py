"""The safety check: run on every message before the protocol engine.

It recognises signals of harm (rules/safety/signals.yaml) however they are written and decides how the
bot responds: the report path (someone is in trouble now), or the protocol's answer *with* the offer to
report (a rule question that carries a signal). It never answers a child in danger with a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bot.protocol import concepts
from bot.protocol.english import is_english
from bot.protocol.lexicon import ConceptMatcher, LexiconError
from bot.protocol.loader import RulesError, read_yaml
from bot.protocol.text import tokens
from bot.reports.model import Category
from bot.safety.learned import LearnedDetector
from bot.safety.model import Learned, Signal, SignalsFile, Tier

SIGNALS_FILE = Path("safety") / "signals.yaml"
# How much surer the learned detector must be of a message that names nobody and tells nothing as going on.
_UNANCHORED_MARGIN = 1.0
# The detector's log-odds below which it strongly disbelieves a case: a rule question with only a
# bullying-level signal is then no case, and the protocol's own report situations need a signal of harm.
DISBELIEF = -8.0


# The protocol engine's own framing concepts (bot/protocol/concepts.py), passed in as `context`.
ENGINE_RULE_QUESTION = concepts.RULE_QUESTIONS
ENGINE_GENERAL = concepts.GENERAL
ENGINE_PERPETRATOR = concepts.PERPETRATOR
ENGINE_HYPOTHETICAL = concepts.HYPOTHETICAL
ENGINE_CAMPAIGN = concepts.CAMPAIGN
ENGINE_SCHOOL_DID = concepts.SCHOOL_DID
engine_confesses = concepts.confesses  # "ik heb … gezet, krijg ik nu straf?"


@dataclass(frozen=True, slots=True)
class Framing:
    """Whose story a message tells, or whether it asks a rule: decided from the words around the harm."""

    victim: bool  # it happens to the asker or their child
    witness: bool  # to a pupil they teach, a classmate, someone who told them
    narrative: bool  # it happened or goes on ("al weken", "heeft … gezet")
    general: bool  # "als iemand …", "wat doet de school bij …"
    perpetrator: bool  # the asker's own child did it, or the asker wants to hit back
    duty: bool  # "wat wordt er van mij als docent verwacht?": what the protocol asks of the asker
    own_act: bool  # "mag ik …": the asker asks about something they would do
    asks_allowed: bool  # "mag dat?" about what someone else did
    rule_question: bool  # "waarom moet …", "welke straf …", "geldt het protocol …"
    distress: bool  # despair or fear in so many words
    happened: bool  # "dat is bij een meisje uit mijn klas gebeurd": told as fact inside a question
    supposed: bool  # "als mijn dochter ziet dat …": the child in a supposition is nobody it happens to
    campaign: bool = False  # a lesson, project or campaign about a harm ("voorlichting over sexting")
    goes_on_against_me: bool = False  # "… mij elke dag …": harm going on, done to the asker or their child
    about_the_school: bool = False  # "de juf heeft … gezet, mag dat?": is what the school did allowed
    confessed: bool = False  # "ik heb … gezet, krijg ik nu straf?": the asker did it, asks what happens

    @classmethod
    def of(cls, concepts: frozenset[str], context: frozenset[str]) -> Framing:
        return cls(
            victim="victim" in concepts,
            supposed="supposed_child" in concepts,
            witness="witness" in concepts,
            # "als mijn dochter iets kwetsends heeft gepost": told as a supposition, not as what happened
            narrative="narrative" in concepts
            and ENGINE_HYPOTHETICAL not in context
            and "supposed_child" not in concepts,
            general="general" in concepts or bool(ENGINE_GENERAL & context),
            perpetrator=ENGINE_PERPETRATOR in context,
            confessed=engine_confesses(context),
            duty="duty_question" in context,
            own_act=("asks_permission" in concepts or {"plans", "asks_ok"} <= concepts)
            and not {"how_to", "tell_school"} & concepts,
            asks_allowed="asks_allowed" in concepts,
            rule_question="rule_question" in concepts or bool(ENGINE_RULE_QUESTION & context),
            distress="distress" in concepts,
            happened="happened" in concepts,
            campaign=ENGINE_CAMPAIGN in context,
            goes_on_against_me={"repeated", "done_to_me"} <= concepts,
            about_the_school=ENGINE_SCHOOL_DID in context
            and bool({"asks_allowed", "asks_about_the_school"} & concepts),
        )

    @property
    def asks_a_rule(self) -> bool:
        """A rule question, or a general one that names nobody it happens to: never a report on its own."""
        return not self.distress and (self.rule_question or (self.general and not self.victim))

    def tells_of_a_case(self, tier: Tier, strong: bool = False, told: bool = False) -> bool:
        """A signal in someone's own story (or a child's, a pupil's) is a case; in a rule question it is not.

        Fail safe: thoughts of death, and any signal told with distress, are always a case, but for the fear
        of an asker who did it and to whom nothing was done ("ik heb hem uitgescholden, krijg ik straf? ik ben
        echt bang": the sanctions answer it); a question about the asker's own act ("mag ik …?") never is: it
        gets the answer with the offer to report. Sexual coercion is a case unless asked as a rule question
        that names nobody it happens to ("is het strafbaar als hij mijn foto's doorstuurt?" is a case);
        threats likewise, unless asked in general.
        Other harms (bullying, a fake account, …) are a case when told as someone's story.
        """
        if tier == Tier.ACUTE or (self.distress and not (self.confessed and not self.victim)):
            return True
        if self.own_act:
            # "een jongen pest mijn zoon, mag ik …?": the answer, with the offer to report; but a threat or
            # sexual coercion told as happening is a case whatever the asker asks to do about it, and so
            # is harm that goes on against the asker ("mag ik terugschelden als hij me elke dag uitscheldt?")
            # or that someone told the asker is being done to them ("een leerling vertelde dat er een account
            # met mijn naam is …, mag ik daar reageren?"), and a grave harm done to the asker ("hij heeft me
            # gefilmd in de douche, mag ik vragen of hij het weghaalt?").
            return (
                ((tier >= Tier.DANGER or told) and self.narrative and not self.supposed)
                or (strong and self.victim and not self.supposed)
                or (self.goes_on_against_me and not self.supposed)
                or (self.victim and self.witness and self.narrative and not self.supposed)
            )
        if self.campaign and not (self.victim or self.witness or self.narrative or self.distress):
            return False  # "krijgen we voorlichting over sextortion?": a lesson about a harm, nobody's case
        if strong and not self.perpetrator and not (self.rule_question and self.supposed):
            return True  # a grave harm is a case even asked as a rule, but not a rule asked of a supposition
        victim = self.victim and not self.supposed
        told = (victim or self.witness) and self.narrative
        if tier == Tier.SEXUAL:  # "als iemand dreigt je naaktfoto's te lekken, …?"
            return not self.rule_question or victim or self.witness or self.narrative
        # "Wat verwacht het protocol van mij?" asks the asker's duty, unless a pupil told them of a case
        # ("na de les vertelde een leerlinge dat haar ex … zet; wat verwacht het protocol van mij?").
        duty = self.duty and tier == Tier.INCIDENT and not (self.witness and not self.general)
        if self.perpetrator or duty or (self.asks_allowed and not victim):
            return False  # "mijn zoon heeft iemand gepest, krijgt hij straf?"; "… mag dat eigenlijk?"
        if self.rule_question and self.general and not self.happened:
            return False  # "wordt het in zijn dossier gezet als hij iemand uitscheldt?"
        if told or (victim and not self.rule_question):
            return True  # "Sem is mijn zoon. Wat doet school?"; "mag iemand zomaar mijn adres …?"
        if tier == Tier.DANGER:  # a threat told as going on, or said without any framing at all
            return not self.rule_question and (self.narrative or not self.general)
        return (self.witness or self.narrative) and not (self.rule_question or self.general)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the safety check found in one message.

    `report`: someone is in trouble (their own story, a child's, a pupil's): the report path, whatever
    the message also asks. Otherwise, with a signal, the message asks about the rules: the answer comes
    with the offer to report. Without a signal (`tier` None) only the framing is of use.
    """

    tier: Tier | None
    signals: tuple[str, ...]
    category: Category
    report: bool
    framing: Framing
    concepts: frozenset[str]
    learned: float = 0.0  # the learned detector's log-odds

    @property
    def urgent(self) -> bool:
        return self.tier is not None and (
            self.tier >= Tier.DANGER or self.category in (Category.BEDREIGING, Category.SEXTING)
        )


@dataclass(frozen=True, slots=True)
class _Compiled:
    signal: Signal
    tier: Tier
    cues: tuple[frozenset[str], ...]

    def fires(self, concepts: frozenset[str], words: int) -> bool:
        """Every cue present (checked up to the first missing one: most signals miss on their first)."""
        if self.signal.max_words is not None and words > self.signal.max_words:
            return False
        return not any(map(concepts.isdisjoint, self.cues))


class SafetyCheck:
    """Compiled once at load; `assess()` is a concept look-up and a few set operations."""

    def __init__(
        self, signals: SignalsFile, detector: LearnedDetector, plain_words: tuple[str, ...] = ()
    ) -> None:
        self.matcher = ConceptMatcher(signals.concepts, plain_words, signals.masks)
        self._fillers = frozenset(signals.fillers)
        self.detector = detector
        self._learned: Learned = signals.learned
        self._signals = tuple(
            _Compiled(s, Tier.named(s.tier), tuple(frozenset(c.split("|")) for c in s.all))
            for s in signals.signals
        )

    @classmethod
    def load(cls, rules_dir: Path, plain_words: tuple[str, ...] = ()) -> SafetyCheck:
        path = rules_dir / SIGNALS_FILE
        raw = read_yaml(path)
        try:
            return cls(SignalsFile.model_validate(raw), LearnedDetector.load(rules_dir), plain_words)
        except (ValidationError, LexiconError, OSError, ValueError, KeyError) as exc:
            raise RulesError(path, [str(exc)]) from exc

    def _find(self, words: list[str]) -> frozenset[str]:
        """The concepts in `words`, and in `words` without fillers: a filler never breaks a phrase."""
        plain = [w for w in words if w not in self._fillers]
        found = self.matcher.find(words)
        return found | self.matcher.find(plain) if len(plain) < len(words) else found

    def assess(
        self, text: str, context: frozenset[str] = frozenset(), reading: str | None = None
    ) -> Assessment:
        """The signals of harm in `text`, and whether it tells of a case (report) or asks a rule.

        `context`: the protocol engine's concepts for the same text (its question framing). `reading`: an
        English message as the glossary reads it in Dutch; the signals are looked for in both, so a harm
        the English words of the lexicon miss is still found in its Dutch reading.
        """
        words = tokens(text)
        concepts = self._find(words)
        if reading is not None and reading != text:
            concepts |= self._find(tokens(reading))
        framing = Framing.of(concepts, context)
        fired = [c for c in self._signals if c.fires(concepts, len(words))]
        learned = self.detector.score(text)
        # The detector learned the framing too ("wat doet de school tegen pesten?" is a question); what it
        # cannot know is that the asker asks about their own act or that their own child did it.
        # On its own the detector needs a story: someone it happens to, a witness, or that it goes on.
        # A child in a supposition ("stel dat mijn dochter ooit …") is nobody it happens to.
        victim = framing.victim and not framing.supposed
        anchored = victim or framing.witness or framing.narrative or framing.distress
        told = (
            learned >= self._learned.report_above
            and (anchored or learned >= self._learned.report_above + _UNANCHORED_MARGIN)
            and not ((framing.own_act and not framing.goes_on_against_me) or framing.perpetrator)
            # "wat moet je doen als iemand je bedreigt? is voor mijn spreekbeurt", "word je van school
            # gestuurd als je iemand bedreigt?": a talk about a harm, or a rule asked in general, telling
            # nobody's story
            and not ((framing.campaign or (framing.rule_question and framing.general)) and not anchored)
        )
        # A supposition is no case on the detector's word alone when it is asked as a rule ("doet de school
        # aangifte als er naaktfoto's rondgaan?") or tells no story ("… is niet echt gebeurd hoor").
        # Nor is a question whether what the school or its staff did is allowed: the protocol answers it.
        believed = told and not (
            (framing.supposed and (framing.rule_question or not anchored)) or framing.about_the_school
        )
        if not fired:
            # Words the detector never saw ("asdfgh") leave only its prior: no evidence either way; and a
            # question that names nobody and tells nothing ("hangen er camera's in de gang?") gets no offer.
            if learned < self._learned.offer_above or learned <= self.detector.bias or not (anchored or told):
                return Assessment(None, (), Category.ANDERS, False, framing, concepts, learned)
            # The detector learned from few English messages: an English question asked as a rule
            # ("is there a rule about …?", "are teachers allowed to …?") that no signal ties to a harm
            # stays a question, and one it does not take for a case gets no offer on its word alone ("can my
            # daughter bring her phone? she walks home by herself"); what it takes for a case stays one.
            if is_english(text) and (framing.rule_question or not believed):
                return Assessment(None, (), Category.ANDERS, False, framing, concepts, learned)
            return Assessment(
                Tier.INCIDENT, ("learned",), Category.ANDERS, believed, framing, concepts, learned
            )
        strongest = max(fired, key=lambda c: c.tier)
        # "Welke straf krijg je voor online pesten?", "doet de school aangifte bij bedreigingen?": a rule
        # question about bullying or threats in general stays a question, without the offer to report (a harm
        # named on its own still gets it: harm_named; sexual harm and thoughts of death always do).
        # So does the asker's own act for a lesson, a talk or a poster about the harm ("mag ik een poster
        # maken over niet pesten?"): the harm is its topic, nobody's case.
        own_act = framing.own_act and not framing.campaign
        # A threat's own condition is no supposition ("hij steekt hem neer als hij hem op school ziet"): from
        # the danger tier up only a rule question keeps a message general.
        general = framing.general and strongest.tier < Tier.DANGER
        in_general = (framing.rule_question or general) and not (anchored or told or own_act)
        if strongest.tier <= Tier.DANGER and in_general and not any(c.signal.offer_only for c in fired):
            return Assessment(None, (), Category.ANDERS, False, framing, concepts, learned)
        telling = [c for c in fired if not c.signal.offer_only]
        case = bool(telling) and framing.tells_of_a_case(
            max(c.tier for c in telling),
            any(c.signal.strong for c in telling),
            any(c.signal.told for c in telling),
        )
        told_by_a_witness = framing.witness and framing.narrative and not framing.general
        if (
            case
            and strongest.tier == Tier.INCIDENT
            and learned < DISBELIEF
            and framing.rule_question
            and not told_by_a_witness
        ):
            # "Kan een kind van school gestuurd worden als het pest? … vroeg het me af": a rule question the
            # framing half takes for a story, and the detector, which learned how cases are told, does not;
            # but not what a pupil told the asker ("vanochtend vertelde een leerling dat …, wat verwacht het
            # protocol van mij?"): a teacher's question about a case they were told of.
            case = False
        return Assessment(
            tier=strongest.tier,
            signals=tuple(c.signal.id for c in fired),
            category=strongest.signal.category,
            report=case or believed,
            framing=framing,
            concepts=concepts,
            learned=learned,
        )
