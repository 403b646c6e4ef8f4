"""Images decoded and re-encoded off the event loop, a few at a time and fairly between people.

Decoding a large photo is a fraction of a second to seconds of CPU and up to hundreds of MB: on the event
loop it stalls every other person's turn. Here it runs on a small thread pool at a lower priority than the
event loop (Pillow releases the GIL while it decodes, scales and, into a file, encodes: `images._encoded`),
at most `workers` images at once (which bounds memory, with `images.MAX_SIDE`), one image per person at a
time (so one pupil's ten photos never queue ahead of someone else's one), and within a budget of pixels
per person per minute, past which an image is refused with a friendly word. The budget lives in this
process only: it sheds load, nothing that matters depends on it. A leader's preview of a stored screenshot
(`bot.leadership.screenshots`) takes its turn on the same worker, outside any budget.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot.reporting.images import CleanImage, clean_image, pixel_count

log = logging.getLogger(__name__)
T = TypeVar("T")

WINDOW_SECONDS = 60.0
# How much nicer the decoding threads are: on a busy machine the event loop's turns (milliseconds each) get
# most of the CPU, the photos (hundreds of milliseconds) about a quarter of a contended CPU. 10 (a tenth)
# starved them on a saturated 2-CPU bench: a pupil's five photos ran past the turn budget, 'niet verzonden'.
WORKER_NICENESS = 5


class _Turn:
    """One person's place in line: their images are cleaned one after the other."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class ImageBudgetError(Exception):
    """This person had more image pixels decoded in the last minute than the budget allows."""


class ImageCleaner:
    """`clean(user_key, data)`: `images.clean_image` on a worker thread, within the limits above."""

    def __init__(
        self,
        *,
        workers: int = 1,
        pixels_per_minute: int = 250_000_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="image", initializer=_lower_priority
        )
        self._slots = asyncio.Semaphore(workers)
        self._budget = pixels_per_minute
        self._clock = clock
        self._spent: dict[str, deque[tuple[float, int]]] = {}
        self._turns: dict[str, _Turn] = {}

    async def clean(self, user_key: str, data: bytes) -> CleanImage:
        """Raises `images.NotAnImageError` like `clean_image`, and ImageBudgetError past the budget."""
        self._spend(user_key, pixel_count(data))
        turn = self._turns.setdefault(user_key, _Turn())
        turn.users += 1
        try:
            async with turn.lock:
                return await self.run(clean_image, data)
        finally:
            turn.users -= 1
            if not turn.users:
                del self._turns[user_key]

    async def run(self, work: Callable[[bytes], T], data: bytes) -> T:
        """`work(data)` on a worker thread in turn with every other image of this process (a leader's
        preview of a stored screenshot, as well as `clean`): never more than `workers` decodes at once."""
        async with self._slots:
            return await asyncio.get_running_loop().run_in_executor(self._executor, work, data)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _spend(self, user_key: str, pixels: int) -> None:
        now = self._clock()
        spent = self._spent.setdefault(user_key, deque())
        while spent and now - spent[0][0] >= WINDOW_SECONDS:
            spent.popleft()
        if spent and sum(count for _, count in spent) + pixels > self._budget:
            raise ImageBudgetError("image budget spent for this minute")
        spent.append((now, pixels))
        if len(self._spent) > 10_000:
            stale = [
                key for key, hits in self._spent.items() if not hits or now - hits[-1][0] >= WINDOW_SECONDS
            ]
            for key in stale:
                del self._spent[key]


def _lower_priority() -> None:
    """Make the calling worker thread WORKER_NICENESS nicer than the thread that started it. Linux keeps
    a nice value per thread (setpriority on the thread id); elsewhere it is per process, so nothing is
    changed there."""
    if sys.platform != "linux":
        return
    thread = threading.get_native_id()
    try:
        niceness = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, niceness + WORKER_NICENESS))
    except OSError as error:  # not allowed (a seccomp profile): the photos still decode, at normal priority
        log.warning("image worker priority not lowered: %s", type(error).__name__)
