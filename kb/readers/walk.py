"""Which files a list of command-line paths stands for.

- A file named explicitly is yielded whatever its extension or name (hidden
  or not): if ``read_source`` cannot read it, that is reported, not skipped.
  A path that does not exist is yielded too, so it is reported as well.
- A folder is walked recursively, entries sorted by name (code point order,
  files and subfolders interleaved), so runs are reproducible. Inside it,
  hidden files and folders (names starting with ".") are skipped, and so are
  files whose extension no reader knows (images, PDFs, notes beside the
  articles); symbolic links to folders are not followed (no cycles), links to
  files are.
  A subfolder that cannot be listed is yielded, so reading it reports why.
- A file reached twice (named twice, or named and inside a named folder) is
  yielded once, at its first appearance.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kb.readers.formats import SUPPORTED_EXTENSIONS


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files ``paths`` stand for, in order (see the module docstring)."""
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        candidates = _walk(path, SUPPORTED_EXTENSIONS) if path.is_dir() else iter((path,))
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(folder: Path, extensions: frozenset[str]) -> Iterator[Path]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path, extensions)
            elif entry.is_file() and path.suffix.lower() in extensions:
                yield path
        except OSError:
            continue
