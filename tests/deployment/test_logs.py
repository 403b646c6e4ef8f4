"""Logs are JSON lines with ids only: a whole question turn and a report submission through HTTP leave
no question text, report description, user name or token in any line (every logger, DEBUG level)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.observability import TEXT_FORMAT, JsonLineFormatter, TextLineFormatter, configure_logging
from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.outbound import OUTBOUND_TOKEN
from tests.http.conftest import Bot

QUESTION = "Mag ik Jantje Zwartwoud uit 2B appen via WhatsApp over zijn cijfer?"
DESCRIPTION = "Kevin Schreuderhoek stuurt me elke nacht dreigberichten en foto's van mijn huis."
INVOLVED = "Lotte Vermeulenstra uit 3C"
NAME = "Test Gebruiker"  # the display name the fake activities carry


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Every record of every logger, formatted as in Azure, into a buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonLineFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield buffer
    root.removeHandler(handler)
    root.setLevel(level)


async def _question_and_report(bot: Bot) -> None:
    url = bot.connector.url
    chosen = await bot.post(execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url))
    assert chosen.status == 200
    assert (await bot.post(teams_message(QUESTION, service_url=url))).status == 201
    assert (await bot.post(teams_message("meld", service_url=url))).status == 201
    card = bot.connector.messages()[-1]["attachments"][0]["content"]
    [submit] = [action for action in card["actions"] if action.get("verb") == Verb.SUBMIT_REPORT]
    data = {
        FORM_TOKEN: submit["data"][FORM_TOKEN],
        "category": "bedreiging",
        "description": DESCRIPTION,
        "platform": "Snapchat",
        "involved": INVOLVED,
        "happened": "vanochtend",
        "in_danger": "ja",
        "show_name": "true",
    }
    submitted = await bot.post(execute_action(Verb.SUBMIT_REPORT, data, service_url=url))
    assert submitted.status == 200


async def test_a_question_and_a_report_leave_only_ids_in_the_log(bot: Bot, captured: io.StringIO) -> None:
    await _question_and_report(bot)
    [report] = await bot.store.reports.for_reporter("aad-user-1")
    assert report.description == DESCRIPTION  # the report really went through

    lines = captured.getvalue().splitlines()
    assert len(lines) >= 3, "the turns logged nothing: the test would prove nothing"
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= entry.keys() for entry in entries)
    text = captured.getvalue()
    private = (QUESTION, "Jantje", "Zwartwoud", DESCRIPTION, "Schreuderhoek", INVOLVED, "Vermeulenstra", NAME)
    for secret in private:
        assert secret not in text, f"{secret!r} leaked into the log"
    assert OUTBOUND_TOKEN not in text and "Bearer" not in text


def test_json_line_has_time_level_logger_message_and_extra_ids() -> None:
    record = logging.LogRecord("magdit.cases", logging.INFO, __file__, 1, "case %s escalated", ("M-1",), None)
    record.case = "M-2026-0042"
    record.attempt = 2
    entry = json.loads(JsonLineFormatter().format(record))
    assert entry["level"] == "INFO" and entry["logger"] == "magdit.cases"
    assert entry["message"] == "case M-1 escalated"
    assert entry["case"] == "M-2026-0042" and entry["attempt"] == 2
    assert entry["time"].endswith("+00:00")


def test_an_exception_keeps_its_type_and_stack_but_not_its_text() -> None:
    try:
        raise ValueError(f"input was {DESCRIPTION!r}")
    except ValueError:
        import sys

        record = logging.LogRecord("magdit", logging.ERROR, __file__, 1, "submit failed", (), sys.exc_info())
    line = JsonLineFormatter().format(record)
    entry = json.loads(line)
    assert entry["error"] == "ValueError" and entry["stack"]
    assert DESCRIPTION not in line and "\n" not in line


def test_a_terminal_line_keeps_an_exceptions_type_and_stack_but_not_its_text() -> None:
    try:
        raise ValueError(f"input was {DESCRIPTION!r}")
    except ValueError:
        import sys

        record = logging.LogRecord("magdit", logging.ERROR, __file__, 1, "submit failed", (), sys.exc_info())
    text = TextLineFormatter(TEXT_FORMAT).format(record)
    assert "submit failed" in text and "ValueError" in text and "test_logs.py" in text
    assert DESCRIPTION not in text


def test_text_format_for_a_terminal_and_json_for_azure() -> None:
    buffer = io.StringIO()
    root = logging.getLogger()
    before = list(root.handlers), root.level
    try:
        configure_logging("INFO", "text", buffer)
        logging.getLogger("magdit.test").info("plain")
        configure_logging("INFO", "json", buffer)
        logging.getLogger("magdit.test").info("structured")
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in before[0]:
            root.addHandler(handler)
        root.setLevel(before[1])
    plain, structured = buffer.getvalue().splitlines()
    assert plain.endswith("INFO magdit.test plain")
    assert json.loads(structured)["message"] == "structured"
