"""The timeline: every event in chronological order, at its real date precision."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.app import get_store
from web.events import list_events

timeline = Blueprint("timeline", __name__)


@timeline.get("/")
def timeline_page():
    newest_first = request.args.get("order") == "newest"
    events = list_events(get_store(), newest_first=newest_first)
    return render_template("timeline.html", events=events, newest_first=newest_first)
