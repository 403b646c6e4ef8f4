"""The request body as JSON, refused cheaply when it is not JSON or nests deeper than an activity does.

`json.loads` raises RecursionError near a thousand levels, and msrest, pydantic and `json.dumps` recurse
again later: a body nested thousands of levels deep gave HTTP 500 and a stack trace. No activity Teams
sends nests beyond a handful of levels (`value.action.data`, `channelData.team`), so anything deeper
than `MAX_DEPTH` is a 400 before any other code sees it.
"""

from __future__ import annotations

import json
from typing import Any

from bot.errors import BadActivityError

MAX_DEPTH = 32


def json_body(raw: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed body; BadActivityError when it is not JSON or nests deeper than `max_depth`."""
    try:
        body = json.loads(raw)
    except RecursionError:
        raise BadActivityError("body nests too deep") from None
    except (ValueError, UnicodeDecodeError):  # JSONDecodeError is a ValueError
        raise BadActivityError("body is not JSON") from None
    if nests_deeper_than(body, max_depth):
        raise BadActivityError("body nests too deep")
    return body


def nests_deeper_than(value: Any, max_depth: int) -> bool:
    """Whether objects and arrays in `value` nest more than `max_depth` levels (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
