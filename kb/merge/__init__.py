"""Issue 7: one event and one actor per real-world thing, with every source kept.

The article graphs keep what each article said, unchanged; this package
derives from them, and keeps in step, one **canonical event** per real-world
incident (``{base}event/{id}`` in its own graph ``{base}graph/events/{id}``,
full type chain, ``prov:wasDerivedFrom`` every article, each article's
evidence and casualty reports, ``kb:sourceCount``), linked from every
article-level event by ``kb:canonicalEvent``; and one IRI per person across
articles (``{base}graph/persons/{surname}``). ``docs/merging.md`` explains the
design and its choices.

    from kb.merge import update_merged_events, rebuild_merged_events
    update_merged_events(store, ["https://w3id.org/annals/id/article/x"])  # after writing or removing it
    rebuild_merged_events(store)                                           # everything, from scratch

Modules, one job each: ``fetch`` (reading the store), ``mentions`` (plain
data), ``blocking`` (which pairs to compare), ``actors`` (actor identity),
``compatibility`` (may two mentions be one event, and how alike are they),
``cluster`` (grouping), ``build`` (the canonical event), ``update`` (keeping
the derived graphs in step), ``queries`` (what the web app asks),
``validation`` (SHACL for canonical graphs).
"""

from kb.merge.terms import CANONICAL_EVENT, SOURCE_COUNT
from kb.merge.update import MergeSummary, rebuild_merged_events, update_merged_events

__all__ = [
    "update_merged_events", "rebuild_merged_events", "MergeSummary",
    "CANONICAL_EVENT", "SOURCE_COUNT",
]
