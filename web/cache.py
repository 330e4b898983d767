"""A small time-limited memo for answers that are costly and may lag a little.

The filter menus (the actors and places in the most events) cost a grouped
query over every event; they are kept for ``seconds`` per app, so a reader
paging through the timeline pays for them once a minute, not on every page.
A new article shows up in the menus at most that much later.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, TypeVar

from flask import current_app

T = TypeVar("T")
_lock = threading.Lock()


def remembered(key: str, seconds: float, compute: Callable[[], T]) -> T:
    memo = current_app.extensions.setdefault("kb_memo", {})
    now = time.monotonic()
    with _lock:
        hit = memo.get(key)
        if hit and now - hit[0] < seconds:
            return hit[1]
    value = compute()
    with _lock:
        memo[key] = (now, value)
    return value
