"""What comes back from a card: one pydantic model per verb, parsed at the boundary by `parse_action`.

Card data is written by the client and can be forged by anyone in a chat with the bot: these models
check shape and size only. The conversation layer authorises every action from its own stored state
(is this school one of the tenant's, is this question token one it issued, ...).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from bot.protocol.model import Role, Slug, Verdict
from bot.reports.model import Category
from cards.ids import Verb
from cards.view_actions import ShowInsights, ShowOverview

Token = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
FullArticleId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*:[A-Z0-9]{1,3}\.[0-9a-z]{1,2}$")
]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
# A form input as typed; far above any field's own limit, so an overlong text gets a message at its field.
FormText = Annotated[str, StringConstraints(max_length=50_000)]


class InvalidActionError(ValueError):
    """Card data that is not one of our actions: unknown verb, missing or malformed input.

    The message names the verb and the fields at fault, never their values (they may be anything a
    user typed), so it is safe to log.
    """

    def __init__(self, reason: str, verb: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.verb = verb


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StartQuestion(_Action):
    verb: Literal[Verb.START_QUESTION]


class StartReport(_Action):
    """Open the report form; from a safety answer preset with what the message was about.

    Card data is forgeable, but a preset only fills in the form the reporter still sends themselves."""

    verb: Literal[Verb.START_REPORT]
    category: Category | None = None
    urgent: bool = False


class ShowHelp(_Action):
    verb: Literal[Verb.SHOW_HELP]


class ShowProtocol(_Action):
    verb: Literal[Verb.SHOW_PROTOCOL]


class ShowPrivacy(_Action):
    verb: Literal[Verb.SHOW_PRIVACY]


class ChangeRole(_Action):
    verb: Literal[Verb.CHANGE_ROLE]


class ChooseRole(_Action):
    verb: Literal[Verb.CHOOSE_ROLE]
    role: Role


class ChooseSchool(_Action):
    """The school picked in the school card's choice set (input id `school`)."""

    verb: Literal[Verb.CHOOSE_SCHOOL]
    school: Slug


class ChangeSchool(_Action):
    verb: Literal[Verb.CHANGE_SCHOOL]


class AskTopic(_Action):
    """A 'Bedoel je misschien …' suggestion: answer this topic as if it were asked."""

    verb: Literal[Verb.ASK_TOPIC]
    article_id: FullArticleId
    topic: Topic


SituationId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]


class ChooseMeaning(_Action):
    """An ask-back's option pressed: answer this situation for the question behind `question_token`.

    The token must be one this bot issued to this user; the situation must be of that question's school and
    role (`RuleBook.answer_situation`), so card data can only pick among the school's own answers."""

    verb: Literal[Verb.CHOOSE_MEANING]
    situation: SituationId
    question_token: Token


class AskContact(_Action):
    """Put the question the bot could not answer to the school's contact person."""

    verb: Literal[Verb.ASK_CONTACT]
    question_token: Token
    question: Question


class SubmitReport(_Action):
    """The report card sent back: the bot's form token and what was typed, as typed.

    Only shape and an upper bound are checked here; `bot.reporting.validation` checks the content and
    answers with the same card and a Dutch message at each field, so nothing typed is lost. Inputs a
    client leaves out (empty) arrive as None.
    """

    verb: Literal[Verb.SUBMIT_REPORT]
    form_token: Token
    category: FormText | None = None
    description: FormText | None = None
    platform: FormText | None = None
    happened: FormText | None = None
    involved: FormText | None = None
    in_danger: FormText | None = None
    show_name: FormText | None = None


class MyReports(_Action):
    verb: Literal[Verb.MY_REPORTS]


class Feedback(_Action):
    """👍 or 👎 on one answer; `question_token` identifies the answer (and makes a resend harmless)."""

    verb: Literal[Verb.FEEDBACK]
    useful: StrictBool
    question_token: Token
    question: Question
    verdict: Verdict
    sources: Annotated[tuple[FullArticleId, ...], Field(max_length=10)]


CaseText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
MeasureCode = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]


def _blank_is_none(value: Any) -> Any:
    """An input left empty arrives as "" (or not at all): both mean 'not filled in'."""
    return None if isinstance(value, str) and not value.strip() else value


OptionalText = Annotated[CaseText | None, BeforeValidator(_blank_is_none)]
OptionalMeasure = Annotated[MeasureCode | None, BeforeValidator(_blank_is_none)]


class _CaseAction(_Action):
    """A button on the escalation card: only the case id and the card's token come from the card; who
    may press it, and what it does, is decided from the stored case. The card's forms share one card,
    so every button may bring every form's input; the handler uses the one it needs."""

    report_id: UUID
    card_token: Token
    question: OptionalText = None
    note: OptionalText = None
    outcome: OptionalText = None
    measure: OptionalMeasure = None
    share: Literal["true", "false"] | None = None  # the closing form's "send the outcome to the reporter"


class CaseDetails(_CaseAction):
    verb: Literal[Verb.CASE_DETAILS]
    shot: Annotated[int, Field(ge=0, le=99)] = 0  # which screenshot to show, 0-based


class CaseHide(_CaseAction):
    verb: Literal[Verb.CASE_HIDE]


class CaseTake(_CaseAction):
    verb: Literal[Verb.CASE_TAKE]


class CaseAsk(_CaseAction):
    verb: Literal[Verb.CASE_ASK]


class CaseNote(_CaseAction):
    verb: Literal[Verb.CASE_NOTE]


class CaseClose(_CaseAction):
    verb: Literal[Verb.CASE_CLOSE]

    @property
    def shared(self) -> bool:
        return self.share == "true"


class CaseReopen(_CaseAction):
    verb: Literal[Verb.CASE_REOPEN]


class CaseAnswer(_Action):
    """The reporter's answer to a leader's question, from the card in their own chat."""

    verb: Literal[Verb.CASE_ANSWER]
    report_id: UUID
    question_token: Token
    answer: OptionalText = None


class QuestionReply(_Action):
    """A leader's answer to a forwarded question, from its card in the leadership channel: only the
    question id and the card's token come from the card; the answer is checked by the handler (empty or
    too long: the same card with a message at the field, the text kept)."""

    verb: Literal[Verb.QUESTION_ANSWER]
    question_id: UUID
    card_token: Token
    question_answer_text: FormText | None = None


LeaderAction = CaseDetails | CaseHide | CaseTake | CaseAsk | CaseNote | CaseClose | CaseReopen

CardAction = Annotated[
    StartQuestion
    | StartReport
    | ShowHelp
    | ShowProtocol
    | ShowPrivacy
    | ChangeRole
    | ChooseRole
    | ChooseSchool
    | ChangeSchool
    | AskTopic
    | ChooseMeaning
    | AskContact
    | Feedback
    | CaseDetails
    | CaseHide
    | CaseTake
    | CaseAsk
    | CaseNote
    | CaseClose
    | CaseReopen
    | CaseAnswer
    | QuestionReply
    | SubmitReport
    | MyReports
    | ShowOverview
    | ShowInsights,
    Field(discriminator="verb"),
]

_MODELS: tuple[type[BaseModel], ...] = (
    StartQuestion,
    StartReport,
    ShowHelp,
    ShowProtocol,
    ShowPrivacy,
    ChangeRole,
    ChooseRole,
    ChooseSchool,
    ChangeSchool,
    AskTopic,
    ChooseMeaning,
    AskContact,
    Feedback,
    CaseDetails,
    CaseHide,
    CaseTake,
    CaseAsk,
    CaseNote,
    CaseClose,
    CaseReopen,
    CaseAnswer,
    QuestionReply,
    SubmitReport,
    MyReports,
    ShowOverview,
    ShowInsights,
)
_ADAPTER: TypeAdapter[CardAction] = TypeAdapter(CardAction)
_VERBS = frozenset(verb.value for verb in Verb)


def parse_action(value: Any) -> CardAction:
    """The action in an incoming `activity.value`, from either kind of button.

    - Action.Execute arrives as an `adaptiveCard/action` invoke: `{"action": {"type": "Action.Execute",
      "verb": ..., "data": {...}}, "trigger": ...}`; the verb outside and inside `data` must agree.
    - Action.Submit (the fallback) arrives as a message whose value is the data itself.
    Input values are merged into the data by the client in both cases.
    """
    if not isinstance(value, dict):
        raise InvalidActionError("value is not an object")
    action = value.get("action")
    if isinstance(action, dict) and action.get("type") == "Action.Execute":
        data = action.get("data")
        outer = action.get("verb")
        if not isinstance(data, dict):
            raise InvalidActionError("Action.Execute without data", _safe_verb(outer))
        if data.get("verb") != outer:
            raise InvalidActionError("verb and data.verb differ", _safe_verb(outer))
    else:
        data = value
    verb = data.get("verb")
    if verb not in _VERBS:
        raise InvalidActionError("unknown verb")
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as error:
        raise InvalidActionError(f"bad input: {_fault(error)}", str(verb)) from None


def _fault(error: ValidationError) -> str:
    """The fields at fault, by our own names only: a forged key is reported as 'unexpected field'."""
    known = {name for model in _MODELS for name in model.model_fields}
    faults = set()
    for detail in error.errors():
        name = ".".join(str(part) for part in detail["loc"][1:2])
        if detail["type"] == "extra_forbidden" or name not in known:
            faults.add("unexpected field")
        else:
            faults.add(f"{name} ({detail['type']})")
    return ", ".join(sorted(faults))


def _safe_verb(verb: object) -> str | None:
    return verb if isinstance(verb, str) and verb in _VERBS else None
