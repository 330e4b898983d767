"""How values look on pages: dates at their real precision, class names, counts."""

from __future__ import annotations

import re
from datetime import date

PRECISIONS = {
    "http://www.w3.org/2006/time#unitDay": "day",
    "http://www.w3.org/2006/time#unitWeek": "week",
    "http://www.w3.org/2006/time#unitMonth": "month",
    "http://www.w3.org/2006/time#unitYear": "year",
    "https://w3id.org/annals/ns#Unanchored": "unanchored",
}


def precision_name(precision: str | None) -> str:
    """"day", "week", "month", "year" or "unanchored"."""
    return PRECISIONS.get(precision or "", precision or "unanchored")


def human_date(stamp: str | None, precision: str | None) -> str:
    """"30 May 2018", "week of 28 May 2018", "February 2018", "2016", "reported 31 May 2018"."""
    unit = precision_name(precision)
    if not stamp:
        return "date unknown"
    try:
        day = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    long_day = f"{day.day} {day:%B %Y}"
    if unit == "day":
        return long_day
    if unit == "week":
        return f"week of {long_day}"
    if unit == "month":
        return f"{day:%B %Y}"
    if unit == "year":
        return str(day.year)
    return f"reported {long_day}"


def month_title(month: str) -> str:
    """"2018-05" -> "May 2018"."""
    try:
        return f"{date.fromisoformat(month + '-01'):%B %Y}"
    except ValueError:
        return month


def local_name(iri: str | None) -> str:
    if not iri:
        return ""
    return re.split(r"[#/]", iri)[-1]


def class_title(iri: str | None) -> str:
    """``…#ArmedAssault`` -> ``Armed assault``."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", local_name(iri)).lower()
    return words[:1].upper() + words[1:]


def thousands(number: int | None) -> str:
    return "" if number is None else f"{number:,}"


def register_filters(app) -> None:
    from web.links import local_href

    app.jinja_env.filters["human_date"] = human_date
    app.jinja_env.filters["month_title"] = month_title
    app.jinja_env.filters["local_name"] = local_name
    app.jinja_env.filters["class_title"] = class_title
    app.jinja_env.filters["thousands"] = thousands
    app.jinja_env.filters["href"] = local_href
    app.jinja_env.filters["precision_name"] = precision_name
