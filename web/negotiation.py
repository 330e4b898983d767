"""HTTP content negotiation: the ``Accept`` header with q-values and wildcards.

``best_type(accept, offered)`` follows RFC 9110 §12.5.1: each offered type
takes the quality of the most specific media range that matches it
(``text/csv`` before ``text/*`` before ``*/*``); a quality of 0 means "not
acceptable"; among equal qualities the server's order of preference (the order
of ``offered``) decides. No header at all accepts anything.

Media type parameters other than ``q`` (``charset=utf-8``) are ignored when
matching: every body this app sends is UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    quality: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped."""
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, slash, sub = fields[0].lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(kind, sub, quality))
    return ranges


def quality_of(media_type: str, ranges: Sequence[MediaRange]) -> float:
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    most_specific = max(r.specificity for r in matching)
    return max(r.quality for r in matching if r.specificity == most_specific)


def best_type(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client likes best, or None if it accepts none."""
    ranges = parse_accept(accept)
    if not accept or not accept.strip() or not ranges:
        return offered[0] if offered else None
    best, best_quality = None, 0.0
    for media_type in offered:
        quality = quality_of(media_type, ranges)
        if quality > best_quality:
            best, best_quality = media_type, quality
    return best


def prefers_html(accept: str | None, others: Sequence[str]) -> bool:
    """True when a client (a browser) ranks HTML at least as high as every other offer."""
    ranges = parse_accept(accept)
    if not ranges:
        return False
    html = max(quality_of("text/html", ranges), quality_of("application/xhtml+xml", ranges))
    if html == 0:
        return False
    # Only an explicit text/html counts: "*/*" alone is a program, not a browser.
    explicit = any(r.type == "text" and r.subtype == "html" or r.subtype == "xhtml+xml" for r in ranges)
    return explicit and all(html >= quality_of(other, ranges) for other in others)
