"""An article's text as HTML with every evidence span highlighted and linked to its event.

The text is cut at every span boundary; each piece is escaped on its own and
wrapped in ``<mark>`` when spans cover it, so overlapping and nested spans
need no nested links: a piece covered by one event links to it, and at the
end of every span a numbered reference ``[n]`` links to that span's event.
Offsets count characters (code points) of the text, as ``nif:beginIndex`` and
``nif:endIndex`` do; spans outside the text are left out and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    begin: int
    end: int
    event: str  # event IRI
    number: int  # the event's number on the page, for [n]
    href: str  # where the highlight links (the event, or the canonical event it is part of)
    anchor: str  # id of the span's start, for links into the text
    title: str = ""
    ref_href: str | None = None  # where the number [n] links (default: href)


def highlight(text: str, spans: list[Span]) -> tuple[Markup, int]:
    """(HTML of the text, number of spans that did not fit the text)."""
    valid = [s for s in spans if 0 <= s.begin < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.begin for s in valid), *(s.end for s in valid)})
    html: list[str] = []
    for start, stop in zip(cuts, cuts[1:]):
        for span in (s for s in valid if s.begin == start):
            html.append(f'<span class="anchor" id="{escape(span.anchor)}"></span>')
        piece = escape(text[start:stop])
        covering = [s for s in valid if s.begin <= start and stop <= s.end]
        events = list(dict.fromkeys(s.event for s in covering))
        if not covering:
            html.append(str(piece))
        elif len(events) == 1:
            span = covering[0]
            html.append(
                f'<mark class="evidence"><a href="{escape(span.href)}" title="{escape(span.title)}">{piece}</a></mark>'
            )
        else:
            html.append(f'<mark class="evidence overlap" title="{len(events)} events">{piece}</mark>')
        for span in (s for s in valid if s.end == stop):
            html.append(
                f'<sup class="ref"><a href="{escape(span.ref_href or span.href)}" title="{escape(span.title)}">'
                f'[{span.number}]</a></sup>'
            )
    return Markup("".join(html)), len(spans) - len(valid)
