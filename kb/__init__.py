"""Annals: news articles in, a validated RDF knowledge base of events out."""

__version__ = "0.1.0"
