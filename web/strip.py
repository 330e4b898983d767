"""The month strip above the timeline: events per month by family, as SVG geometry.

Every month between the first and the last one with events gets a column (an
empty month is a gap, not a missing column), the attack family stacked under
the negotiation family, scaled to the busiest month. ``Strip.svg`` draws it,
each column a link to the timeline for that month (``month_link``).

The SVG is written here rather than in a Jinja template: a strip of a few
decades has hundreds of columns of three elements each, and a template spent
some 20 ms a page escaping their numbers (a fifth of a timeline page's time).
Only the titles and URLs are text; they are escaped.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from markupsafe import Markup

from web.events import FAMILIES, MonthCount
from web.formatting import month_title

WIDTH = 960
BAR_AREA = 72  # pixels for the tallest column
AXIS = 16  # pixels under the columns for year labels
MAX_COLUMN = 24


@dataclass(frozen=True)
class Segment:
    family: str
    y: float
    height: float
    count: int


@dataclass
class Column:
    month: str
    x: float
    width: float
    segments: list[Segment] = field(default_factory=list)
    total: int = 0

    @property
    def first_day(self) -> str:
        return f"{self.month}-01"

    @property
    def last_day(self) -> str:
        year, month = int(self.month[:4]), int(self.month[5:7])
        return f"{self.month}-{calendar.monthrange(year, month)[1]:02d}"

    @property
    def title(self) -> str:
        counts = {s.family: s.count for s in self.segments}
        attacks, talks = counts.get("Attack", 0), counts.get("Negotiation", 0)
        return (
            f"{month_title(self.month)}: {attacks} attack{'s' if attacks != 1 else ''}, "
            f"{talks} negotiation event{'s' if talks != 1 else ''}"
        )


@dataclass
class Strip:
    columns: list[Column]
    year_labels: list[tuple[float, str]]
    width: int = WIDTH
    height: int = BAR_AREA + AXIS + 4
    busiest: int = 0

    def svg(self, month_url: Callable[[Column], str]) -> Markup:
        """The strip as inline SVG, each month with events a link to ``month_url(column)``."""
        parts = [
            f'<svg class="strip" role="img" aria-labelledby="strip-title" viewBox="0 0 {self.width} {self.height}"'
            ' preserveAspectRatio="xMinYMid meet" xmlns="http://www.w3.org/2000/svg">',
            '<title id="strip-title">Events per month: attacks in red, negotiation events in blue;'
            f' the busiest month has {self.busiest}</title>',
            f'<line class="axis" x1="0" y1="{BAR_AREA + 0.5}" x2="{self.width}" y2="{BAR_AREA + 0.5}"/>',
        ]
        for column in self.columns:
            if not column.total:
                continue
            x, width = column.x, column.width
            parts.append(f'<a href="{escape(month_url(column))}"><g class="month"><title>{escape(column.title)}</title>'
                         f'<rect class="hit" x="{x}" y="0" width="{width}" height="{BAR_AREA}"/>')
            parts += [f'<rect class="bar {segment.family.lower()}" x="{x}" y="{segment.y}" width="{width}"'
                      f' height="{segment.height}"/>' for segment in column.segments]
            parts.append("</g></a>")
        parts += [f'<text class="year" x="{x}" y="{self.height - 4}">{escape(year)}</text>' for x, year in self.year_labels]
        parts.append("</svg>")
        return Markup("\n".join(parts))


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


def build_strip(counts: list[MonthCount]) -> Strip | None:
    valid = [c for c in counts if len(c.month) == 7 and c.month[4] == "-" and c.month[:4].isdigit()]
    if not valid:
        return None
    by_month: dict[str, dict[str, int]] = {}
    for c in valid:
        by_month.setdefault(c.month, {})[c.family] = c.count
    months = _months_between(min(by_month), max(by_month))
    busiest = max(sum(families.values()) for families in by_month.values())
    step = min(WIDTH / len(months), MAX_COLUMN)  # a few months must not fill the width
    gap = 1 if step >= 4 else 0
    columns, labels = [], []
    years_shown = max(1, round(len(months) / 12 / 12))  # at most ~12 year labels
    for i, month in enumerate(months):
        column = Column(month, round(i * step, 2), round(max(step - gap, 1), 2))
        bottom = float(BAR_AREA)
        for family in FAMILIES:
            count = by_month.get(month, {}).get(family, 0)
            if count:
                height = max(count / busiest * BAR_AREA, 1.5)
                bottom -= height
                column.segments.append(Segment(family, round(bottom, 2), round(height, 2), count))
                column.total += count
        columns.append(column)
        year = int(month[:4])
        if (month.endswith("-01") or i == 0) and year % years_shown == 0 and not (labels and labels[-1][1] == month[:4]):
            labels.append((column.x, month[:4]))
    return Strip(columns, labels, busiest=busiest)


def month_link(base_url: str, params: list[tuple[str, str]]) -> Callable[[Column], str]:
    """``column -> URL`` of the timeline for that month: ``base_url`` with ``params`` and the month's dates.

    A strip has a column per month (hundreds over a few decades): the URL is
    built once and each column only appends its dates, where ``url_for`` per
    column was a sixth of the server's time under load. Any ``from``/``to``
    among ``params`` gives way to the month's.
    """
    kept = [(name, value) for name, value in params if name not in ("from", "to")]
    prefix = f"{base_url}?{urlencode(kept)}&" if kept else f"{base_url}?"

    def url(column: Column) -> str:
        return f"{prefix}from={column.first_day}&to={column.last_day}"

    return url
