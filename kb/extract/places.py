"""Places: place names and descriptions resolved to gazetteer places, and each event's place.

``PlaceResolver`` resolves the place mentions of one document and remembers the places used. It
is made of parts with one job each, in their own modules:

* ``story_country`` (``StoryCountry``): the article's country context (countries, demonyms,
  armed groups of one country and unambiguous places vote; the dateline counts as two mentions),
  the dateline's place, and the choice among a name's readings by that context, population and
  designator; a name whose every reading lies abroad is a local namesake ("Lido beach" in a
  Mogadishu story).
* ``place_names`` (``PlaceNames``): a named entity to a place key: seats of government ("the
  Kremlin" -> Moscow), parts of a town, bearings ("north of Stockholm"), and unknown names made
  places of their own inside the town, province or country named with them.
* ``place_descriptions`` (``PlaceDescriptions``): places described, not named: capitals,
  facilities as ``Site`` places ("the interior ministry in Kabul"), "the city", "the mosque".
* ``event_places`` (``EventPlaces``): one event's place: the place its own words attach to, else
  the nearest of its clause; the places sentences and the dateline give for the fallbacks
  applied after coreference (``events.py``).

Parse-only helpers the parts share: ``place_phrases`` (which phrases say where, and which say
nothing of the event: "the Taliban leader in Helmand", "the U.S. embassy") and
``place_name_forms`` (what a name's own words say: "Farah city", "the Old City", a misread
"In Paucarbambilla, a locality in Huanuco").
"""

from __future__ import annotations

from kb.extract.document import Document
from kb.extract.event_places import EventPlaces
from kb.extract.place_descriptions import PlaceDescriptions
from kb.extract.place_name_forms import misread_place_name
from kb.extract.place_names import PlaceNames
from kb.extract.place_phrases import PLACE_LABELS, side_clause
from kb.extract.story_country import StoryCountry
from kb.gazetteer import GazEntry, get_gazetteer
from kb.model import Place

__all__ = ["PlaceResolver", "side_clause"]


class PlaceResolver(EventPlaces, PlaceDescriptions, PlaceNames, StoryCountry):
    """Resolves the place mentions of one document and remembers the places used."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.gazetteer = get_gazetteer()
        self.used: dict[str, Place] = {}
        self._entity_cache: dict[int, GazEntry | None] = {}
        gazetteer = get_gazetteer()
        self._name_places = {e.start for e in document.doc.ents if misread_place_name(e)
                             or (e.label_ in ("ORG", "FAC") and not e.kb_id_ and gazetteer.seat(e.text) is not None)}
        self._entities = [e for e in document.doc.ents if e.label_ in PLACE_LABELS or e.start in self._name_places]
        self.country_weights = self._country_context()
        self.main_country = self.country_weights.most_common(1)[0][0] if self.country_weights else None
        self.dateline_entry = self._resolve_dateline()
