"""Where a place lies: its chain of containing places, province, country, coordinates.

``place_context(store, iris)`` reads every place on the way up from the given
places (one query with ``schema:containedInPlace*``) and walks the chains in
Python, so the depth of the gazetteer does not matter to the query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.store import Store
from web.events import KB_NS, PREFIXES
from web.sparql_terms import iri_list


@dataclass
class PlaceInfo:
    iri: str
    label: str
    place_type: str | None = None  # CountryPlace, Province, City, District, Site
    parent: str | None = None
    lat: str | None = None
    long: str | None = None
    chain: list["PlaceInfo"] = field(default_factory=list)  # enclosing places, nearest first

    def _first(self, place_type: str) -> "PlaceInfo | None":
        return next((p for p in [self, *self.chain] if p.place_type == place_type), None)

    @property
    def province(self) -> "PlaceInfo | None":
        return self._first("Province")

    @property
    def country(self) -> "PlaceInfo | None":
        return self._first("CountryPlace")

    def name_in_chain(self, inner_label: str | None) -> str:
        """This place's name where it follows ``inner_label`` in a chain: "Kabul, Kabul province,
        Afghanistan", not "Kabul, Kabul, Afghanistan" (a province named after its capital)."""
        if inner_label is not None and self.label == inner_label and self.place_type == "Province":
            return f"{self.label} province"
        return self.label

    @property
    def coordinates(self) -> tuple[str, str] | None:
        """This place's coordinates, else those of the nearest enclosing place that has them."""
        for place in [self, *self.chain]:
            if place.lat is not None and place.long is not None:
                return place.lat, place.long
        return None


def place_context(store: Store, iris: set[str]) -> dict[str, PlaceInfo]:
    if not iris:
        return {}
    rows = store.select(
        PREFIXES
        + f"""SELECT DISTINCT ?place ?label ?type ?parent ?lat ?long WHERE {{
  VALUES ?start {{ {iri_list(sorted(iris))} }}
  ?start schema:containedInPlace* ?place .
  OPTIONAL {{ ?place rdfs:label ?label }}
  OPTIONAL {{ ?place kb:placeType ?type }}
  OPTIONAL {{ ?place schema:containedInPlace ?parent }}
  OPTIONAL {{ ?place wgs:lat ?lat }}
  OPTIONAL {{ ?place wgs:long ?long }}
}}"""
    )
    known: dict[str, PlaceInfo] = {}
    for row in rows:
        iri = row["place"]
        if iri not in known:
            known[iri] = PlaceInfo(iri, row.get("label") or iri)
        place = known[iri]
        place.place_type = place.place_type or (row["type"].removeprefix(KB_NS) if "type" in row else None)
        place.parent = place.parent or row.get("parent")
        if "lat" in row and "long" in row and place.lat is None:
            place.lat, place.long = row["lat"], row["long"]
    for place in known.values():
        seen, step = {place.iri}, place.parent
        while step and step in known and step not in seen:  # a containment cycle must not hang the page
            seen.add(step)
            place.chain.append(known[step])
            step = known[step].parent
    return {iri: known[iri] for iri in iris if iri in known}
