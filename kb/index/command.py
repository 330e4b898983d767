"""``kb index``: check, repair or rebuild the timeline index of a store.

    kb index                 check the index against the store and repair what differs
    kb index --rebuild       make it again from nothing (reads the whole store)
    kb index --path FILE     an index somewhere else than beside the store

The check is what ``kb serve`` does on start; running it beforehand (after
writing to the store with another tool, say) makes the server start at once.
"""

from __future__ import annotations

import argparse
import sys

from kb.store.base import StoreError

HELP = "check, repair or rebuild the timeline index"
DESCRIPTION = (
    "The timeline index is a SQLite file derived from the store (beside an embedded\n"
    "store: data/kb -> data/kb.index.sqlite; elsewhere with --path or KB_INDEX) that\n"
    "answers the timeline fast at any size. Every kb command that writes keeps it in\n"
    "step, and kb serve checks it on start; this command does that check now, or\n"
    "rebuilds it from the whole store with --rebuild.\n\n"
    "  kb index\n  kb index --rebuild"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="make the index again from the whole store")
    parser.add_argument("--path", metavar="FILE", help="the index file (default: beside the store, or $KB_INDEX)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display")


def run(args: argparse.Namespace, settings, store) -> int:
    """The command's work, given the parsed arguments, the settings and an open store."""
    from kb.index import heal, index_location, open_index, rebuild
    from kb.index.database import TimelineIndexError

    path = index_location(settings, override=args.path)
    if path is None:
        raise StoreError("the timeline index is turned off (KB_INDEX=off); give --path FILE to make one anyway")
    try:
        index = open_index(path)
    except (TimelineIndexError, OSError) as error:
        raise StoreError(str(error)) from None
    try:
        if args.rebuild:
            report = rebuild(index, store, show_progress=not args.quiet)
        else:
            report = heal(index, store, show_progress=not args.quiet)
    finally:
        index.close()
    print(report.summary(path), file=sys.stderr)
    return 0
