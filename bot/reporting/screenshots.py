"""Screenshots sent in the 1:1 chat after a report: attached to the reporter's latest open case.

Checked by magic bytes, re-encoded without metadata off the event loop (`decoding`), capped in size. For
sexting the bot refuses every image without downloading it: nude images of minors are never collected or
forwarded, not even as evidence (art. 240b Sr). Logs carry case numbers, counts and reasons, never names or
bytes.
"""

from __future__ import annotations

import asyncio
import logging

from bot.conversation.models import AttachmentIn, MessageIn, TurnResult
from bot.conversation.services import Services
from bot.reporting.decoding import ImageBudgetError
from bot.reporting.download import DownloadError, TooLargeError
from bot.reporting.images import CleanImage, NotAnImageError
from bot.reporting.model import AttachmentDraft
from bot.reports.model import Category, Report, Status
from bot.storage import Profile
from bot.texts import Lang, t

log = logging.getLogger(__name__)

IMAGE_FILE_TYPES = frozenset({"png", "jpg", "jpeg", "gif", "webp"})
MAX_PER_MESSAGE = 5
Problem = tuple[str, dict[str, object]]  # the text key of what went wrong with one image, and its values


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
    wanted: list[AttachmentIn] = []
    for attachment in incoming.attachments[:MAX_PER_MESSAGE]:
        if not attachment.needs_token and (attachment.file_type or "").lower() not in IMAGE_FILE_TYPES:
            replies.append(t("shot.wrong_type", lang))
        else:
            wanted.append(attachment)
    problems = await _all(services, profile, case, wanted, incoming)
    saved = problems.count(None)
    replies += [t(problem[0], lang, **problem[1]) for problem in problems if problem is not None]
    if saved:
        replies.insert(0, t("shot.saved", lang, case=case.case_number))
    log.info("screenshots for %s: %d saved, %d refused", case.case_number, saved, len(replies) - bool(saved))
    return TurnResult.say(*dict.fromkeys(replies))  # one line per kind of problem


async def _all(
    services: Services, profile: Profile, case: Report, wanted: list[AttachmentIn], incoming: MessageIn
) -> list[Problem | None]:
    """Each image fetched, cleaned and stored, in the message's order. The next one downloads while this one
    is cleaned, and this one is stored while the next is cleaned: the image worker does not sit idle
    waiting for the network or the database (a pupil's five photos stay well within the turn budget).
    At most two downloads and one decode are in memory at a time."""
    results: list[Problem | None] = []
    fetching: asyncio.Task[bytes | Problem] | None = None
    storing: asyncio.Task[Problem | None] | None = None
    try:
        for position, attachment in enumerate(wanted):
            fetching = fetching or asyncio.ensure_future(_fetched(services, case, attachment, incoming))
            fetched = await fetching
            fetching = None
            if position + 1 < len(wanted):
                coming = wanted[position + 1]
                fetching = asyncio.ensure_future(_fetched(services, case, coming, incoming))
            cleaned = (
                await _cleaned(services, profile, case, fetched) if isinstance(fetched, bytes) else fetched
            )
            if storing is not None:
                results.append(await storing)
                storing = None
            if isinstance(cleaned, CleanImage):
                storing = asyncio.ensure_future(_stored(services, profile, case, cleaned))
            else:
                results.append(cleaned)
        if storing is not None:
            results.append(await storing)
            storing = None
    finally:  # the turn ran out of time or failed: nothing keeps going behind its back
        for task in (fetching, storing):
            if task is not None:
                task.cancel()
    return results


async def _fetched(
    services: Services, case: Report, attachment: AttachmentIn, incoming: MessageIn
) -> bytes | Problem:
    """The file's bytes, or the text key (and values) of why not."""
    if services.files is None:
        return ("shot.failed", {})
    cap = services.screenshot_max_bytes
    try:
        return await services.files.fetch(
            attachment.url,
            service_url=incoming.where.service_url,
            with_token=attachment.needs_token,
            max_bytes=cap,
        )
    except TooLargeError:
        return ("shot.too_big", {"max": cap // (1024 * 1024)})
    except DownloadError as error:
        log.warning("screenshot for %s not fetched: %s", case.case_number, error)
        return ("shot.failed", {})


async def _cleaned(services: Services, profile: Profile, case: Report, data: bytes) -> CleanImage | Problem:
    cap = services.screenshot_max_bytes
    try:
        image = await services.images.clean(profile.user_key, data)
    except ImageBudgetError:
        log.info("screenshot for %s refused: image budget of this minute spent", case.case_number)
        return ("shot.busy", {})
    except NotAnImageError as error:
        log.info("screenshot for %s refused: %s", case.case_number, error)
        return ("shot.wrong_type", {})
    if len(image.data) > cap:
        return ("shot.too_big", {"max": cap // (1024 * 1024)})
    return image


async def _stored(services: Services, profile: Profile, case: Report, image: CleanImage) -> Problem | None:
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
