"""Every kind of row the store keeps, written through the Store protocol (`fill`) and read back (`read`).

`v9.sqlite.sql` and `v9.postgres.sql` are dumps of what `fill` wrote with the hand-written SQLite and
PostgreSQL stores at schema version 9 (main at 3f49279, the last version before Alembic), and `v9.json` is
what `read` gave on them then (tests/storage/legacy/generate.py, run in a checkout of that commit);
tests/storage/test_legacy_upgrade.py opens them with today's store and expects the same.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.insights.model import UnansweredQuestion
from bot.leadership.model import CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.questions.model import QuestionDraft
from bot.reporting.model import AttachmentDraft, ReportForm
from bot.reports.model import Action, Category, OutboxDraft, ReportDraft, ReportedMessage
from bot.storage import Feedback, Profile, Store
from bot.storage.models import IssuedAnswer, PendingQuestion

AT = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)
CONVERSATION = {"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}
CHANNEL = {**CONVERSATION, "conversation_id": "19:c@thread.tacv2"}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
MESSAGE = ReportedMessage(
    text="Je bent zo dom 😡\nOprotten.",
    cut=True,
    author="Daan Jansen",
    sent_at=AT - timedelta(hours=3),
    images=2,
)


def report_draft(reporter: str, **changes: Any) -> ReportDraft:
    return ReportDraft(
        school="de-breul",
        category=Category.BEDREIGING,
        description='Iemand dreigt mij — "écht" 😟',
        reporter_key=reporter,
        reporter_conversation=CONVERSATION,
        **changes,
    )


async def fill(store: Store) -> None:
    await store.profiles.save_profile(
        Profile(
            user_key="u1", tenant_id="t", school="de-breul", role="ouder", role_source="asked", updated_at=AT
        )
    )
    await store.profiles.save_profile(Profile(user_key="u2", tenant_id="t", updated_at=AT))
    await store.feedback.add_feedback(
        Feedback(
            school="de-breul",
            role="leerling",
            question="mag dit?",
            sources=["de-breul:E.7"],
            verdict="no",
            useful=False,
            at=AT,
        )
    )
    answer = IssuedAnswer(
        token="tok-1",
        user_key="u1",
        school="de-breul",
        role="ouder",
        question="mag ik appen?",
        sources=("de-breul:A.1", "de-breul:E.7"),
        verdict="yes",
        issued_at=AT,
    )
    await store.conversation.issue_answer(answer)
    await store.conversation.issue_answer(answer.model_copy(update={"token": "tok-2", "sources": ()}))
    await store.conversation.vote("tok-1", "u1", True, AT)
    await store.conversation.vote("tok-2", "u1", False, AT)  # 👎, linked to u1 through tok-2
    await store.insights.record_unanswered(
        UnansweredQuestion(school="de-breul", role="ouder", question="mag ik appen?", month="2026-03"),
        "tok-2",
    )
    await store.insights.record_unanswered(
        UnansweredQuestion(school="de-breul", role="leerling", question="en tiktok?", month="2026-02")
    )
    await store.conversation.remember_question(
        PendingQuestion(user_key="u1", question="en dit?", asked_at=AT)
    )

    await store.leadership.register_channel(
        ChannelRegistration(
            school="de-breul",
            route="meldingen",
            conversation=CHANNEL,
            team_id="19:team",
            registered_by="aad-leader",
            registered_at=AT,
        )
    )
    await store.reporting.issue_form(
        ReportForm(token="form-1", user_key="pupil-1", school="de-breul", created_at=AT)
    )
    await store.reporting.issue_form(
        ReportForm(token="form-2", user_key="pupil-2", school="de-breul", created_at=AT)
    )
    await store.reporting.issue_form(
        ReportForm(token="form-3", user_key="pupil-3", school="de-breul", created_at=AT, message=MESSAGE)
    )
    await store.reporting.issue_form(  # a dialog opened and left: the message waits for the purge
        ReportForm(token="form-4", user_key="pupil-3", school="de-breul", created_at=AT, message=MESSAGE)
    )
    report, _ = await store.reports.submit(
        report_draft(
            "pupil-1",
            platform="insta",
            happened="gisteren",
            involved="klas 2b",
            in_danger=True,
            anonymous=False,
            reporter_name="Sam",
        ),
        "form-1",
    )
    await store.reporting.mark_form_used("form-1", report.id)
    await store.reports.submit(report_draft("pupil-2"), "form-2")
    from_message, _ = await store.reports.submit(report_draft("pupil-3", message=MESSAGE), "form-3")
    await store.reporting.mark_form_used("form-3", from_message.id)
    remind = {"kind": "remind", "report_id": str(from_message.id)}
    await store.overview.remind(
        from_message.id,
        date(2026, 3, 4),
        [OutboxDraft(conversation_key="leadership:de-breul", message=remind)],
    )
    await store.leadership.set_escalation(
        EscalationThread(
            report_id=report.id, route="meldingen", conversation=CHANNEL, activity_id="act-1", created_at=AT
        )
    )
    await store.leadership.card_token(report.id, 1)
    picked = await store.reports.apply(report.id, Action.OPPAKKEN, "aad-leader", 1)
    await store.leadership.card_token(report.id, picked.version)
    question = await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=report.id, kind="vraag", author_key="aad-leader", text="Wie?", token="q-tok"
        ),
        [
            OutboxDraft(
                conversation_key="reporter:pupil-1",
                message={"kind": "notify_reporter", "report_id": str(report.id), "question": "ab12"},
            )
        ],
    )
    await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=report.id, kind="antwoord", author_key="pupil-1", text="Hij.", reply_to=question.id
        ),
        [],
    )
    await store.reporting.add_attachment(
        AttachmentDraft(
            report_id=report.id, uploader_key="pupil-1", content_type="image/png", width=1, height=1, data=PNG
        )
    )
    await store.reports.record_view(report.id, "aad-leader", "details_bekijken", {"attachments": 1})
    await store.reports.record_refusal(None, "forger", "afsluiten", {"reason": "forged"})

    forwarded, _ = await store.questions.forward(
        QuestionDraft(
            school="de-breul",
            role="ouder",
            question="mag ik appen?",
            asker_key="u1",
            asker_conversation=CONVERSATION,
        ),
        "vraag:1",
    )
    await store.questions.set_thread(forwarded.id, CHANNEL, "act-2")
    await store.questions.answer(forwarded.id, forwarded.card_token, "Ja, binnen schooltijd.", "aad-leader")
    await store.questions.forward(
        QuestionDraft(
            school="de-marel",
            role="leerling",
            question="en ik?",
            asker_key="u2",
            asker_conversation=CONVERSATION,
        ),
        "vraag:2",
    )
    [first, *_] = await store.outbox.claim_due(10, AT + timedelta(days=400), owner="worker-a")
    await store.outbox.mark_dead(first.id, "HTTP 403")
    [second, *_] = await store.outbox.claim_due(1, AT + timedelta(days=400), owner="worker-a")
    await store.outbox.retry_later(second.id, AT + timedelta(days=401), "connection error")


def plain(value: Any) -> Any:
    """JSON without null members: a missing key and a null one read the same (typed outbox messages have
    their optional fields, the dicts before them did not)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def dump(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [dump(item) for item in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


async def read(store: Store) -> dict[str, Any]:
    reporters = ("pupil-1", "pupil-2", "pupil-3")
    reports = [report for key in reporters for report in await store.reports.for_reporter(key)]
    questions = [*await store.questions.for_asker("u1"), *await store.questions.for_asker("u2")]
    cases: dict[str, Any] = {}
    for report in reports:
        attachments = await store.reporting.attachments(report.id)
        cases[report.case_number] = {
            "report": dump(report),
            "audit": dump(await store.reports.audit_trail(report.id)),
            "threads": dump(await store.leadership.escalations(report.id)),
            "entries": dump(await store.leadership.entries(report.id)),
            "attachments": dump(attachments),
            "data": [(await store.reporting.attachment_data(a.id) or b"").hex() for a in attachments],
        }
    answers, pending = await store.conversation.of_user("u1")
    linked_questions, linked_votes = await store.insights.of_user("u1")
    return plain(
        {
            "profiles": [dump(await store.profiles.get_profile(key)) for key in ("u1", "u2")],
            "feedback": dump(await store.feedback.feedback_counts("de-breul")),
            "answers": dump(answers),
            "pending": dump(pending),
            "channels": dump(await store.leadership.channels()),
            "forms": [
                dump(await store.reporting.form(token)) for token in ("form-1", "form-2", "form-3", "form-4")
            ],
            "cases": cases,
            "schools": await store.reporting.schools(),
            "questions": [
                {"question": dump(q), "audit": dump(await store.questions.audit_trail(q.id))}
                for q in questions
            ],
            "outbox": dump(await store.outbox.listing(["pending", "sent", "dead"])),
            "backlog": dump(await store.outbox.backlog()),
            "open_cases": dump(await store.overview.open_cases("de-breul")),
            "unanswered": dump(await store.insights.unanswered("de-breul", "2026-01", "2026-12")),
            "votes_down": dump(
                await store.insights.votes_down("de-breul", AT - timedelta(days=1), AT + timedelta(1))
            ),
            "linked": {"questions": dump(linked_questions), "votes": dump(linked_votes)},
        }
    )
