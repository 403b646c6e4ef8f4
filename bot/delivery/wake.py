"""The enqueue hook: a view of the Store whose outbox-writing calls wake this process's worker.

`ReportStore.submit`/`.apply`, `LeadershipStore.add_entry`, `QuestionStore.forward`/`.answer`,
`OverviewStore.remind` and `OutboxStore.enqueue` write outbox messages in their own transaction; once
such a call returns, the messages are committed and the worker can send them at once instead of at its
next poll. Everything else passes straight through; a wake-up that finds nothing due costs one claim
query. The view is dynamic so that store methods added later keep working.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

from bot.storage.base import Store

Wake = Callable[[], None]

SUB_STORES = frozenset({"reports", "outbox", "leadership", "questions", "overview"})
ENQUEUING_METHODS = frozenset(
    {"submit", "apply", "enqueue", "add_entry", "forward", "answer", "requeue", "remind"}
)


class _Waking:
    def __init__(self, inner: object, wake: Wake, *, top: bool) -> None:
        self._inner = inner
        self._wake = wake
        self._top = top

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if self._top:
            return _Waking(attribute, self._wake, top=False) if name in SUB_STORES else attribute
        if name not in ENQUEUING_METHODS:
            return attribute
        method = cast(Callable[..., Awaitable[Any]], attribute)

        async def waking(*args: Any, **kwargs: Any) -> Any:
            result = await method(*args, **kwargs)
            self._wake()
            return result

        return waking


def waking_store(store: Store, wake: Wake) -> Store:
    """`store`, with `wake()` called after every successful call that enqueues outbox messages."""
    return cast(Store, _Waking(store, wake, top=True))
