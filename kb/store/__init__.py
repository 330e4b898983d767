"""Where the knowledge base lives: an embedded Oxigraph folder or a remote SPARQL 1.1 server.

``open_store(spec)`` picks the implementation: an ``http://``/``https://`` value is
a remote query endpoint, anything else a folder for the embedded store.
"""

from __future__ import annotations

from kb.store.base import GraphWrite, Store, StoreError
from kb.store.embedded import EmbeddedStore


def open_store(
    spec: str,
    *,
    update_url: str | None = None,
    gsp_url: str | None = None,
    read_only: bool = False,
) -> Store:
    if spec.startswith(("http://", "https://")):
        from kb.store.remote import RemoteStore

        return RemoteStore(spec, update_url=update_url, gsp_url=gsp_url)
    return EmbeddedStore(spec, read_only=read_only)


__all__ = ["open_store", "Store", "StoreError", "GraphWrite", "EmbeddedStore"]
