"""The timeline index: a SQLite file derived from the store that answers the timeline fast at any size.

The store stays the source of truth; the index holds, per event, what the
timeline sorts and filters on (time stamp and bounds, classes, actors, places
with every place containing them, sources, label and quotes for text search)
and the running totals for the month strip and the menus. Its events are the
canonical events of ``kb.merge`` (each real-world event once, with
``kb:sourceCount``); an article's own events (mentions) are not timeline
rows, and an article is found as the source of the canonical events derived
from it. ``web.events``
answers from it when the store it is given carries one (``index_of``), and
with SPARQL otherwise; event details always come from the store.

Where it lives (``index_location``): ``settings.index`` (``KB_INDEX``), else beside an embedded store (``data/kb`` -> ``data/kb.index.sqlite``)
or, for a remote store, in the user's cache folder under a name made from the
query URL. ``KB_INDEX=off`` turns it off.

How it stays right:

* every write through ``IndexedStore`` updates it (kb.index.indexed_store);
* ``with_index`` checks it on open against the store's article graphs and
  content hashes, and its canonical event graphs and source counts, and repairs what differs, or builds it when it is missing,
  belongs to another store or is far behind (kb.index.sync);
* for a remote store, which other machines may write to, ``kb serve`` checks it
  again every ``settings.index_refresh`` seconds (``KB_INDEX_REFRESH``, default 60; 0 = never);
* ``kb index --rebuild`` makes it again from nothing.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from kb.index.database import TimelineIndex, TimelineIndexError
from kb.index.indexed_store import IndexedStore
from kb.index.search import Criteria
from kb.index.sync import SyncReport, heal, rebuild
from kb.store.base import Store

OFF = ("off", "none", "no", "0", "false")


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def index_location(settings, override: str | None = None) -> Path | None:
    """Where the index of ``settings.store`` lives; None when it is turned off."""
    value = (override or settings.index or "").strip()
    if value.lower() in OFF:
        return None
    if value:
        return Path(value).expanduser()
    if is_remote(settings.store):
        cache = Path(settings.cache_dir).expanduser() / "annals"
        digest = hashlib.sha1(settings.store.encode("utf-8")).hexdigest()[:16]
        return cache / f"index-{digest}.sqlite"
    return Path(settings.store.rstrip("/\\") + ".index.sqlite")


def open_index(path: Path) -> TimelineIndex:
    """Open the index file; one made by another version of Annals is deleted and started afresh."""
    try:
        return TimelineIndex(path)
    except TimelineIndexError as error:
        if "another version" not in str(error):
            raise
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return TimelineIndex(path)


def with_index(
    store: Store,
    settings,
    *,
    path: Path | None = None,
    check: bool = True,
    show_progress: bool = True,
    refresh: float | None = None,
) -> Store:
    """``store`` wrapped so that its timeline index is kept in step with it from now on.

    ``check``: compare the index with the store first and repair it (build it
    when missing), as ``kb serve`` does. Without it (commands that only write,
    such as ``kb ingest``), an existing index is kept in step and a missing one
    is left for ``kb serve`` or ``kb index`` to build. ``refresh`` (seconds)
    re-checks in the background, for remote stores.

    Returns ``store`` itself when the index is turned off, missing and not
    checked, or cannot be opened (the timeline then answers with SPARQL; a
    warning says why).
    """
    path = path or index_location(settings)
    if path is None or (not check and not path.exists()):
        return store
    try:
        index = open_index(path)
    except (TimelineIndexError, OSError) as error:
        print(f"warning: no timeline index ({error}); the timeline will use SPARQL", file=sys.stderr, flush=True)
        return store
    if check:
        try:
            report = heal(index, store, show_progress=show_progress)
        except BaseException:
            index.close()
            raise
        if show_progress and (report.rebuilt or report.repaired or report.removed or report.unmerged):
            print(report.summary(path), file=sys.stderr, flush=True)
    wrapped = IndexedStore(store, index)
    if refresh:
        wrapped.refresh_every(refresh)
    return wrapped


def index_of(store: Store) -> TimelineIndex | None:
    """The timeline index a store carries, if any."""
    return getattr(store, "timeline_index", None) if isinstance(store, IndexedStore) else None


__all__ = [
    "Criteria",
    "TimelineIndexError",
    "IndexedStore",
    "SyncReport",
    "TimelineIndex",
    "heal",
    "index_location",
    "index_of",
    "open_index",
    "rebuild",
    "with_index",
]
