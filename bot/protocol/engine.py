"""The answer engine: a school, a role and a question in → a verdict with its articles out.

Plain Python, no botbuilder. Everything school-specific is data in `rules/`; this module only
recognises concepts in the question, picks the most specific situation of the school that fits
the role, and words the answer. When no situation fits, it says so and names whom to ask; it never
guesses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import NamedTuple

from bot.protocol import compose, wording
from bot.protocol import concepts as c
from bot.protocol.answer import Answer, Quote
from bot.protocol.book import SchoolBook, about_staff, asks_for_a_contact_not_covered, names_concept
from bot.protocol.english import EnglishGlossary, is_english
from bot.protocol.loader import LEXICON_FILE, compile_lexicon, load_lexicon, load_school, school_files
from bot.protocol.model import ROLES, Role, RulesFile, Situation
from bot.protocol.recogniser import NONE, ArticleRecogniser, Guess
from bot.protocol.text import fold, tokens, without_courtesies, without_quoted
from bot.safety.care import HelpLines
from bot.safety.check import DISBELIEF, Assessment, SafetyCheck
from bot.safety.model import Tier

ROLE_ALIASES: dict[str, Role] = {
    "medewerker": "medewerker",
    "personeel": "medewerker",
    "docent": "medewerker",
    "leraar": "medewerker",
    "leerkracht": "medewerker",
    "staff": "medewerker",
    "teacher": "medewerker",
    "leerling": "leerling",
    "student": "leerling",
    "pupil": "leerling",
    "ouder": "ouder",
    "ouder-verzorger": "ouder",
    "ouder/verzorger": "ouder",
    "verzorger": "ouder",
    "parent": "ouder",
}
# The article recogniser's reading of one message, asked for when an answer needs it (computed once).
Guessing = Callable[[], Guess | None]

_MAX_QUESTION = 4000  # characters looked at; a longer message is a story, its start says enough
# How much surer the article recogniser (bot/protocol/recogniser.py) must be of another article than of the
# one the answer rests on (its first source, or one examiners accepted alike) to make the engine ask back.
# Chosen on sets 11, 14, 17 and 20, never trained on: from 2 to 5 the same plateau (checked again on the first
# source: from 1.5 to 5); the recogniser's scores are perceptron sums.
SECOND_OPINION_MARGIN = 3.0
# How much surer the recogniser must be of another tied situation's article to take it over the file's order.
TIE_BREAK_MARGIN = 40.0
# How much surer the recogniser must be that the protocol does not cover a question than of the article the
# answer rests on to say so ("staat er niet in", with the near articles as "Bedoel je misschien …?") instead
# of asking back between that article and "not covered". Chosen on the sets used for fixing (24-36): from 5
# to 15 the same plateau (+23 right of 1,200, none more wrong); the honest sets moved alike (+29 of 1,500).
UNCOVERED_MARGIN = 10.0
# How much surer the recogniser must be of another article, one a situation of the question's school and role
# cites and the question partly fits, to answer with that situation instead of asking back. Chosen on the sets
# used for fixing (24-42) as the lowest margin that turns no ask-back into a wrong answer there (60: one).
TAKE_OVER_MARGIN = 80.0
# How much surer the recogniser must be of an article a situation cites further down than of its first, for
# that article to lead (cited and quoted first; the verdict is the situation's either way). Chosen on the sets
# used for fixing (24-42): 40 the best there (+2 right, -2 wrong; 20: fewer ask-backs and 5 more wrong).
# The same margin puts the second of a message's two questions first (`_leads`): honest +6 right, -6 wrong.
SOURCE_ORDER_MARGIN = 40.0


class QuestionError(ValueError):
    """A question the engine cannot take: unknown school or role, or no question at all."""


class UnknownSchoolError(QuestionError):
    def __init__(self, slug: str, valid: Sequence[str]) -> None:
        self.valid = tuple(valid)
        super().__init__(f"onbekende school {slug!r}; kies uit: {', '.join(valid)}")


class UnknownRoleError(QuestionError):
    def __init__(self, role: str) -> None:
        super().__init__(f"onbekende rol {role!r}; kies uit: {', '.join(ROLES)}")


class EmptyQuestionError(QuestionError):
    def __init__(self) -> None:
        super().__init__("de vraag is leeg: typ wat je wilt weten")


def parse_role(value: str) -> Role:
    role = ROLE_ALIASES.get(value.strip().lower())
    if role is None:
        raise UnknownRoleError(value)
    return role


@dataclass(frozen=True, slots=True)
class ReportRoute:
    """The reporting route of a school for a role: the article that says so (if any) and whom to tell."""

    school: str
    role: Role
    quotes: tuple[Quote, ...]
    contacts: tuple[str, ...]
    external: tuple[str, ...]


class Reading(NamedTuple):
    """A message as read: `text` without courtesies, `understood` as the lexicon reads it (an English message
    in Dutch), and the `concepts` found in that."""

    text: str
    understood: str
    concepts: frozenset[str]


class RuleBook:
    """All schools' rules, loaded and validated once at start."""

    def __init__(
        self,
        schools: dict[str, SchoolBook],
        safety: SafetyCheck,
        help_lines: HelpLines,
        english: EnglishGlossary | None = None,
        recogniser: ArticleRecogniser | None = None,
    ) -> None:
        self._schools = schools
        self.safety = safety
        self.help_lines = help_lines
        self.english = english or EnglishGlossary({})
        self.recogniser = recogniser or ArticleRecogniser({})

    @classmethod
    def load(cls, folder: Path, help_lines: HelpLines | None = None) -> RuleBook:
        lexicon = load_lexicon(folder / LEXICON_FILE)
        shared = compile_lexicon(lexicon)
        schools = {}
        for path in school_files(folder):
            rules, matcher = load_school(path, lexicon, shared, folder)
            schools[rules.school.slug] = SchoolBook(rules, matcher)
        safety = SafetyCheck.load(folder, tuple(lexicon.plain_words))
        return cls(
            schools,
            safety,
            help_lines or HelpLines(),
            EnglishGlossary.load(folder),
            ArticleRecogniser.load(folder),
        )

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(sorted(self._schools))

    def school(self, slug: str) -> RulesFile:
        return self._book(slug).rules

    def book(self, slug: str) -> SchoolBook:
        return self._book(slug)

    def _book(self, slug: str) -> SchoolBook:
        try:
            return self._schools[slug]
        except KeyError:
            raise UnknownSchoolError(slug, self.slugs) from None

    def _second_opinion(
        self,
        book: SchoolBook,
        who: Role,
        concepts: frozenset[str],
        answer: Answer,
        lang: str,
        guessing: Guessing,
    ) -> Answer:
        """The article recogniser's word: it breaks a tie between situations that fit equally well, and the
        bot asks back when it is sure the question is about another article than the situation that answered
        it (on unseen questions such answers were wrong about half the time); far surer that the protocol
        does not cover the question, or of another situation's article, it says so or lets that one answer."""
        if answer.intent != "question" or answer.verdict == "unknown" or answer.situation is None:
            return answer
        guess = guessing()
        if guess is not None:
            answer = _break_tie(book, who, concepts, answer, guess, lang)
        if guess is None or answer.situation is None:
            return answer
        chosen = book.situation(answer.situation, who)
        own = chosen.sources if chosen else None
        lead = guess.lead_over(rests_on(answer.sources, own))
        if lead < SECOND_OPINION_MARGIN:
            return answer
        if guess.article == NONE and lead >= UNCOVERED_MARGIN:
            # Far surer that the protocol does not cover it: say so, and offer the near articles.
            return compose.unknown_answer(book, who, concepts, lang)
        other = None if guess.article == NONE else book.citing(guess.article, who, concepts)
        if chosen is None or (other is None and guess.article != NONE):
            return answer  # nothing of this school and role to offer instead: the situations decide
        if other is not None and not book.fits_partly(other, who, concepts):
            other = None  # a meaning that shares nothing with the question is no meaning to offer
        if other is not None and lead >= TAKE_OVER_MARGIN:
            # Far surer of the other situation's article: that situation answers.
            return compose.situation_answer(book, who, other.broken(concepts), lang)
        options = [chosen, *([other] if other else [])]
        return compose.clarify_answer(book, who, options, lang, maybe_uncovered=other is None)

    def answer_situation(self, school: str, role: str, situation_id: str, lang: str = "nl") -> Answer | None:
        """The answer of one situation, as chosen from an ask-back; None when it is not the school's."""
        book = self._book(school)
        who = parse_role(role)
        situation = book.situation(situation_id, who)
        return compose.situation_answer(book, who, situation, lang) if situation else None

    def report_route(self, school: str, role: str) -> ReportRoute:
        """Where this school's protocol says a report goes: its article and the people to tell."""
        book = self._book(school)
        who = parse_role(role)
        article = book.rules.school.report_article.get(who)
        # The excerpt a report situation citing it first quotes, where one does: the part about reporting.
        excerpt = next(
            (
                s.quote
                for s in book.rules.situations
                if s.intent == "report" and s.sources[0] == article and s.quote
            ),
            None,
        )
        quotes = (book.quote(article, excerpt),) if article else ()
        external = tuple(wording.contact_phrase(c) for c in book.rules.school.external)
        return ReportRoute(
            school=book.rules.school.slug,
            role=who,
            quotes=quotes,
            contacts=book.contacts(book.rules.school.report_to[who]),
            external=external,
        )

    def read(self, school: str, question: str) -> Reading:
        """A message as the engine reads it for `school`: without courtesies, an English one through the
        glossary (the lexicon knows Dutch), and the concepts found in it."""
        text = question.strip()[:_MAX_QUESTION]
        if not fold(text):  # no word at all: nothing to read
            raise EmptyQuestionError
        text = without_courtesies(text)
        understood = self.english.to_dutch(text) if is_english(text) else text
        return Reading(text, understood, self._book(school).matcher.find(tokens(understood)))

    def assess(self, school: str, text: str, understood: str, concepts: frozenset[str]) -> Assessment:
        """The safety check of a message the engine read, with the engine's concepts as its framing; whose
        child did it is read from the asker's own words, not from what they quote ("met de tekst 'hier woont
        de leraar die mijn zoon heeft laten zakken'" tells of no child of the asker's)."""
        context = concepts
        if c.PERPETRATOR in concepts:
            own_words = without_quoted(understood)
            if own_words != understood and c.PERPETRATOR not in self._book(school).matcher.find(
                tokens(own_words)
            ):
                context = concepts - {c.PERPETRATOR}
        return self.safety.assess(text, context, understood)

    def answer(self, school: str, role: str, question: str, lang: str = "nl") -> Answer:
        """The answer for one message: the safety check first, then the protocol."""
        book = self._book(school)
        who = parse_role(role)
        text, understood, concepts = self.read(school, question)
        assessment = self.assess(school, text, understood, concepts)
        # The recogniser reads the message only when an answer needs it (a report or an unknown does not).
        guessing = cache(partial(self.recogniser.guess, book.rules.school.slug, understood))
        consequences = _confessed(book, who, concepts)
        answer = _protocol_answer(book, who, understood, concepts, lang, assessment, guessing, consequences)
        if not assessment.report and consequences is None:
            # A confession is answered by the sanctions ("ik heb een meme van de leraar gepost, kan ik
            # geschorst worden?"), however sure the recogniser is of the article about the deed itself.
            answer = self._second_opinion(book, who, concepts, answer, lang, guessing)
        if assessment.tier is None:
            return answer
        return compose.with_safety(answer, assessment, lang, self.help_lines)


def rests_on(sources: Sequence[str], own: Sequence[str] | None = None) -> list[str]:
    """The articles an answer rests on, as the recogniser names them ("A.8"): its first source, and when it
    answers a second question too, that one's first (the first source its own situation, `own`, does not
    cite). The others support them; that the recogniser is sure of one of those is no reason to trust the
    answer's verdict (on the sets used for fixing: 12 fewer wrong answers, 1 fewer right)."""
    local = [source.split(":", 1)[1] for source in sources]
    second = next((article for article in local if own is not None and article not in own), None)
    return local[:1] + ([second] if second else [])


def _break_tie(
    book: SchoolBook, who: Role, concepts: frozenset[str], answer: Answer, guess: Guess, lang: str
) -> Answer:
    """Situations that fit a question equally well are taken in the school file's order; where the article
    recogniser is far surer of an article another one cites than of any the first one cites, that one answers
    (on the unseen and honest sets: 6 more right, 1 fewer wrong; the guarded sets unchanged). Any article it
    cites, not only its first: "een screenshot van de teams chat op mijn story" ties chatting in Teams (A.2)
    with sharing a screenshot (A.5, E.4), and the recogniser reads E.4 first."""
    cited = {source.split(":", 1)[1] for source in answer.sources}
    if answer.situation is None or guess.article in cited:
        return answer  # the recogniser's likeliest article is cited already: nothing can be far likelier
    tied = book.tied(concepts, who, answer.situation)
    if len(tied) < 2:
        return answer
    chosen = next(s for s in tied if s.id == answer.situation)
    other = max(tied, key=lambda s: max(map(guess.score, s.sources)))
    best = max(other.sources, key=guess.score)
    # The article it is chosen for must be far likelier than any the chosen one cites; it leads the answer.
    if guess.score(best) < max(map(guess.score, chosen.sources)) + TIE_BREAK_MARGIN:
        return answer
    # As anywhere, an article it cites further down leads only where the recogniser is far surer of it.
    lead = leading_source(other, lambda: guess)
    return compose.situation_answer(book, who, other.broken(concepts), lang, lead=lead)


def leading_source(situation: Situation, guessing: Guessing) -> str | None:
    """The article a situation cites further down that the recogniser is far surer of than of its first
    (`SOURCE_ORDER_MARGIN`): it leads the answer's sources. None when the first stays first."""
    if len(situation.sources) < 2:
        return None
    guess = guessing()
    if guess is None:
        return None
    best = max(situation.sources[1:], key=guess.score)
    return best if _far_surer(guess, best, situation.sources[0]) else None


def _leads(guessing: Guessing, other: Situation, first: Situation) -> bool:
    """Whether the recogniser is far surer of `other`'s article than of `first`'s."""
    guess = guessing()
    return guess is not None and _far_surer(guess, other.sources[0], first.sources[0])


def _far_surer(guess: Guess, article: str, than: str) -> bool:
    """Whether the recogniser is surer of `article` than of `than` by SOURCE_ORDER_MARGIN."""
    return guess.score(article) - guess.score(than) >= SOURCE_ORDER_MARGIN


def _confessed(book: SchoolBook, who: Role, concepts: frozenset[str]) -> Situation | None:
    """The sanctions situation for an asker who tells what they did and asks what happens to them now."""
    return book.consequences(concepts, who) if c.confesses(concepts) else None


def _protocol_answer(
    book: SchoolBook,
    who: Role,
    text: str,
    concepts: frozenset[str],
    lang: str,
    assessment: Assessment,
    guessing: Guessing = lambda: None,
    consequences: Situation | None = None,
) -> Answer:
    """The protocol's answer; a message the safety check takes for a case is answered as a report, one it
    takes for a rule question ("waarom moet ik screenshots bewaren?") never is. `consequences`: the
    sanctions for the asker who tells what they did (`_confessed`)."""
    if assessment.report:
        # Someone is in trouble: the school's reporting article, whatever else the message asks.
        report = book.best(concepts, who, "report") or book.best(concepts | {c.INCIDENT}, who, "report")
        # A threat, sexual coercion or thoughts of death make the asker the one in trouble: "ik heb een foto
        # van mezelf gestuurd en nu dreigt hij …, wat gebeurt er nu?" gets no sanctions first.
        graver = assessment.tier is not None and assessment.tier > Tier.INCIDENT
        if report and consequences and not graver:
            # "Ik heb een nepfilmpje van de juf gepost, word ik geschorst?": what happens to them first, then
            # how to put it right by telling the school.
            return compose.confession_answer(book, who, consequences, report.rule.situation, lang)
        if report:
            return compose.situation_answer(book, who, report.rule.situation, lang)
        return compose.uncovered_report(book, who, lang)
    if consequences:
        # "Mijn docent zag dat ik op tiktok zat en zegt dat het in magister komt, wat gebeurt er nu met mij?"
        return compose.situation_answer(book, who, consequences, lang)
    # What the safety check takes for a rule question is not reported by the protocol's situations either.
    # Nor is a message in which neither the signals nor the learned detector see anything of harm, nor a
    # supposition that names no harm ("als iemand gemeen doet, wat moet ik dan doen? het is niet gebeurd").
    unseen = assessment.tier is None and assessment.learned < DISBELIEF
    supposed = assessment.tier is None and assessment.framing.supposed
    weighed = assessment.framing.asks_a_rule or unseen or supposed
    report = None if weighed else book.best(concepts, who, "report")
    asked = book.best(concepts, who, "question")
    actor: Role = who
    if c.STAFF_MAY in concepts and who != "medewerker" and not (asked and about_staff(asked.rule)):
        # "Mag een leraar filmpjes van onze les op zijn eigen TikTok zetten?": whether a member of staff may
        # do something is the staff's rule, unless the asker's own rules speak of staff (how a teacher may
        # contact a pupil): a pupil's rule about their own posts would answer another act.
        staffs = book.best(concepts, "medewerker", "question")
        if staffs:
            asked, actor = staffs, "medewerker"

    if asked and c.PROVISION_QUESTION in concepts and not names_concept(asked.rule, c.PROVISION_QUESTION):
        # "Krijg ik een telefoon van school voor contact met leerlingen?" asks what the school provides: a
        # rule about contact with pupils does not answer it.
        asked = None
    if asked and asks_for_a_contact_not_covered(concepts, asked.rule):
        # "Wie kan ik mailen over privacy?" is not answered by a permission article: where the protocol
        # names no-one for it, the unknown answer names whom to ask. "Met wie moet ik dat afstemmen?"
        # after a question about a photo is answered by the situation that names whom, if there is one.
        asked = book.best(concepts, actor, "question", naming_a_contact=True)
    # "Mag ik …" is a question, unless the asker tells what happens to them; "als iemand …" stays one.
    asks = bool({c.PERMISSION, c.QUESTION_FORM} & concepts)
    not_their_story = c.VICTIM not in concepts or bool(c.GENERAL & concepts)
    # "Valt een foto van mijn kind onder dit protocol?" asks about scope, "welke straf kan mijn kind
    # krijgen voor pesten?" about sanctions, "is mijn naam een persoonsgegeven?" about a word: questions,
    # whoever they are about.
    rule_question = bool(
        {c.SCOPE_QUESTION, c.SANCTION_QUESTION, c.DEFINITION_QUESTION, c.DUTY_QUESTION} & concepts
    )
    # "De juf heeft een foto van mijn dochter op Instagram gezet, mag dat?" asks whether the school's own act
    # is allowed: the protocol answers that (with the offer to report), however much it is the asker's story.
    plain_question = asks and (not_their_story or rule_question or assessment.framing.about_the_school)
    about_bullying_in_general = c.CAMPAIGN in concepts
    if report and not (plain_question and asked) and not about_bullying_in_general:
        return compose.situation_answer(book, who, report.rule.situation, lang)
    if asked:
        # "Mag ik de toetsvragen op insta zetten?": the question itself breaks the condition of a yes_if.
        situation = asked.rule.situation.broken(concepts)
        second = compose.second_question(book, actor, text, asked.rule.situation)
        if second is not None and _leads(guessing, second, situation):
            # "Ik reageer soms in de buurtgroep als mensen klagen. Moet ik erbij zeggen dat ik dat op
            # persoonlijke titel doe?": of a message's two questions the recogniser is far surer of the one
            # it asks about; that one's verdict comes first.
            situation, second = second.broken(concepts), asked.rule.situation
        lead = leading_source(situation, guessing)
        # "Moet ik haar ontvrienden?" asks whether taking something back is required, of a situation about
        # what may stay ("mag ik …?" in the same message asks the permission, which the situation answers).
        obligation = (
            {c.OBLIGATION, c.RESTRICT} <= concepts
            and c.PERMISSION not in concepts
            and not names_concept(asked.rule, c.RESTRICT)
        )
        return compose.situation_answer(
            book, who, situation, lang, second, for_staff=actor != who, lead=lead, obligation=obligation
        )
    if c.INCIDENT in concepts and not plain_question and not about_bullying_in_general and not weighed:
        return compose.uncovered_report(book, who, lang)
    return compose.unknown_answer(book, who, concepts, lang)
