"""Writing many graphs to a store without letting its memory grow."""

from __future__ import annotations

from kb.store.base import GraphWrite, Store


class StoreWriter:
    """Writes ``GraphWrite``s, keeping an embedded store's write memory bounded.

    Oxigraph's RocksDB keeps written data in memory tables until they fill,
    and with its eleven indexes that grows by some 500 bytes per quad: 1.2 GB
    after 10,000 articles, measured. Flushing them to disk every
    ``FLUSH_QUADS`` quads keeps the growth near 150 MB at a cost of about 1 ms
    per article. Remote stores manage their own memory; nothing is flushed there.
    """

    FLUSH_QUADS = 100_000

    def __init__(self, store: Store) -> None:
        self.store = store
        native = getattr(store, "oxigraph", None)  # EmbeddedStore's pyoxigraph store
        self._flush = getattr(native, "flush", None)
        self._unflushed = 0

    def write(self, write: GraphWrite) -> None:
        self.store.write(write)
        if self._flush is None:
            return
        self._unflushed += write.triples.count("\n") + sum(t.count("\n") for t in write.shared.values())
        if self._unflushed >= self.FLUSH_QUADS:
            self._flush()
            self._unflushed = 0
