"""Screenshots sent in the 1:1 chat after a report: attached to the reporter's latest open case.

Checked by magic bytes, re-encoded without metadata off the event loop (`decoding`), capped in size. For
sexting the bot refuses every image without downloading it: nude images of minors are never collected or
forwarded, not even as evidence (art. 240b Sr). Logs carry case numbers, counts and reasons, never names or
bytes.
"""

from __future__ import annotations

import logging

from bot.conversation.models import MessageIn, TurnResult
from bot.conversation.services import Services
from bot.reporting.decoding import ImageBudgetError
from bot.reporting.download import DownloadError, TooLargeError
from bot.reporting.images import NotAnImageError
from bot.reporting.model import AttachmentDraft
from bot.reports.model import Category, Report, Status
from bot.storage import Profile
from bot.texts import Lang, t

log = logging.getLogger(__name__)

IMAGE_FILE_TYPES = frozenset({"png", "jpg", "jpeg", "gif", "webp"})
MAX_PER_MESSAGE = 5


async def latest_open_case(services: Services, user_key: str) -> Report | None:
    mine = await services.store.reports.for_reporter(user_key)
    return next((report for report in mine if report.status != Status.AFGESLOTEN), None)


async def receive(services: Services, profile: Profile, incoming: MessageIn, lang: Lang) -> TurnResult:
    if incoming.where.kind != "personal":
        return TurnResult.say(t("shot.private", lang))
    case = await latest_open_case(services, profile.user_key)
    if case is None:
        return TurnResult.say(t("shot.no_case", lang))
    if case.category == Category.SEXTING:
        await services.store.reports.record_refusal(
            case.id, profile.user_key, "screenshot", {"reason": "sexting", "count": len(incoming.attachments)}
        )
        log.info("screenshots refused for %s: category sexting (not downloaded)", case.case_number)
        return TurnResult.say(t("shot.sexting", lang))
    replies: list[str] = []
    saved = 0
    for attachment in incoming.attachments[:MAX_PER_MESSAGE]:
        if not attachment.needs_token and (attachment.file_type or "").lower() not in IMAGE_FILE_TYPES:
            replies.append(t("shot.wrong_type", lang))
            continue
        problem = await _one(services, profile, case, attachment.url, attachment.needs_token, incoming)
        if problem is None:
            saved += 1
        else:
            replies.append(t(problem[0], lang, **problem[1]))
    if saved:
        replies.insert(0, t("shot.saved", lang, case=case.case_number))
    log.info("screenshots for %s: %d saved, %d refused", case.case_number, saved, len(replies) - bool(saved))
    return TurnResult.say(*dict.fromkeys(replies))  # one line per kind of problem


async def _one(
    services: Services, profile: Profile, case: Report, url: str, needs_token: bool, incoming: MessageIn
) -> tuple[str, dict[str, object]] | None:
    """Fetch, clean and store one image; the text key (and values) of the problem, or None when stored."""
    if services.files is None:
        return ("shot.failed", {})
    cap = services.screenshot_max_bytes
    try:
        data = await services.files.fetch(
            url, service_url=incoming.where.service_url, with_token=needs_token, max_bytes=cap
        )
        image = await services.images.clean(profile.user_key, data)
    except ImageBudgetError:
        log.info("screenshot for %s refused: image budget of this minute spent", case.case_number)
        return ("shot.busy", {})
    except TooLargeError:
        return ("shot.too_big", {"max": cap // (1024 * 1024)})
    except NotAnImageError as error:
        log.info("screenshot for %s refused: %s", case.case_number, error)
        return ("shot.wrong_type", {})
    except DownloadError as error:
        log.warning("screenshot for %s not fetched: %s", case.case_number, error)
        return ("shot.failed", {})
    if len(image.data) > cap:
        return ("shot.too_big", {"max": cap // (1024 * 1024)})
    try:
        await services.store.reporting.add_attachment(
            AttachmentDraft(
                report_id=case.id,
                uploader_key=profile.user_key,
                content_type=image.content_type,
                width=image.width,
                height=image.height,
                data=image.data,
            )
        )
    except Exception as error:  # the store is down or the case was erased meanwhile
        log.error("screenshot for %s not stored: %s", case.case_number, type(error).__name__)
        return ("shot.failed", {})
    return None
