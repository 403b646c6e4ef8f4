"""A cache of parsed rules files, keyed by their content: YAML parsing is most of the start-up time.

Parsing the five schools' YAML takes about 200 ms; reading the same data back as JSON takes under 10.
The key is a hash of the file's bytes (and of this cache's format), so an edited file is parsed again;
the parsed data is still validated on every load, so a cache can never let a broken file through.
Where the cache folder cannot be written, loading simply parses every time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_FORMAT = b"magdit-parsed-rules-1\0"


def cache_folder() -> Path:
    """MAGDIT_CACHE_DIR, else $XDG_CACHE_HOME/magdit, else ~/.cache/magdit."""
    explicit = os.environ.get("MAGDIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "magdit"


def parsed(content: bytes, parse: Callable[[bytes], Any], folder: Path | None = None) -> Any:
    """`parse(content)`, or the same data read back from an earlier parse of identical content."""
    folder = folder or cache_folder()
    entry = folder / f"{hashlib.sha256(_FORMAT + content).hexdigest()}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = parse(content)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False) as handle:
            json.dump(data, handle, ensure_ascii=False)
        Path(handle.name).replace(entry)
    except (OSError, TypeError, ValueError):
        log.debug("parsed rules not cached in %s", folder)
    return data
