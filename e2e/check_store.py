"""After the end-to-end run: the 👍 pressed in the Teams client is stored, for the answer's article.

Usage: python e2e/check_store.py <DATABASE_URL>   (exit 1 when the feedback is missing)
"""

from __future__ import annotations

import asyncio
import sys

from bot.storage import open_store

SCHOOL = "de-breul"
ARTICLE = "de-breul:A.1"


async def check(database_url: str) -> int:
    store = await open_store(database_url)
    try:
        counts = await store.feedback.feedback_counts(SCHOOL)
    finally:
        await store.close()
    useful = {article: (yes, no) for article, yes, no in counts}
    if useful.get(ARTICLE) != (1, 0):
        print(f"e2e: expected one 👍 stored for {ARTICLE}, the store has {counts}", file=sys.stderr)
        return 1
    print(f"e2e: feedback stored: {ARTICLE} 👍 1, 👎 0")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(check(sys.argv[1])))
