"""From articles to validated, store-ready graphs: extract ▶ to_rdf ▶ validate ▶ serialise.

This is the pure part of ingestion: no store is touched, so the same functions
serve ``kb ingest`` (which then writes), ``kb extract`` (which writes N-Quads) and
parallel or distributed runs (which call them in worker processes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from rdflib import Graph

from kb.ids import Iris
from kb.model import Article, Extraction
from kb.rdf import to_rdf
from kb.store.base import GraphWrite


@dataclass
class ArticleResult:
    """What processing one article produced: a write for the store, or a problem."""

    identifier: str
    source: str  # the file it came from (for messages)
    graph: str  # the article's named graph
    content_hash: str
    events: int = 0
    undated: bool = False  # no publication date: relative times unresolved
    write: GraphWrite | None = None
    problem: str | None = None

    def nquads(self) -> str:
        """The write as N-Quads lines (article graph, then shared entity triples)."""
        if self.write is None:
            return ""
        lines = [_quad(line, self.write.graph) for line in self.write.triples.splitlines() if line.strip()]
        for graph, triples in self.write.shared.items():
            lines += [_quad(line, graph) for line in triples.splitlines() if line.strip()]
        return "".join(line + "\n" for line in lines)


def _quad(triple_line: str, graph: str) -> str:
    # An N-Triples line ends with " ." ; insert the graph name before the dot.
    return f"{triple_line.rstrip()[:-1].rstrip()} <{graph}> ."


def split_graph(graph: Graph, article_graph: str, iris: Iris) -> GraphWrite:
    """Split an article's triples from the shared actor/place descriptions.

    Triples about actors and places go to the entities graph, everything else
    to the article's own graph; both as sorted N-Triples, so the same input
    always gives byte-identical output.
    """
    own, shared = Graph(), Graph()
    for triple in graph:
        subject = str(triple[0])
        (shared if iris.is_entity(subject) else own).add(triple)
    return GraphWrite(
        graph=article_graph,
        triples=_sorted_nt(own),
        shared={iris.entities_graph: _sorted_nt(shared)} if len(shared) else {},
    )


def _sorted_nt(graph: Graph) -> str:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return "\n".join(sorted(line for line in text.splitlines() if line.strip())) + "\n"


def build_result(extraction: Extraction, iris: Iris, *, validate: bool = True) -> ArticleResult:
    """RDF for one extraction, validated with SHACL, ready to write."""
    from kb.validate import validate as shacl_validate

    article = extraction.article
    graph_iri = iris.graph(article)
    result = ArticleResult(
        identifier=article.identifier,
        source=article.source_path or article.identifier,
        graph=graph_iri,
        content_hash=article.content_hash,
        events=len(extraction.events),
        undated=article.published is None,
    )
    graph = to_rdf(extraction, iris)
    if validate:
        report = shacl_validate(graph)
        if not report.conforms:
            result.problem = "its graph does not conform to the shapes:\n" + report.text
            return result
    result.write = split_graph(graph, graph_iri, iris)
    return result


def process_articles(articles: Iterable[Article], iris: Iris, *, validate: bool = True) -> Iterator[ArticleResult]:
    """Extract, build and validate a stream of articles (spaCy batches them).

    One article the extractor or the builder fails on becomes one problem
    (``ArticleResult.problem``); the others are still processed. ``extract_many``
    is a generator that an exception ends, so after a failure it is started
    again on the articles after the one it failed on (it yields in input order).
    """
    from kb.extract import extract_many

    pending = list(articles)
    done = 0
    while done < len(pending):
        try:
            for extraction in extract_many(pending[done:]):
                done += 1
                try:
                    yield build_result(extraction, iris, validate=validate)
                except Exception as error:  # a builder bug must not stop the run
                    yield _failed(extraction.article, iris, "building its graph", error)
        except Exception as error:  # nor an extractor bug
            yield _failed(pending[done], iris, "extracting its events", error)
            done += 1


def _failed(article: Article, iris: Iris, stage: str, error: Exception) -> ArticleResult:
    return ArticleResult(
        identifier=article.identifier,
        source=article.source_path or article.identifier,
        graph=iris.graph(article),
        content_hash=article.content_hash,
        problem=f"internal error while {stage}: {type(error).__name__}: {error}",
    )
