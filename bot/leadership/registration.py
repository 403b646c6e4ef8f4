"""`@Mag dit? meldingen hier` in a team channel: make it the school's report channel.

Only an authorised leader (settings, by Entra object id) may do it; shared channels are refused,
because people outside the team read along. Refusals change nothing and are audited. Registering (again)
sends the school's channel messages that died (403/404) or waited for a channel, oldest first.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from bot.conversation.models import MessageIn, TurnResult
from bot.conversation.services import Services
from bot.leadership.model import REPORTS_ROUTE, ChannelRegistration
from bot.leadership.views import LeaderDirectory
from bot.observability import log_value
from bot.reports.states import leadership_key
from bot.texts import Lang, t

log = logging.getLogger(__name__)

COMMAND = re.compile(r"^\s*/?meldingen\s+hier\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
ACTION = "meldingen_hier"


def is_registration(text: str) -> bool:
    return COMMAND.match(text) is not None


async def register_channel(
    services: Services, directory: LeaderDirectory, incoming: MessageIn, lang: Lang
) -> TurnResult:
    actor = incoming.sender.aad_object_id or incoming.sender.user_key
    where = incoming.where
    match = COMMAND.match(incoming.text)
    words = match.group("rest").lower().split() if match else []

    async def refuse(reason: str, text: str) -> TurnResult:
        await services.store.reports.record_refusal(None, actor, ACTION, {"reason": reason})
        log.info("channel registration refused: %s (activity %s)", reason, log_value(incoming.activity_id))
        return TurnResult.say(text)

    if where.kind != "channel" or not where.service_url:
        return await refuse("not_a_channel", t("register.not_channel", lang))
    if where.shared_channel:
        return await refuse("shared_channel", t("register.shared", lang))
    mine = [
        school
        for school in services.tenant_schools(where.tenant_id)
        if directory.is_leader(school, incoming.sender.aad_object_id)
    ]
    if not mine:
        return await refuse("not_leader", t("register.not_leader", lang))
    named = [school for school in mine if school in words]
    if len(mine) > 1 and len(named) != 1:
        return TurnResult.say(t("register.which_school", lang, schools=", ".join(mine)))
    school = named[0] if named else mine[0]
    routes = set(directory.routes_for_school(school))
    asked = [word for word in words if word != school]
    if len(asked) > 1 or (asked and asked[0] not in routes):
        return TurnResult.say(t("register.unknown_route", lang, routes=", ".join(sorted(routes)) or "—"))
    route = asked[0] if asked else REPORTS_ROUTE
    channel_id = where.channel_id or where.conversation_id.split(";", 1)[0]
    await services.store.leadership.register_channel(
        ChannelRegistration(
            school=school,
            route=route,
            conversation={
                "service_url": where.service_url,
                "conversation_id": channel_id,
                "tenant_id": where.tenant_id,
                "bot_id": where.bot_id,
            },
            team_id=where.team_id,
            registered_by=actor,
            registered_at=datetime.now(UTC),
        )
    )
    log.info("report channel registered: school=%s route=%s team=%s", school, route, log_value(where.team_id))
    requeued = await _requeue_waiting(services, school)
    name = services.rules.school(school).school.name if school in services.rules.slugs else school
    if route == REPORTS_ROUTE:
        done = t("register.done", lang, school=name)
    else:
        categories = ", ".join(t(f"case.category.{c}") for c in directory.route_categories(school, route))
        done = t("register.done_route", lang, school=name, categories=categories)
    if requeued:
        done += "\n\n" + t("register.requeued", lang, count=len(requeued))
    return TurnResult.say(done)


async def _requeue_waiting(services: Services, school: str) -> list[int]:
    """The school's channel messages that died (403/404: the bot was removed, the channel deleted) or wait
    for a channel are sent again now, oldest first: a pupil was told their report reaches the school."""
    try:
        requeued = await services.store.outbox.requeue(
            datetime.now(UTC), conversation_key=leadership_key(school)
        )
    except Exception as error:  # registered all the same; `python -m bot outbox retry` can do it later
        log.error("outbox requeue for school %s failed: %s", school, type(error).__name__)
        return []
    if requeued:
        log.warning(
            "outbox: %d message(s) of school %s requeued after channel registration: ids %s",
            len(requeued),
            school,
            ",".join(str(message_id) for message_id in requeued),
        )
    return requeued
