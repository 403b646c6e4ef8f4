"""`python -m bot outbox list | retry | explain`: what the bot could not send yet, for the operator.

Prints ids, kinds, case and question numbers, schools, attempts, statuses and error codes only — never a
message's text or a person's account (a pupil's chat shows as "leerling/vrager"). `retry` sends dead
messages again (after the bot was added back to the team, or the channel registered again: `meldingen
hier` does this by itself) and makes waiting ones due now; the running bot picks them up within a poll.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import UTC, datetime
from typing import Any

from bot.reports.messages import (
    Escalate,
    OutboxPayload,
    QuestionMessage,
    UnknownMessage,
)
from bot.reports.model import OutboxMessage, OutboxStatus
from bot.storage import Store, open_store

DEFAULT_DATABASE_URL = "sqlite:///./data/magdit.sqlite3"

EXPLAIN = {
    "HTTP 403": "Teams weigert (403): de bot is uit het team of kanaal gehaald, of mag daar niet schrijven. "
    "Voeg de bot weer toe en laat een leider `@Mag dit? meldingen hier` typen; dan gaat het vanzelf.",
    "HTTP 404": "Teams kent het gesprek niet meer (404): het kanaal of de chat is verwijderd. Voor een "
    "kanaal: laat een leider `meldingen hier` typen in het nieuwe kanaal. Voor een leerling: die moet de "
    "bot weer openen.",
    "not deliverable": "Er is nog geen meldingenkanaal voor deze school: laat een leider `@Mag dit? "
    "meldingen hier` typen in het kanaal van de schoolleiding. Het bericht blijft bewaard en gaat dan "
    "vanzelf.",
    "connection error": "Teams was niet bereikbaar (time-out of verbinding weg). De bot probeert het zelf "
    "opnieuw, steeds iets later; niets te doen tenzij het blijft duren.",
    "HTTP 429": "Teams vroeg om rustiger aan te doen (429). De bot wacht zo lang als Teams vraagt.",
    "HTTP 5": "Teams had een storing (5xx). De bot probeert het zelf opnieuw, steeds iets later.",
}


def add_commands(commands: Any) -> None:
    """Add `outbox` to `python -m bot`'s subparsers."""
    outbox = commands.add_parser("outbox", help="messages the bot could not send yet: list, retry, explain")
    actions = outbox.add_subparsers(required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="dead and pending messages (ids and numbers only)")
    listing.add_argument("--status", choices=["dead", "pending", "all"], default="all")
    listing.add_argument("--limit", type=int, default=100)
    listing.set_defaults(handler=lambda args: _run(args, _list))
    retry = actions.add_parser("retry", help="send dead messages again, make waiting ones due now")
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=int, nargs="+", dest="ids", help="outbox ids (from `list`)")
    which.add_argument("--school", help="every message to this school's leadership channel")
    which.add_argument("--all", action="store_true", help="every dead or waiting message")
    retry.set_defaults(handler=lambda args: _run(args, _retry))
    explain = actions.add_parser("explain", help="why one message waits or died, and what to do")
    explain.add_argument("--id", type=int, required=True, dest="message_id")
    explain.set_defaults(handler=lambda args: _run(args, _explain))
    for parser in (listing, retry, explain):
        parser.add_argument("--database-url", help=f"default: DATABASE_URL, else {DEFAULT_DATABASE_URL}")


def _run(args: argparse.Namespace, task: Any) -> int:
    async def main() -> int:
        store = await open_store(args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
        try:
            return int(await task(store, args))
        finally:
            await store.close()

    return asyncio.run(main())


async def describe(store: Store, message: OutboxMessage) -> str:
    """One line about a message: no text, no account."""
    intent = message.message
    kind = intent.kind
    to = message.conversation_key if message.conversation_key.startswith("leadership:") else "leerling/vrager"
    number = await _number(store, intent)
    age = (datetime.now(UTC) - message.created_at).total_seconds()
    return (
        f"#{message.id} {message.status} {kind} {number} naar {to}; pogingen {message.attempts};"
        f" laatste fout: {message.last_error or '-'}; wacht {_duration(age)}"
    )


async def _number(store: Store, intent: OutboxPayload) -> str:
    if isinstance(intent, Escalate):
        return intent.case_number
    if isinstance(intent, UnknownMessage):
        return "-"
    if isinstance(intent, QuestionMessage):
        question = await store.questions.get(intent.question_id)
        return question.number if question else "(vraag verwijderd)"
    report = await store.reports.get(intent.report_id)
    return report.case_number if report else "(zaak verwijderd)"


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} uur"


async def _list(store: Store, args: argparse.Namespace) -> int:
    statuses: list[OutboxStatus] = ["dead", "pending"] if args.status == "all" else [args.status]
    messages = await store.outbox.listing(statuses, args.limit)
    for message in messages:
        print(await describe(store, message))
    backlog = await store.outbox.backlog()
    print(f"{backlog.pending} wachtend, {backlog.dead} niet afgeleverd (dood)")
    return 0


async def _retry(store: Store, args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    if args.all:
        requeued = await store.outbox.requeue(now)
    elif args.school:
        requeued = await store.outbox.requeue(now, conversation_key=f"leadership:{args.school}")
    else:
        requeued = await store.outbox.requeue(now, ids=args.ids)
    print(f"{len(requeued)} bericht(en) opnieuw in de wachtrij: {' '.join(f'#{i}' for i in requeued) or '-'}")
    return 0


async def _explain(store: Store, args: argparse.Namespace) -> int:
    message = await store.outbox.message(args.message_id)
    if message is None:
        print(f"geen bericht #{args.message_id}", file=sys.stderr)
        return 1
    print(await describe(store, message))
    if message.status == "sent":
        print("Afgeleverd.")
        return 0
    error = message.last_error or ""
    advice = next((text for prefix, text in EXPLAIN.items() if error.startswith(prefix)), None)
    if message.claimed_by and message.status == "pending":
        advice = f"Wordt nu verstuurd door instantie {message.claimed_by}. " + (advice or "")
    print(advice or "Wacht op de volgende poging; de bot probeert het zelf opnieuw.")
    if message.status == "dead":
        print(f"Opnieuw versturen: python -m bot outbox retry --id {message.id}")
    return 0
