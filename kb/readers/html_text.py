"""Plain text from the HTML fragments feeds carry in their content and summaries.

Whole pages go through trafilatura (``html.py``); a feed entry's content is
already the article body, so it only needs its tags removed. The text follows
how a browser shows it: runs of HTML whitespace become one space, a block
element (paragraph, heading, list item, ...) starts a new paragraph separated
by a blank line, ``<br>`` starts a new line, character references are decoded,
and scripts and styles are dropped. ``<pre>`` is not treated specially.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    "address article aside blockquote caption dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
SKIPPED_TAGS = frozenset(("script", "style", "template", "noscript", "head", "title"))
# Only ASCII whitespace collapses in HTML: a no-break space stays.
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


def html_to_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return collector.text()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._paragraphs: list[str] = []
        self._lines: list[str] = []
        self._pieces: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "br":
            self._end_line()
        elif tag in BLOCK_TAGS:
            self._end_paragraph()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._end_line()
        elif tag in BLOCK_TAGS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._pieces.append(data)

    def _end_line(self) -> None:
        line = _HTML_WHITESPACE.sub(" ", "".join(self._pieces)).strip(" ")
        self._pieces = []
        if line:
            self._lines.append(line)

    def _end_paragraph(self) -> None:
        self._end_line()
        if self._lines:
            self._paragraphs.append("\n".join(self._lines))
        self._lines = []

    def text(self) -> str:
        self._end_paragraph()
        return "\n\n".join(self._paragraphs)
